import { type Network } from "../../src/net/network.js";

/**
 * Ground truth by enumeration of the cube. Pre-activations and outputs are summed in
 * float and, when a sum is within a generous rounding margin of 0, recomputed
 * exactly with BigInt dyadics written here independently of src/audit.
 */
function toDyadic(v: number): [bigint, number] {
  if (v === 0) return [0n, 0];
  let e = 0;
  let m = v;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  return [BigInt(m), e];
}

function exactSign(terms: [bigint, number][]): number {
  const nz = terms.filter(([m]) => m !== 0n);
  if (nz.length === 0) return 0;
  const base = Math.min(...nz.map(([, e]) => e));
  const s = nz.reduce((a, [m, e]) => a + (m << BigInt(e - base)), 0n);
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/** sgn f(x) in exact arithmetic, and the same restricted to `group` when given. */
export function exactSigns(net: Network, x: ArrayLike<number>, group?: ReadonlySet<number>): [number, number] {
  const { n, p, W, b, u } = net;
  const fTerms: [bigint, number][] = [];
  const gTerms: [bigint, number][] = [];
  let fFloat = 0, gFloat = 0, scale = 0;
  let needExact = false;
  const pre: [bigint, number][][] = [];
  for (let i = 0; i < p; i++) {
    let a = b[i];
    let mag = Math.abs(b[i]);
    for (let j = 0; j < n; j++) {
      a += W[i * n + j] * x[j];
      mag += Math.abs(W[i * n + j]);
    }
    let on = a > 0;
    if (Math.abs(a) <= 1e-9 * mag) {
      needExact = true;
      const terms = [toDyadic(b[i]), ...Array.from({ length: n }, (_, j) => toDyadic(W[i * n + j] * x[j]))];
      on = exactSign(terms) > 0;
      pre.push(terms);
    } else pre.push([]);
    if (!on) continue;
    fFloat += u[i] * a;
    scale += Math.abs(u[i]) * mag;
    if (group?.has(i)) gFloat += u[i] * a;
  }
  const fSign = Math.sign(fFloat);
  const gSign = Math.sign(gFloat);
  if (!needExact && Math.abs(fFloat) > 1e-9 * scale && (!group || Math.abs(gFloat) > 1e-9 * scale)) return [fSign, gSign];
  // Exact: Σ_i u_i·a_i over the neurons exactly on, each a_i an exact dyadic sum.
  for (let i = 0; i < p; i++) {
    const terms = pre[i].length ? pre[i] : [toDyadic(b[i]), ...Array.from({ length: n }, (_, j) => toDyadic(W[i * n + j] * x[j]))];
    if (exactSign(terms) <= 0) continue;
    const [um, ue] = toDyadic(u[i]);
    for (const [m, e] of terms) {
      fTerms.push([um * m, ue + e]);
      if (group?.has(i)) gTerms.push([um * m, ue + e]);
    }
  }
  return [exactSign(fTerms), exactSign(gTerms)];
}

export function* cube(n: number): Generator<Int8Array> {
  const x = new Int8Array(n);
  for (let t = 0; t < 2 ** n; t++) {
    for (let j = 0; j < n; j++) x[j] = (t >> j) & 1 ? -1 : 1;
    yield x;
  }
}

export function bruteParity(net: Network, support: readonly number[]): { correct: number; total: number } {
  let correct = 0;
  for (const x of cube(net.n)) {
    const t = support.reduce((a, j) => a * x[j], 1);
    if (exactSigns(net, x)[0] === t) correct++;
  }
  return { correct, total: 2 ** net.n };
}

export function bruteAgreement(net: Network, group: readonly number[]): { agree: number; total: number } {
  const set = new Set(group);
  let agree = 0;
  for (const x of cube(net.n)) {
    const [f, g] = exactSigns(net, x, set);
    if (f === g) agree++;
  }
  return { agree, total: 2 ** net.n };
}
