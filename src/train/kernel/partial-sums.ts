import type { BitGroups } from "./bit-groups.js";

/**
 * Fills the half tables of signed partial column sums for `count` neurons:
 *
 *   T[(g·entries + c)·stride + i] = Σ_{t < |g|} (−1)^{c_t} cols[(start_g + t)·colStride + colOffset + i]
 *
 * for every group g and every code c < 2^(|g|−1) (the top bit is always +; the other
 * half of the table is its negation). Entry 0 is the plain sum; entry c + 2^t is entry c
 * with the sign of bit t flipped, one vector operation per entry. Padding groups hold 0.
 */
export function buildHalfTables(
  groups: BitGroups,
  cols: Float64Array,
  colStride: number,
  colOffset: number,
  count: number,
  T: Float64Array,
  stride: number,
): void {
  const { count: G, entries, start, size } = groups;
  for (let g = 0; g < G; g++) {
    const base = g * entries * stride;
    const w = size[g];
    if (w === 0) {
      T.fill(0, base, base + count);
      continue;
    }
    const o0 = start[g] * colStride + colOffset;
    if (w === 4) {
      // The general recurrence below, unrolled: every entry in one pass over the block.
      const o1 = o0 + colStride;
      const o2 = o1 + colStride;
      const o3 = o2 + colStride;
      for (let i = 0; i < count; i++) {
        const a = cols[o0 + i];
        const b = cols[o1 + i];
        const c = cols[o2 + i];
        const t0 = ((a + b) + c) + cols[o3 + i];
        const t1 = t0 - 2 * a;
        const t2 = t0 - 2 * b;
        const t3 = t1 - 2 * b;
        T[base + i] = t0;
        T[base + stride + i] = t1;
        T[base + 2 * stride + i] = t2;
        T[base + 3 * stride + i] = t3;
        T[base + 4 * stride + i] = t0 - 2 * c;
        T[base + 5 * stride + i] = t1 - 2 * c;
        T[base + 6 * stride + i] = t2 - 2 * c;
        T[base + 7 * stride + i] = t3 - 2 * c;
      }
      continue;
    }
    for (let i = 0; i < count; i++) T[base + i] = cols[o0 + i];
    for (let t = 1; t < w; t++) {
      const ot = (start[g] + t) * colStride + colOffset;
      for (let i = 0; i < count; i++) T[base + i] += cols[ot + i];
    }
    for (let t = 0; t < w - 1; t++) {
      const ot = (start[g] + t) * colStride + colOffset;
      const half = 1 << t;
      for (let c = 0; c < half; c++) {
        const src = base + c * stride;
        const dst = base + (c + half) * stride;
        for (let i = 0; i < count; i++) T[dst + i] = T[src + i] - 2 * cols[ot + i];
      }
    }
  }
}
