/** Contributing samples combined per table of signed mask sums. */
export const SAMPLES_PER_GROUP = 4;

/** Scratch of `hingeBlock` (and of its WebAssembly twin) for blocks of up to `block` neurons, n inputs and `maxBatch` samples. */
export interface HingeScratch {
  readonly q: Float64Array;
  readonly yb: Float64Array;
  readonly ur: Float64Array;
  /** SAMPLES_PER_GROUP rows of `block`. */
  readonly mask: Float64Array;
  /** 2^(SAMPLES_PER_GROUP−1) rows of `block`. */
  readonly M: Float64Array;
  /** n rows of `block`. */
  readonly D: Float64Array;
  /** The wasm twin's bit masks: ⌈maxBatch/32⌉ rows of `block` words, and ⌈maxBatch/32⌉ rows of n + 1 sign words, each splatted to 4 lanes. */
  readonly bits: Int32Array;
  readonly words: Int32Array;
}

/**
 * The gradient part of an SGD step on θ̃ for one block of neurons (i0 … i0 + cnt − 1),
 * for the m samples inside the hinge margin (the others contribute no gradient). Sample t
 * is row `rows[t]` of X with label `ys[t]` and pre-activations H̃[samples[t]·P + i]. With
 * c = rate/B:
 *
 *   W̃_ij += c ũ_i D_ij,  D_ij = Σ_t y_t x_tj [h̃_ti > 0]   (an integer, so exact in any order)
 *   b̃_i  += c ũ_i Σ_t y_t [h̃_ti > 0]
 *   ũ_i  += c Σ_t y_t σ(h̃_ti)
 *
 * (ũ on the right is the value before the step.) D is summed four samples at a time: a
 * table of the 8 signed sums of their masks (the other 8 are negations) turns four
 * column updates into one table read, as the input tables do for the forward pass.
 * With `scale` ≠ 1, the block's θ̃ is first multiplied by it (the decay when it cannot be
 * lazy). Every floating-point operation is elementwise in i and the WebAssembly twin does
 * the same ones in the same order; it counts the integers D with bit masks instead of
 * tables, which gives the same integers.
 */
export function hingeBlock(
  n: number,
  P: number,
  WT: Float64Array,
  b: Float64Array,
  u: Float64Array,
  i0: number,
  cnt: number,
  H: Float64Array,
  X: Int8Array,
  samples: Int32Array,
  rows: Int32Array,
  ys: Int32Array,
  m: number,
  c: number,
  scale: number,
  s: HingeScratch,
  block: number,
): void {
  const { q, yb, ur, mask, M, D } = s;
  for (let i = 0; i < cnt; i++) q[i] = c * u[i0 + i];
  if (scale !== 1) {
    for (let j = 0; j < n; j++) for (let i = 0; i < cnt; i++) WT[j * P + i0 + i] *= scale;
    for (let i = 0; i < cnt; i++) {
      b[i0 + i] *= scale;
      u[i0 + i] *= scale;
    }
  }
  if (m === 0) return;
  for (let i = 0; i < cnt; i++) {
    yb[i] = 0;
    ur[i] = 0;
  }
  for (let k0 = 0; k0 < m; k0 += SAMPLES_PER_GROUP) {
    const r = Math.min(SAMPLES_PER_GROUP, m - k0);
    const first = k0 === 0;
    const last = k0 + r >= m;
    for (let t = 0; t < r; t++) {
      const y = ys[k0 + t];
      const ho = samples[k0 + t] * P + i0;
      const mo = t * block;
      for (let i = 0; i < cnt; i++) {
        const h = H[ho + i];
        const mk = h > 0 ? 1 : 0;
        mask[mo + i] = mk;
        yb[i] += y * mk;
        ur[i] += y * Math.max(h, 0);
      }
    }
    // M[code] = Σ_t (−1)^{code_t} mask_t, the last sample of the group always +.
    for (let i = 0; i < cnt; i++) M[i] = mask[i];
    for (let t = 1; t < r; t++) for (let i = 0; i < cnt; i++) M[i] += mask[t * block + i];
    for (let t = 0; t < r - 1; t++) {
      const half = 1 << t;
      for (let cc = 0; cc < half; cc++) {
        const src = cc * block;
        const dst = (cc + half) * block;
        for (let i = 0; i < cnt; i++) M[dst + i] = M[src + i] - 2 * mask[t * block + i];
      }
    }
    const top = 1 << (r - 1);
    const all = (1 << r) - 1;
    for (let j = 0; j < n; j++) {
      let code = 0;
      for (let t = 0; t < r; t++) if (ys[k0 + t] * X[rows[k0 + t] * n + j] < 0) code |= 1 << t;
      let sg = 1;
      if (code >= top) {
        code ^= all;
        sg = -1;
      }
      const mo = code * block;
      const dj = j * block;
      const wj = j * P + i0;
      if (!last) {
        if (first) for (let i = 0; i < cnt; i++) D[dj + i] = sg * M[mo + i];
        else for (let i = 0; i < cnt; i++) D[dj + i] += sg * M[mo + i];
      } else if (first) {
        for (let i = 0; i < cnt; i++) WT[wj + i] += q[i] * (sg * M[mo + i]);
      } else {
        for (let i = 0; i < cnt; i++) WT[wj + i] += q[i] * (D[dj + i] + sg * M[mo + i]);
      }
    }
  }
  for (let i = 0; i < cnt; i++) {
    b[i0 + i] += q[i] * yb[i];
    u[i0 + i] += c * ur[i];
  }
}
