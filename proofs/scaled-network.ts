import type { Network } from "../src/net/network.js";
import { dyadic, rational, type Rational } from "./rational.js";
import { precedes } from "./pattern-order.js";

/**
 * A network read exactly as integers: every float64 is m·2^e, so W and b share one
 * scale 2^hExp and u another 2^uExp, and f(x) = F(x)·2^(hExp+uExp) with F an integer
 * sum of integer products. The enumeration below runs over the ±1 values of the chosen
 * input columns only (the others are held at +1), in Gray-code order, so each step updates
 * every pre-activation by one ±2·W_ij.
 */
export interface ScaledNetwork {
  readonly p: number;
  /** The input coordinates that are enumerated. */
  readonly cols: readonly number[];
  /** p × cols.length integers. */
  readonly W: readonly bigint[];
  /** Bias plus the contribution of the columns held at +1. */
  readonly b: readonly bigint[];
  readonly u: readonly bigint[];
  readonly hExp: number;
  readonly uExp: number;
}

export function scaleNetwork(net: Network, cols: readonly number[]): ScaledNetwork {
  const { n, p } = net;
  const inCols = new Set(cols);
  const wd = Array.from({ length: p * cols.length }, (_, r) => dyadic(net.W[Math.floor(r / cols.length) * n + cols[r % cols.length]]));
  const bd = Array.from({ length: p }, (_, i) => {
    const parts = [dyadic(net.b[i])];
    for (let j = 0; j < n; j++) if (!inCols.has(j) && net.W[i * n + j] !== 0) parts.push(dyadic(net.W[i * n + j]));
    return parts;
  });
  const ud = Array.from(net.u, (v) => dyadic(v));
  let hExp = 0;
  for (const d of wd) if (d.m !== 0n) hExp = Math.min(hExp, d.e);
  for (const parts of bd) for (const d of parts) if (d.m !== 0n) hExp = Math.min(hExp, d.e);
  let uExp = 0;
  for (const d of ud) if (d.m !== 0n) uExp = Math.min(uExp, d.e);
  const at = (d: { m: bigint; e: number }, base: number): bigint => d.m << BigInt(d.e - base);
  return {
    p,
    cols: [...cols],
    W: wd.map((d) => at(d, hExp)),
    b: bd.map((parts) => parts.reduce((s, d) => s + at(d, hExp), 0n)),
    u: ud.map((d) => at(d, uExp)),
    hExp,
    uExp,
  };
}

/** The exact value F·2^(hExp+uExp). */
export function outputValue(s: ScaledNetwork, F: bigint): Rational {
  const e = s.hExp + s.uExp;
  return e >= 0 ? rational(F << BigInt(e)) : rational(F, 1n << BigInt(-e));
}

/** Summary of one exhaustive pass: margins y·F over all 2^|cols| patterns. */
export interface PassResult {
  readonly count: number;
  /** min over patterns of y·F (scaled). */
  readonly minMargin: bigint;
  /** The smallest pattern index with y·F ≤ 0, or −1. */
  readonly failing: number;
  readonly failingF: bigint;
  /** F for every pattern index, when collected. */
  readonly outputs: readonly bigint[] | null;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * True when every partial sum of the pass stays below 2^53 in magnitude, so plain float64
 * integer arithmetic is exact (the usual case: constructions have small integer weights).
 */
export function fitsSafely(s: ScaledNetwork): boolean {
  const c = s.cols.length;
  let total = 0n;
  for (let i = 0; i < s.p; i++) {
    let h = abs(s.b[i]);
    for (let j = 0; j < c; j++) h += abs(s.W[i * c + j]);
    if (h > SAFE || abs(s.u[i]) > SAFE) return false;
    total += abs(s.u[i]) * h;
    if (total > SAFE) return false;
  }
  return true;
}

/**
 * Enumerates every ±1 pattern of the columns; `inSupport[j]` says whether column j is a
 * support bit (the label is the product of those bits).
 */
export function exhaustivePass(s: ScaledNetwork, inSupport: readonly boolean[], collect: boolean): PassResult {
  const c = s.cols.length;
  if (c > 30) throw new RangeError(`refusing to enumerate 2^${c} patterns`);
  return fitsSafely(s) ? passNumber(s, inSupport, collect) : passBigint(s, inSupport, collect);
}

function passNumber(s: ScaledNetwork, inSupport: readonly boolean[], collect: boolean): PassResult {
  const { p } = s;
  const c = s.cols.length;
  const W = Float64Array.from(s.W, Number);
  const u = Float64Array.from(s.u, Number);
  const h = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let v = Number(s.b[i]);
    for (let j = 0; j < c; j++) v += W[i * c + j];
    h[i] = v;
  }
  const total = 2 ** c;
  const outputs = collect ? new Float64Array(total) : null;
  let t = 0;
  let y = 1;
  let minMargin = Infinity;
  let failing = -1;
  let failingF = 0;
  for (let step = 0; ; step++) {
    let F = 0;
    for (let i = 0; i < p; i++) if (h[i] > 0) F += u[i] * h[i];
    if (outputs) outputs[t] = F;
    const m = y * F;
    if (m < minMargin) minMargin = m;
    if (m <= 0 && (failing < 0 || precedes(t, failing))) {
      failing = t;
      failingF = F;
    }
    if (step + 1 === total) break;
    // Gray code: step → step+1 flips the lowest set bit of step+1.
    const j = 31 - Math.clz32((step + 1) & -(step + 1));
    const bit = 1 << j;
    const d = t & bit ? 2 : -2; // −1 → +1 adds 2·W_ij, +1 → −1 subtracts it
    t ^= bit;
    if (inSupport[j]) y = -y;
    for (let i = 0; i < p; i++) h[i] += d * W[i * c + j];
  }
  return {
    count: total,
    minMargin: BigInt(minMargin),
    failing,
    failingF: BigInt(failingF),
    outputs: outputs ? Array.from(outputs, (v) => BigInt(v)) : null,
  };
}

function passBigint(s: ScaledNetwork, inSupport: readonly boolean[], collect: boolean): PassResult {
  const { p, W, u } = s;
  const c = s.cols.length;
  const h: bigint[] = [];
  for (let i = 0; i < p; i++) {
    let v = s.b[i];
    for (let j = 0; j < c; j++) v += W[i * c + j];
    h.push(v);
  }
  const total = 2 ** c;
  const outputs: bigint[] | null = collect ? new Array<bigint>(total) : null;
  let t = 0;
  let y = 1n;
  let minMargin: bigint | null = null;
  let failing = -1;
  let failingF = 0n;
  for (let step = 0; ; step++) {
    let F = 0n;
    for (let i = 0; i < p; i++) if (h[i] > 0n) F += u[i] * h[i];
    if (outputs) outputs[t] = F;
    const m = y * F;
    if (minMargin === null || m < minMargin) minMargin = m;
    if (m <= 0n && (failing < 0 || precedes(t, failing))) {
      failing = t;
      failingF = F;
    }
    if (step + 1 === total) break;
    const j = 31 - Math.clz32((step + 1) & -(step + 1));
    const bit = 1 << j;
    const d = t & bit ? 2n : -2n;
    t ^= bit;
    if (inSupport[j]) y = -y;
    for (let i = 0; i < p; i++) h[i] += d * W[i * c + j];
  }
  return { count: total, minMargin: minMargin ?? 0n, failing, failingF, outputs };
}
