import { GROUPS_PER_PASS, type BitGroups, type PointCodes } from "./bit-groups.js";

/**
 * Pre-activations and output sums of one block of neurons (i0 … i0 + cnt − 1, cnt a
 * multiple of 4) for a list of points, from the block's half tables (partial-sums.ts):
 * one signed table read per group of input bits instead of one add per bit.
 *
 * For the k-th point (row `points[k]` of the coded set, or row k when `points` is null):
 *   h_i = b_i + (((((r0 + r1) + r2) + r3) + r4)) [+ the next pass of 5 reads …]   → H[k·hStride + hOffset + i]
 *   f[k] += (a0 + a1) + (a2 + a3),   a_m = Σ_{i ≡ m mod 4} u_i σ(h_i)  (in index order)
 * The summation order is part of the contract: the WebAssembly kernel (two f64 lanes,
 * two vectors) follows it exactly, so both give the same bits.
 */
export function blockOutputs(
  groups: BitGroups,
  codes: PointCodes,
  T: Float64Array,
  stride: number,
  points: Int32Array | null,
  count: number,
  b: Float64Array,
  u: Float64Array,
  i0: number,
  cnt: number,
  H: Float64Array,
  hStride: number,
  hOffset: number,
  f: Float64Array,
): void {
  const { entry, sign } = codes;
  const G = groups.count;
  for (let k = 0; k < count; k++) {
    const base = (points === null ? k : points[k]) * G;
    const ho = k * hStride + hOffset;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let q = base, end = base + G; q < end; q += GROUPS_PER_PASS) {
      const e0 = entry[q] * stride;
      const e1 = entry[q + 1] * stride;
      const e2 = entry[q + 2] * stride;
      const e3 = entry[q + 3] * stride;
      const e4 = entry[q + 4] * stride;
      const s0 = sign[q];
      const s1 = sign[q + 1];
      const s2 = sign[q + 2];
      const s3 = sign[q + 3];
      const s4 = sign[q + 4];
      // h starts from b in the first pass and from the stored partial sum after it.
      const from = q === base ? b : H;
      const fo = q === base ? i0 : ho;
      if (q + GROUPS_PER_PASS < end) {
        for (let i = 0; i < cnt; i++) {
          H[ho + i] = from[fo + i] + ((((s0 * T[e0 + i] + s1 * T[e1 + i]) + s2 * T[e2 + i]) + s3 * T[e3 + i]) + s4 * T[e4 + i]);
        }
        continue;
      }
      // The last pass also sums the output, four interleaved partial sums.
      for (let i = 0; i < cnt; i += 4) {
        const h0 = from[fo + i] + ((((s0 * T[e0 + i] + s1 * T[e1 + i]) + s2 * T[e2 + i]) + s3 * T[e3 + i]) + s4 * T[e4 + i]);
        const h1 = from[fo + i + 1] + ((((s0 * T[e0 + i + 1] + s1 * T[e1 + i + 1]) + s2 * T[e2 + i + 1]) + s3 * T[e3 + i + 1]) + s4 * T[e4 + i + 1]);
        const h2 = from[fo + i + 2] + ((((s0 * T[e0 + i + 2] + s1 * T[e1 + i + 2]) + s2 * T[e2 + i + 2]) + s3 * T[e3 + i + 2]) + s4 * T[e4 + i + 2]);
        const h3 = from[fo + i + 3] + ((((s0 * T[e0 + i + 3] + s1 * T[e1 + i + 3]) + s2 * T[e2 + i + 3]) + s3 * T[e3 + i + 3]) + s4 * T[e4 + i + 3]);
        H[ho + i] = h0;
        H[ho + i + 1] = h1;
        H[ho + i + 2] = h2;
        H[ho + i + 3] = h3;
        a0 += u[i0 + i] * Math.max(h0, 0);
        a1 += u[i0 + i + 1] * Math.max(h1, 0);
        a2 += u[i0 + i + 2] * Math.max(h2, 0);
        a3 += u[i0 + i + 3] * Math.max(h3, 0);
      }
    }
    f[k] += (a0 + a1) + (a2 + a3);
  }
}
