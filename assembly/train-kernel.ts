// The WebAssembly SIMD twin of src/train/kernel/{partial-sums,block-outputs,hinge-update}.ts
// (AssemblyScript, compiled by scripts/build-wasm.mjs during `npm run build`). Every
// function performs the same float64 operations in the same order as its TypeScript
// twin, two neurons per f64x2 lane pair, so both give identical bits; the TypeScript
// one is the checked reference (test/train/kernel.test.ts). Pointers are byte addresses
// in this module's memory; counts of neurons are multiples of 4.

// σ(h) is f64x2.pmax(h, 0) = (h < 0 ? 0 : h), one instruction, where the twin has
// Math.max(h, 0): they differ only at h = −0 (−0 against +0), and every σ(h) only ever
// enters a product added to a sum that starts at +0, where ±0 leaves the same bits.

// @ts-nocheck: AssemblyScript types (usize, v128, f64x2, load, store) are not TypeScript's.

const F = 8;

/** Half tables of signed partial column sums: see partial-sums.ts. */
export function buildHalfTables(G: i32, entries: i32, start: usize, size: usize, cols: usize, colStride: i32, colOffset: i32, count: i32, T: usize, stride: i32): void {
  const two = f64x2.splat(2.0);
  const bytes = <usize>count * F;
  const rowBytes = <usize>stride * F;
  for (let g = 0; g < G; g++) {
    const base = T + <usize>(g * entries) * rowBytes;
    const w = load<i32>(size + <usize>g * 4);
    if (w == 0) {
      for (let i: usize = 0; i < bytes; i += 16) v128.store(base + i, f64x2.splat(0.0));
      continue;
    }
    const s0 = load<i32>(start + <usize>g * 4);
    const o0 = cols + <usize>(s0 * colStride + colOffset) * F;
    if (w == 4) {
      const cb = <usize>colStride * F;
      for (let i: usize = 0; i < bytes; i += 16) {
        const a = v128.load(o0 + i);
        const b = v128.load(o0 + cb + i);
        const c2 = f64x2.mul(two, v128.load(o0 + 2 * cb + i));
        const t0 = f64x2.add(f64x2.add(f64x2.add(a, b), v128.load(o0 + 2 * cb + i)), v128.load(o0 + 3 * cb + i));
        const b2 = f64x2.mul(two, b);
        const t1 = f64x2.sub(t0, f64x2.mul(two, a));
        const t2 = f64x2.sub(t0, b2);
        const t3 = f64x2.sub(t1, b2);
        v128.store(base + i, t0);
        v128.store(base + rowBytes + i, t1);
        v128.store(base + 2 * rowBytes + i, t2);
        v128.store(base + 3 * rowBytes + i, t3);
        v128.store(base + 4 * rowBytes + i, f64x2.sub(t0, c2));
        v128.store(base + 5 * rowBytes + i, f64x2.sub(t1, c2));
        v128.store(base + 6 * rowBytes + i, f64x2.sub(t2, c2));
        v128.store(base + 7 * rowBytes + i, f64x2.sub(t3, c2));
      }
      continue;
    }
    for (let i: usize = 0; i < bytes; i += 16) v128.store(base + i, v128.load(o0 + i));
    for (let t = 1; t < w; t++) {
      const ot = cols + <usize>((s0 + t) * colStride + colOffset) * F;
      for (let i: usize = 0; i < bytes; i += 16) v128.store(base + i, f64x2.add(v128.load(base + i), v128.load(ot + i)));
    }
    for (let t = 0; t < w - 1; t++) {
      const ot = cols + <usize>((s0 + t) * colStride + colOffset) * F;
      const half = 1 << t;
      for (let c = 0; c < half; c++) {
        const src = base + <usize>c * rowBytes;
        const dst = base + <usize>(c + half) * rowBytes;
        for (let i: usize = 0; i < bytes; i += 16) v128.store(dst + i, f64x2.sub(v128.load(src + i), f64x2.mul(two, v128.load(ot + i))));
      }
    }
  }
}

/** Pre-activations and output sums of a block of neurons for a list of points: see block-outputs.ts. */
export function blockOutputs(
  G: i32,
  entry: usize,
  sign: usize,
  T: usize,
  stride: i32,
  points: usize,
  count: i32,
  b: usize,
  u: usize,
  i0: i32,
  cnt: i32,
  H: usize,
  hStride: i32,
  hOffset: i32,
  f: usize,
): void {
  const zero = f64x2.splat(0.0);
  const bytes = <usize>cnt * F;
  const rowBytes = <usize>stride * F;
  const bb = b + <usize>i0 * F;
  const uu = u + <usize>i0 * F;
  for (let k = 0; k < count; k++) {
    const row = points == 0 ? k : load<i32>(points + <usize>k * 4);
    const base = row * G;
    const ho = H + <usize>(k * hStride + hOffset) * F;
    // a0, a1 in the lanes of v0; a2, a3 in those of v1.
    let v0 = zero;
    let v1 = zero;
    for (let q = base; q < base + G; q += 5) {
      const e0 = T + <usize>load<i32>(entry + <usize>q * 4) * rowBytes;
      const e1 = T + <usize>load<i32>(entry + <usize>(q + 1) * 4) * rowBytes;
      const e2 = T + <usize>load<i32>(entry + <usize>(q + 2) * 4) * rowBytes;
      const e3 = T + <usize>load<i32>(entry + <usize>(q + 3) * 4) * rowBytes;
      const e4 = T + <usize>load<i32>(entry + <usize>(q + 4) * 4) * rowBytes;
      const s0 = f64x2.splat(load<f64>(sign + <usize>q * F));
      const s1 = f64x2.splat(load<f64>(sign + <usize>(q + 1) * F));
      const s2 = f64x2.splat(load<f64>(sign + <usize>(q + 2) * F));
      const s3 = f64x2.splat(load<f64>(sign + <usize>(q + 3) * F));
      const s4 = f64x2.splat(load<f64>(sign + <usize>(q + 4) * F));
      const from = q == base ? bb : ho;
      if (q + 5 < base + G) {
        for (let i: usize = 0; i < bytes; i += 16) {
          let a = f64x2.add(f64x2.mul(s0, v128.load(e0 + i)), f64x2.mul(s1, v128.load(e1 + i)));
          a = f64x2.add(a, f64x2.mul(s2, v128.load(e2 + i)));
          a = f64x2.add(a, f64x2.mul(s3, v128.load(e3 + i)));
          a = f64x2.add(a, f64x2.mul(s4, v128.load(e4 + i)));
          v128.store(ho + i, f64x2.add(v128.load(from + i), a));
        }
        continue;
      }
      for (let i: usize = 0; i < bytes; i += 32) {
        let a = f64x2.add(f64x2.mul(s0, v128.load(e0 + i)), f64x2.mul(s1, v128.load(e1 + i)));
        let c = f64x2.add(f64x2.mul(s0, v128.load(e0 + i + 16)), f64x2.mul(s1, v128.load(e1 + i + 16)));
        a = f64x2.add(a, f64x2.mul(s2, v128.load(e2 + i)));
        c = f64x2.add(c, f64x2.mul(s2, v128.load(e2 + i + 16)));
        a = f64x2.add(a, f64x2.mul(s3, v128.load(e3 + i)));
        c = f64x2.add(c, f64x2.mul(s3, v128.load(e3 + i + 16)));
        a = f64x2.add(a, f64x2.mul(s4, v128.load(e4 + i)));
        c = f64x2.add(c, f64x2.mul(s4, v128.load(e4 + i + 16)));
        const h0 = f64x2.add(v128.load(from + i), a);
        const h1 = f64x2.add(v128.load(from + i + 16), c);
        v128.store(ho + i, h0);
        v128.store(ho + i + 16, h1);
        v0 = f64x2.add(v0, f64x2.mul(v128.load(uu + i), f64x2.pmax(h0, zero)));
        v1 = f64x2.add(v1, f64x2.mul(v128.load(uu + i + 16), f64x2.pmax(h1, zero)));
      }
    }
    const fk = f + <usize>k * F;
    store<f64>(fk, load<f64>(fk) + ((f64x2.extract_lane(v0, 0) + f64x2.extract_lane(v0, 1)) + (f64x2.extract_lane(v1, 0) + f64x2.extract_lane(v1, 1))));
  }
}

/** Population counts of the four i32 lanes. */
// @ts-ignore: decorator
@inline
function popcnt4(v: v128): v128 {
  return i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(i8x16.popcnt(v)));
}

/**
 * The gradient part of an SGD step for one block of neurons: see hinge-update.ts for the
 * update. The integers D_ij = Σ_t y_t x_tj [h̃_ti > 0] and Σ_t y_t [h̃_ti > 0] are counted
 * here with bit masks instead of the TypeScript twin's tables of signed mask sums: the
 * ReLU pattern of neuron i over the contributing samples is a word of bits m_i (32
 * samples a word), the signs y_t x_tj of column j another, z_j, and
 * D_ij = 2·popcount(m_i ∧ z_j) − popcount(m_i). Integers are exact however they are
 * summed, so W̃_ij += q_i D_ij gives the same bits as the twin; σ-sums for ũ are summed
 * in the twin's order.
 */
export function hingeBlock(
  n: i32,
  P: i32,
  WT: usize,
  b: usize,
  u: usize,
  i0: i32,
  cnt: i32,
  H: usize,
  X: usize,
  samples: usize,
  rows: usize,
  ys: usize,
  m: i32,
  c: f64,
  scale: f64,
  q: usize,
  ur: usize,
  bits: usize,
  words: usize,
  block: i32,
): void {
  const zero = f64x2.splat(0.0);
  const bytes = <usize>cnt * F;
  const colBytes = <usize>P * F;
  const bb = b + <usize>i0 * F;
  const uu = u + <usize>i0 * F;
  const W0 = WT + <usize>i0 * F;
  const cv = f64x2.splat(c);
  for (let i: usize = 0; i < bytes; i += 16) v128.store(q + i, f64x2.mul(cv, v128.load(uu + i)));
  if (scale != 1) {
    const sv = f64x2.splat(scale);
    for (let j = 0; j < n; j++) {
      const wj = W0 + <usize>j * colBytes;
      for (let i: usize = 0; i < bytes; i += 16) v128.store(wj + i, f64x2.mul(v128.load(wj + i), sv));
    }
    for (let i: usize = 0; i < bytes; i += 16) {
      v128.store(bb + i, f64x2.mul(v128.load(bb + i), sv));
      v128.store(uu + i, f64x2.mul(v128.load(uu + i), sv));
    }
  }
  if (m == 0) return;
  const chunks = (m + 31) >> 5;
  const wordBytes = <usize>block * 4;
  // words[(ch·(n + 1) + j)·4 + lane]: bit t set iff y_t x_tj = +1, splatted over 4 lanes;
  // for j = n iff y_t = +1 (the bias, whose input is the constant 1). The same for every
  // block of the step, so made with the first block.
  if (i0 == 0) {
    for (let ch = 0; ch < chunks; ch++) {
      const t1 = min(32, m - (ch << 5));
      for (let j = 0; j <= n; j++) {
        let w = 0;
        for (let t = 0; t < t1; t++) {
          const s = (ch << 5) + t;
          const y = load<i32>(ys + <usize>s * 4);
          const x = j < n ? <i32>load<i8>(X + <usize>(load<i32>(rows + <usize>s * 4) * n + j)) : 1;
          if (y * x > 0) w |= 1 << t;
        }
        v128.store(words + <usize>(ch * (n + 1) + j) * 16, i32x4.splat(w));
      }
    }
  }
  for (let i: usize = 0; i < bytes; i += 16) v128.store(ur + i, zero);
  for (let ch = 0; ch < chunks; ch++) {
    const bw = bits + <usize>ch * wordBytes;
    for (let i: usize = 0; i < <usize>cnt * 4; i += 16) v128.store(bw + i, i32x4.splat(0));
    const t1 = min(32, m - (ch << 5));
    for (let t = 0; t < t1; t++) {
      const s = (ch << 5) + t;
      const y = f64x2.splat(<f64>load<i32>(ys + <usize>s * 4));
      const ho = H + <usize>(load<i32>(samples + <usize>s * 4) * P + i0) * F;
      const bit = i32x4.splat(1 << t);
      for (let i: usize = 0, k: usize = 0; i < bytes; i += 32, k += 16) {
        const h0 = v128.load(ho + i);
        const h1 = v128.load(ho + i + 16);
        v128.store(ur + i, f64x2.add(v128.load(ur + i), f64x2.mul(y, f64x2.pmax(h0, zero))));
        v128.store(ur + i + 16, f64x2.add(v128.load(ur + i + 16), f64x2.mul(y, f64x2.pmax(h1, zero))));
        const g = i8x16.shuffle(f64x2.gt(h0, zero), f64x2.gt(h1, zero), 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
        v128.store(bw + k, v128.or(v128.load(bw + k), v128.and(g, bit)));
      }
    }
  }
  // Four neurons at a time, every column j of W̃ and then b̃: D = 2·popcount(m ∧ z_j) − popcount(m).
  const rowStride = <usize>(n + 1) * 16;
  for (let i: usize = 0, k: usize = 0; i < bytes; i += 32, k += 16) {
    const q0 = v128.load(q + i);
    const q1 = v128.load(q + i + 16);
    let pc = i32x4.splat(0);
    for (let ch = 0; ch < chunks; ch++) pc = i32x4.add(pc, popcnt4(v128.load(bits + <usize>ch * wordBytes + k)));
    if (chunks == 1) {
      const mw = v128.load(bits + k);
      let wj = W0 + i;
      for (let j = 0; j <= n; j++) {
        if (j == n) wj = bb + i;
        const d = i32x4.sub(i32x4.shl(popcnt4(v128.and(mw, v128.load(words + <usize>j * 16))), 1), pc);
        const d0 = f64x2.convert_low_i32x4_s(d);
        const d1 = f64x2.convert_low_i32x4_s(i8x16.shuffle(d, d, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15));
        v128.store(wj, f64x2.add(v128.load(wj), f64x2.mul(q0, d0)));
        v128.store(wj + 16, f64x2.add(v128.load(wj + 16), f64x2.mul(q1, d1)));
        wj += colBytes;
      }
    } else {
      let wj = W0 + i;
      for (let j = 0; j <= n; j++) {
        if (j == n) wj = bb + i;
        let acc = i32x4.splat(0);
        for (let ch = 0; ch < chunks; ch++) {
          const z = v128.load(words + <usize>ch * rowStride + <usize>j * 16);
          acc = i32x4.add(acc, popcnt4(v128.and(v128.load(bits + <usize>ch * wordBytes + k), z)));
        }
        const d = i32x4.sub(i32x4.shl(acc, 1), pc);
        const d0 = f64x2.convert_low_i32x4_s(d);
        const d1 = f64x2.convert_low_i32x4_s(i8x16.shuffle(d, d, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15));
        v128.store(wj, f64x2.add(v128.load(wj), f64x2.mul(q0, d0)));
        v128.store(wj + 16, f64x2.add(v128.load(wj + 16), f64x2.mul(q1, d1)));
        wj += colBytes;
      }
    }
  }
  for (let i: usize = 0; i < bytes; i += 16) v128.store(uu + i, f64x2.add(v128.load(uu + i), f64x2.mul(cv, v128.load(ur + i))));
}
