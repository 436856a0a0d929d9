import type { LinearSystem } from "./linear-system.js";
import { ONE, ZERO, add, div, integer, isZero, mul, neg, rational, sign, sub, type Rational } from "./rational.js";

/**
 * Farkas' lemma: a_r · z ≥ c_r (all r) has no solution iff some y ≥ 0 has Σ y_r a_r = 0 and
 * Σ y_r c_r > 0 (summing the rows with weights y gives 0 ≥ positive). Such a y, checked in
 * exact rational arithmetic, is a proof of infeasibility that does not trust the LP solver.
 */
export type FarkasVector = readonly Rational[];

export function checkFarkas(sys: LinearSystem, y: FarkasVector): { ok: true } | { ok: false; reason: string } {
  if (y.length !== sys.rows.length) return { ok: false, reason: `y has ${y.length} entries, the system ${sys.rows.length} rows` };
  for (let r = 0; r < y.length; r++) if (sign(y[r]) < 0) return { ok: false, reason: `y[${r}] < 0` };
  for (let v = 0; v < sys.vars; v++) {
    let s = ZERO;
    for (let r = 0; r < y.length; r++) if (sys.rows[r].a[v] !== 0) s = add(s, mul(y[r], integer(sys.rows[r].a[v])));
    if (!isZero(s)) return { ok: false, reason: `Σ y_r a_r is not 0 in coordinate ${v}` };
  }
  let rhs = ZERO;
  for (let r = 0; r < y.length; r++) rhs = add(rhs, mul(y[r], integer(sys.rows[r].c)));
  if (sign(rhs) <= 0) return { ok: false, reason: "Σ y_r c_r is not positive" };
  return { ok: true };
}

/** The nearest fraction with denominator ≤ maxDen (continued fractions). */
export function nearestFraction(x: number, maxDen = 1_000_000): Rational {
  const negative = x < 0;
  let v = Math.abs(x);
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(v);
    const h2 = BigInt(a) * h1 + h0;
    const k2 = BigInt(a) * k1 + k0;
    if (k2 > BigInt(maxDen)) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    const frac = v - a;
    if (frac < 1e-12) break;
    v = 1 / frac;
  }
  const q = rational(h1, k1 === 0n ? 1n : k1);
  return negative ? neg(q) : q;
}

/**
 * Turns the solver's float y into an exact Farkas vector: on the support T of y, solve
 * Σ_{r∈T} y_r a_r = 0, Σ_{r∈T} y_r c_r = 1 exactly (a simplex vertex makes the solution
 * unique; any free unknown takes the rounded solver value). Returns null if the exact
 * vector fails checkFarkas.
 */
export function exactFarkas(sys: LinearSystem, yFloat: readonly number[], tol = 1e-9): FarkasVector | null {
  const T = yFloat.flatMap((v, r) => (v > tol ? [r] : []));
  if (T.length === 0) return null;
  // Equations: one per variable, plus the normalisation; unknowns y_T.
  const rows: Rational[][] = [];
  for (let v = 0; v < sys.vars; v++) rows.push([...T.map((r) => integer(sys.rows[r].a[v])), ZERO]);
  rows.push([...T.map((r) => integer(sys.rows[r].c)), ONE]);
  const solution = solveExact(rows, T.length, T.map((r) => nearestFraction(yFloat[r])));
  if (!solution) return null;
  const y: Rational[] = sys.rows.map(() => ZERO);
  T.forEach((r, i) => (y[r] = solution[i]));
  return checkFarkas(sys, y).ok ? y : null;
}

/**
 * Gauss–Jordan elimination over the rationals of an augmented matrix (m rows, unknowns
 * columns, last column the right-hand side). Free unknowns take `fallback`. Null when
 * inconsistent.
 */
export function solveExact(aug: Rational[][], unknowns: number, fallback: readonly Rational[]): Rational[] | null {
  const M = aug.map((row) => [...row]);
  const pivotCol: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns && r < M.length; c++) {
    let p = -1;
    for (let i = r; i < M.length; i++) if (!isZero(M[i][c])) {
      p = i;
      break;
    }
    if (p < 0) continue;
    [M[r], M[p]] = [M[p], M[r]];
    const inv = div(ONE, M[r][c]);
    M[r] = M[r].map((v) => mul(v, inv));
    for (let i = 0; i < M.length; i++) {
      if (i === r || isZero(M[i][c])) continue;
      const f = M[i][c];
      M[i] = M[i].map((v, j) => sub(v, mul(f, M[r][j])));
    }
    pivotCol.push(c);
    r++;
  }
  for (let i = r; i < M.length; i++) if (!isZero(M[i][unknowns])) return null;
  const x: Rational[] = [...fallback];
  const isPivot = new Set(pivotCol);
  pivotCol.forEach((c, i) => {
    let v = M[i][unknowns];
    for (let j = 0; j < unknowns; j++) if (!isPivot.has(j) && !isZero(M[i][j])) v = sub(v, mul(M[i][j], x[j]));
    x[c] = v;
  });
  return x;
}
