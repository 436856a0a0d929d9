/**
 * Input bits cut into groups, and each ±1 point coded by its sign pattern on every group.
 *
 * Inputs are ±1, so W x = Σ_g Σ_{j∈g} x_j W_j is a sum, per group g, of one signed
 * combination of g's columns: a table of those combinations (see partial-sums.ts) turns
 * the |g| column adds of a group into one table read. Tables are half size, because the
 * combination for the pattern −x is minus the one for x: a point reads entry `c` with a
 * sign ±1.
 */

import { heapMemory, type KernelMemory } from "./kernel-memory.js";

/** Groups per fused pass of the pre-activation loop; the group count is padded to a multiple with empty groups (an exact +0). */
export const GROUPS_PER_PASS = 5;

export interface BitGroups {
  readonly n: number;
  /** Bits per group (the last real group may have fewer; padding groups have none). */
  readonly width: number;
  /** Number of groups, padded to a multiple of GROUPS_PER_PASS. */
  readonly count: number;
  /** Table entries per group: 2^(width−1). */
  readonly entries: number;
  readonly start: Int32Array;
  readonly size: Int32Array;
}

export function bitGroups(n: number, width: number, mem: KernelMemory = heapMemory): BitGroups {
  if (!(Number.isInteger(width) && width >= 1 && width <= 16)) throw new RangeError(`group width ${width} must be an integer in 1..16`);
  const real = Math.ceil(n / width);
  const count = Math.max(GROUPS_PER_PASS, Math.ceil(real / GROUPS_PER_PASS) * GROUPS_PER_PASS);
  const start = mem.i32(count);
  const size = mem.i32(count);
  for (let g = 0; g < count; g++) {
    start[g] = Math.min(n, g * width);
    size[g] = Math.max(0, Math.min(n, (g + 1) * width) - start[g]);
  }
  return { n, width, count, entries: 1 << (width - 1), start, size };
}

/**
 * The table reads of each point: `entry[r·count + g]` = g·entries + c, where c codes the
 * signs of the point's bits in g (bit t set iff x_{start+t} = −1, the top bit folded into
 * `sign`), and `sign[r·count + g]` = ±1.
 */
export interface PointCodes {
  readonly entry: Int32Array;
  readonly sign: Float64Array;
  /**
   * The points sorted by their entries of the first two groups (then by index): read in
   * this order, consecutive points share table rows, which then come from L1.
   */
  readonly order: Int32Array;
}

/**
 * Codes of the sets seen before, by their X array and group width: metrics are taken on
 * the same two sets after every epoch. A hit is checked against a copy of X, so a set
 * changed in place is coded afresh.
 */
const seen = new WeakMap<Int8Array, Map<number, { X: Buffer; entry: Int32Array; sign: Float64Array; order: Int32Array }>>();

function codesOf(groups: BitGroups, X: Int8Array, points: number): { entry: Int32Array; sign: Float64Array; order: Int32Array } {
  const { n, count, width, entries, start, size } = groups;
  const byWidth = seen.get(X) ?? new Map();
  seen.set(X, byWidth);
  const hit = byWidth.get(width);
  const bytes = Buffer.from(X.buffer, X.byteOffset, points * n);
  if (hit && hit.entry.length === points * count && hit.X.equals(bytes)) return hit;
  const entry = new Int32Array(points * count);
  const sign = new Float64Array(points * count);
  for (let r = 0; r < points; r++) {
    for (let g = 0; g < count; g++) {
      const k = r * count + g;
      const w = size[g];
      let c = 0;
      for (let t = 0; t < w; t++) if (X[r * n + start[g] + t] < 0) c |= 1 << t;
      let s = 1;
      if (w > 0 && c >= 1 << (w - 1)) {
        c ^= (1 << w) - 1;
        s = -1;
      }
      entry[k] = g * entries + c;
      sign[k] = s;
    }
  }
  const G = count;
  const order = Int32Array.from({ length: points }, (_, r) => r).sort((a, b) => entry[a * G] - entry[b * G] || entry[a * G + 1] - entry[b * G + 1] || a - b);
  const codes = { X: Buffer.from(bytes), entry, sign, order };
  byWidth.set(width, codes);
  return codes;
}

/** The codes of the first `points` rows of X, in `mem` (left empty when `mem` only counts). */
export function pointCodes(groups: BitGroups, X: Int8Array, points: number, mem: KernelMemory = heapMemory): PointCodes {
  const entry = mem.i32(points * groups.count);
  const sign = mem.f64(points * groups.count);
  const order = mem.i32(points);
  if (entry.length < points * groups.count) return { entry, sign, order };
  const codes = codesOf(groups, X, points);
  entry.set(codes.entry);
  sign.set(codes.sign);
  order.set(codes.order);
  return { entry, sign, order };
}
