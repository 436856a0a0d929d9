// Sensitivity's hot loop (src/analysis/sensitivity.ts): for every point m whose single-bit
// flips are counted, how many of its n flips change the sign of a subnetwork g. Part of
// the analysis kernel (analysis-kernel.ts re-exports it).
//
// Every flipped output g(x^(j)) is first computed in float32, four inputs j per f32x4,
// and its sign is taken only where it is farther from 0 than a rigorous bound on the
// float32 error plus the float64 one. The other flips are computed in float64 exactly as
// the TypeScript twin (flipCountsTypeScript) computes every flip, operation for
// operation. So the counts are those of the float64 computation, bit for bit in its
// values, while nearly all the work runs four lanes wide.
//
// The bound. Let g be the exact real value of the float64 twin's formula on its inputs
// (h in float64, W, u): lin − 2x_j·grad_j + flipped_j summed over the on and near neurons,
// which is Σ u·σ(h − 2x_jW_j) over them, every term at most mag = |u|·(|b| + Σ|W| + reach)
// in size (|h| ≤ |b| + Σ|W|, |2W_j| ≤ reach, σ is 1-Lipschitz). With ε = 2^-24:
// - float32 rounds h, u, W, u·W and lin once each (relative ε), and every subtraction,
//   ReLU product and sum once more; the ReLU is exact. So each term is off by at most
//   about 4ε·mag and the recursive sums add at most (N − 1)ε·Σ mag: |g32 − g| ≤
//   (N + 8)·ε·total, total = Σ mag over the subnetwork and N its number of neurons;
// - likewise |g64 − g| ≤ (N + 5)·2^-53·total;
// - values below 2^-126 lose relative precision: at most 2^-149 per operation and per
//   rounded input times a factor below 2^60, far inside the (N + 10)·2^-85 allowed.
// The bound used is twice the sum, (N + 10)·(2^-23 + 2^-52)·total + (N + 10)·2^-85,
// rounded up in float32. A flip whose |g32| exceeds it has sgn g32 = sgn g = sgn g64 ≠ 0.
// flipWeights checks that every |u| and every mag/|u| stays below 2^60, so that nothing
// overflows float32 and no h is NaN; otherwise the caller counts with the twin.

// @ts-nocheck: AssemblyScript types (usize, v128, f32x4, load, store) are not TypeScript's.

/** Lanes (inputs j) per chunk: two f32x4 vectors, one row of 8 float64 in the chunk-major arrays. */
const LANES = 8;
/** 2^60: values below it keep every float32 sum of a network of fewer than 2^60 neurons finite. */
const F32_SAFE: f64 = 1152921504606846976;

/**
 * Counts, for each of the M points, the flips j < n with sgn g(x^(j)) ≠ sgn g(x), where g
 * is the subnetwork of the `count` neurons listed by rank in `ranks` (ascending). Layouts
 * (rank r = position in the pruning order, nPad = chunks·8):
 * - H: M × p float64, the pre-activation of rank r at point m in H[m·p + r];
 * - twoX (float64) and twoX32 (float32): M × nPad, 2·x_j (0 beyond n);
 * - U, R: float64 per rank, u and reach = 2·max_j |W_j|;
 * - srcW, order: W (p × n, row-major by neuron) and the pruning order (rank → neuron);
 * - W32, UW32 (float32): chunk-major, entry (c·p + r)·8 + t holds W_{8c+t} and u·W_{8c+t}
 *   of rank r (0 beyond n);
 * - U4: u four times in float32, per rank;
 * - onList, nearList (i32 × 2p), nearH (f32 × 2p): scratch, for two points;
 * - MAG: per rank, |u|·(|b| + Σ_j |W_j| + reach), which bounds |u·σ(h − 2x_jW_j)| at every point.
 * `margin` scales the error bound: 1, or Infinity to compute every flip in float64 (the
 * tests then compare `values`, M × nPad, with the twin's). The caller has checked with
 * flipWeights that no value comes near float32's range limits (so no h is NaN either).
 */
export function flipCounts(
  H: usize,
  p: i32,
  M: i32,
  n: i32,
  chunks: i32,
  twoX: usize,
  twoX32: usize,
  U: usize,
  R: usize,
  srcW: usize,
  order: usize,
  W32: usize,
  UW32: usize,
  U4: usize,
  MAG: usize,
  ranks: usize,
  count: i32,
  onList: usize,
  nearList: usize,
  nearH: usize,
  counts: usize,
  values: usize,
  margin: f64,
): void {
  // The bound of the header comment, the same for every point.
  let total = 0.0;
  for (let t = 0; t < count; t++) total += load<f64>(MAG + <usize>load<i32>(ranks + <usize>t * 4) * 8);
  const terms = <f64>(count + 10);
  const bound = margin * (terms * (1.1920928955078125e-7 + 2.220446049250313e-16) * total + terms * 2.5849394142282115e-26);
  const bound32 = <f32>bound * <f32>1.0001;
  // Two points at a time: each point's sums are a chain of dependent additions, and two chains interleave.
  const onList1 = onList + <usize>p * 4;
  const nearList1 = nearList + <usize>p * 4;
  const nearH1 = nearH + <usize>p * 4;
  const zero64 = f64x2.splat(0.0);
  let m = 0;
  for (; m + 2 <= M; m += 2) {
    const hRow = H + <usize>m * <usize>p * 8;
    const hRow1 = hRow + <usize>p * 8;
    // Both points' sums in the lanes of one f64x2: lane 0 is point m, lane 1 point m + 1.
    let base = f64x2.splat(0.0);
    let lin = f64x2.splat(0.0);
    let on = 0;
    let near = 0;
    let on1 = 0;
    let near1 = 0;
    for (let t = 0; t < count; t++) {
      const r = load<i32>(ranks + <usize>t * 4);
      const reach = f64x2.splat(load<f64>(R + <usize>r * 8));
      const u = f64x2.splat(load<f64>(U + <usize>r * 8));
      const h = f64x2.replace_lane(f64x2.splat(load<f64>(hRow + <usize>r * 8)), 1, load<f64>(hRow1 + <usize>r * 8));
      // On: stays on under every flip; near: some flip may switch it; off: no flip switches it on.
      // Branch-free (V8 compiles f64.max and select to branches, which the random signs of h defeat).
      const isOn = f64x2.gt(f64x2.sub(h, reach), zero64);
      const live = v128.not(f64x2.le(f64x2.add(h, reach), zero64));
      const c = f64x2.mul(u, h);
      // Adding +0 where the mask is clear leaves a sum as it is: the sums start at +0 and are never −0.
      base = f64x2.add(base, v128.and(c, v128.and(live, f64x2.gt(h, zero64))));
      lin = f64x2.add(lin, v128.and(c, isOn));
      const onBits = i64x2.bitmask(isOn);
      const nearBits = i64x2.bitmask(v128.andnot(live, isOn));
      const h32 = f32x4.demote_f64x2_zero(h);
      store<i32>(onList + <usize>on * 4, r);
      on += onBits & 1;
      store<i32>(nearList + <usize>near * 4, r);
      store<f32>(nearH + <usize>near * 4, f32x4.extract_lane(h32, 0));
      near += nearBits & 1;
      store<i32>(onList1 + <usize>on1 * 4, r);
      on1 += onBits >> 1;
      store<i32>(nearList1 + <usize>near1 * 4, r);
      store<f32>(nearH1 + <usize>near1 * 4, f32x4.extract_lane(h32, 1));
      near1 += nearBits >> 1;
    }
    const base0 = f64x2.extract_lane(base, 0);
    const base1 = f64x2.extract_lane(base, 1);
    const lin0 = f64x2.extract_lane(lin, 0);
    const lin1 = f64x2.extract_lane(lin, 1);
    store<i32>(counts + <usize>m * 4, pointCounts(m, p, n, chunks, base0, lin0, bound32, on, near, twoX32, W32, UW32, U4, onList, nearList, nearH, twoX, U, srcW, order, H, values));
    store<i32>(counts + <usize>(m + 1) * 4, pointCounts(m + 1, p, n, chunks, base1, lin1, bound32, on1, near1, twoX32, W32, UW32, U4, onList1, nearList1, nearH1, twoX, U, srcW, order, H, values));
  }
  if (m < M) {
    const hRow = H + <usize>m * <usize>p * 8;
    let base = 0.0;
    let lin = 0.0;
    let on = 0;
    let near = 0;
    for (let t = 0; t < count; t++) {
      const r = load<i32>(ranks + <usize>t * 4);
      const reach = load<f64>(R + <usize>r * 8);
      const u = load<f64>(U + <usize>r * 8);
      const h = load<f64>(hRow + <usize>r * 8);
      const isOn = <i32>(h - reach > 0);
      const live = <i32>!(h + reach <= 0);
      store<i32>(onList + <usize>on * 4, r);
      on += isOn;
      store<i32>(nearList + <usize>near * 4, r);
      store<f32>(nearH + <usize>near * 4, <f32>h);
      near += live & (isOn ^ 1);
      const c = u * h;
      base += masked(c, live & <i32>(h > 0));
      lin += masked(c, isOn);
    }
    store<i32>(counts + <usize>m * 4, pointCounts(m, p, n, chunks, base, lin, bound32, on, near, twoX32, W32, UW32, U4, onList, nearList, nearH, twoX, U, srcW, order, H, values));
  }
}

/** Changed flips of point m, whose neurons are sorted into its lists, with g(x) = base and Σ_on u·h = lin. */
function pointCounts(m: i32, p: i32, n: i32, chunks: i32, base: f64, lin: f64, bound32: f32, on: i32, near: i32, twoX32: usize, W32: usize, UW32: usize, U4: usize, onList: usize, nearList: usize, nearH: usize, twoX: usize, U: usize, srcW: usize, order: usize, H: usize, values: usize): i32 {
  const nPad = chunks * LANES;
  let changed = 0;
  let c = 0;
  for (; c + 2 <= chunks; c += 2) changed += chunkCounts(m, c, p, n, nPad, base, lin, bound32, on, near, twoX32, W32, UW32, U4, onList, nearList, nearH, twoX, U, srcW, order, H, values, true);
  if (c < chunks) changed += chunkCounts(m, c, p, n, nPad, base, lin, bound32, on, near, twoX32, W32, UW32, U4, onList, nearList, nearH, twoX, U, srcW, order, H, values, false);
  return changed;
}

/**
 * Changed flips among the inputs of chunk c, and of chunk c + 1 too when `both` (a
 * constant at each call: the inlined copies have no test left). Two chunks at a time
 * share the lists' loads among sixteen inputs.
 */
@inline
function chunkCounts(m: i32, c: i32, p32: i32, n: i32, nPad: i32, base: f64, lin: f64, bound: f32, on: i32, near: i32, twoX32: usize, W32: usize, UW32: usize, U4: usize, onList: usize, nearList: usize, nearH: usize, twoX: usize, U: usize, srcW: usize, order: usize, H: usize, values: usize, both: bool): i32 {
  const zero = f32x4.splat(0);
  const p = <usize>p32;
  const xo = twoX32 + (<usize>m * <usize>nPad + <usize>c * LANES) * 4;
  const x0 = v128.load(xo);
  const x1 = v128.load(xo + 16);
  const x2 = both ? v128.load(xo + 32) : zero;
  const x3 = both ? v128.load(xo + 48) : zero;
  let g0 = zero;
  let g1 = zero;
  let g2 = zero;
  let g3 = zero;
  const uwA = UW32 + <usize>c * p * 32;
  const uwB = uwA + p * 32;
  for (let k = 0; k < on; k++) {
    const r = <usize>load<i32>(onList + <usize>k * 4) * 32;
    g0 = f32x4.add(g0, v128.load(uwA + r));
    g1 = f32x4.add(g1, v128.load(uwA + r + 16));
    if (both) {
      g2 = f32x4.add(g2, v128.load(uwB + r));
      g3 = f32x4.add(g3, v128.load(uwB + r + 16));
    }
  }
  let f0 = zero;
  let f1 = zero;
  let f2 = zero;
  let f3 = zero;
  const wA = W32 + <usize>c * p * 32;
  const wB = wA + p * 32;
  for (let k = 0; k < near; k++) {
    const rank = <usize>load<i32>(nearList + <usize>k * 4);
    const r = rank * 32;
    const hv = f32x4.splat(load<f32>(nearH + <usize>k * 4));
    const uv = v128.load(U4 + rank * 16);
    f0 = f32x4.add(f0, f32x4.mul(uv, f32x4.pmax(zero, f32x4.sub(hv, f32x4.mul(x0, v128.load(wA + r))))));
    f1 = f32x4.add(f1, f32x4.mul(uv, f32x4.pmax(zero, f32x4.sub(hv, f32x4.mul(x1, v128.load(wA + r + 16))))));
    if (both) {
      f2 = f32x4.add(f2, f32x4.mul(uv, f32x4.pmax(zero, f32x4.sub(hv, f32x4.mul(x2, v128.load(wB + r))))));
      f3 = f32x4.add(f3, f32x4.mul(uv, f32x4.pmax(zero, f32x4.sub(hv, f32x4.mul(x3, v128.load(wB + r + 16))))));
    }
  }
  const lin32 = f32x4.splat(<f32>lin);
  let changed = decide(m, c, p32, n, nPad, base, lin, bound, on, near, f32x4.add(f32x4.sub(lin32, f32x4.mul(x0, g0)), f0), f32x4.add(f32x4.sub(lin32, f32x4.mul(x1, g1)), f1), twoX, U, srcW, order, onList, nearList, H, values);
  if (both) changed += decide(m, c + 1, p32, n, nPad, base, lin, bound, on, near, f32x4.add(f32x4.sub(lin32, f32x4.mul(x2, g2)), f2), f32x4.add(f32x4.sub(lin32, f32x4.mul(x3, g3)), f3), twoX, U, srcW, order, onList, nearList, H, values);
  return changed;
}

/**
 * Changed flips among the 8 inputs of chunk c, whose float32 outputs are v0 and v1: the
 * sign of a flip farther from 0 than the bound is that of its float64 value; the others
 * are computed in float64.
 */
@inline
function decide(m: i32, c: i32, p: i32, n: i32, nPad: i32, base: f64, lin: f64, bound32: f32, on: i32, near: i32, v0: v128, v1: v128, twoX: usize, U: usize, srcW: usize, order: usize, onList: usize, nearList: usize, H: usize, values: usize): i32 {
  const zero = f32x4.splat(0);
  const bound = f32x4.splat(bound32);
  const up = i32x4.splat(base > 0 ? -1 : 0);
  const down = i32x4.splat(base < 0 ? -1 : 0);
  const width = min(LANES, n - c * LANES);
  const valid = (1 << width) - 1;
  const decided = (i32x4.bitmask(f32x4.gt(f32x4.abs(v0), bound)) | (i32x4.bitmask(f32x4.gt(f32x4.abs(v1), bound)) << 4)) & valid;
  const flip0 = v128.or(v128.xor(f32x4.gt(v0, zero), up), v128.xor(f32x4.lt(v0, zero), down));
  const flip1 = v128.or(v128.xor(f32x4.gt(v1, zero), up), v128.xor(f32x4.lt(v1, zero), down));
  let changed = popcnt((i32x4.bitmask(flip0) | (i32x4.bitmask(flip1) << 4)) & decided);
  let undecided = valid & ~decided;
  while (undecided != 0) {
    const t = ctz(undecided);
    undecided &= undecided - 1;
    const v = exactFlip(m, c, t, p, n, nPad, lin, twoX, U, srcW, order, onList, on, nearList, near, H);
    if (values != 0) store<f64>(values + (<usize>m * <usize>nPad + <usize>(c * LANES + t)) * 8, v);
    changed += <i32>((v > 0 ? 1 : v < 0 ? -1 : 0) != (base > 0 ? 1 : base < 0 ? -1 : 0));
  }
  return changed;
}

/** v where keep is 1, +0 where it is 0: for a ReLU, max(v, 0) = masked(v, v > 0) (−0 included), without a branch. */
@inline
function masked(v: f64, keep: i32): f64 {
  return reinterpret<f64>(reinterpret<i64>(v) & -(<i64>keep));
}

/** g(x^(j)) at point m, j = 8c + t, in float64, as flipCountsTypeScript computes it. */
function exactFlip(m: i32, c: i32, t: i32, p: i32, n: i32, nPad: i32, lin: f64, twoX: usize, U: usize, srcW: usize, order: usize, onList: usize, on: i32, nearList: usize, near: i32, H: usize): f64 {
  const j = <usize>(c * LANES + t);
  const x = load<f64>(twoX + (<usize>m * <usize>nPad + j) * 8);
  // Row i of W starts at srcW + i·n·8, for the neuron i = order[r] of rank r.
  const column = srcW + j * 8;
  const rowBytes = <usize>n * 8;
  let grad = 0.0;
  for (let k = 0; k < on; k++) {
    const r = <usize>load<i32>(onList + <usize>k * 4);
    grad += load<f64>(U + r * 8) * load<f64>(column + <usize>load<i32>(order + r * 4) * rowBytes);
  }
  const hRow = H + <usize>m * <usize>p * 8;
  let flipped = 0.0;
  for (let k = 0; k < near; k++) {
    const r = <usize>load<i32>(nearList + <usize>k * 4);
    const a = load<f64>(hRow + r * 8) - x * load<f64>(column + <usize>load<i32>(order + r * 4) * rowBytes);
    flipped += load<f64>(U + r * 8) * masked(a, <i32>(a > 0));
  }
  return lin - x * grad + flipped;
}

/**
 * The per-network arrays of flipCounts, by rank: from W (p × n, row-major), u, b and the
 * pruning order, fills U, U4 (u four times, float32), R (reach), MAG and the chunk-major
 * W32 and UW32. Returns 1 when float32 is safe for this network: every weight is
 * finite and every |u|, and every |b| + Σ|W| + reach (which bounds |h − 2x_jW_j|), is below
 * 2^60, so that no float32 value overflows; else 0 (the caller then counts in float64).
 */
export function flipWeights(src: usize, u: usize, b: usize, order: usize, p: i32, n: i32, chunks: i32, U: usize, U4: usize, R: usize, MAG: usize, W32: usize, UW32: usize): i32 {
  let safe = 1;
  for (let r = 0; r < p; r++) {
    const i = <usize>load<i32>(order + <usize>r * 4);
    const ui = load<f64>(u + i * 8);
    const row = src + i * <usize>n * 8;
    let reach = 0.0;
    let sum = abs<f64>(load<f64>(b + i * 8));
    for (let c = 0; c < chunks; c++) {
      const o = (<usize>c * <usize>p + <usize>r) * LANES;
      const width = min(LANES, n - c * LANES);
      for (let t = 0; t < width; t++) {
        const w = load<f64>(row + <usize>(c * LANES + t) * 8);
        const uw = ui * w;
        store<f32>(W32 + (o + t) * 4, <f32>w);
        store<f32>(UW32 + (o + t) * 4, <f32>uw);
        // A running maximum without f64.max (see flipCounts), skipping NaN as FlipSensitivity.begin does.
        const a = abs<f64>(w);
        reach = masked(a, <i32>(a > reach)) + masked(reach, <i32>!(a > reach));
        sum += a;
      }
    }
    const size = sum + 2 * reach;
    store<f64>(U + <usize>r * 8, ui);
    v128.store(U4 + <usize>r * 16, f32x4.splat(<f32>ui));
    store<f64>(R + <usize>r * 8, 2 * reach);
    store<f64>(MAG + <usize>r * 8, abs<f64>(ui) * size);
    // Comparisons are false for NaN, so a NaN anywhere makes the network unsafe.
    safe &= <i32>(size < F32_SAFE) & <i32>(abs<f64>(ui) < F32_SAFE);
  }
  return safe;
}

/** H[m·p + rank] = h[index[m]] for the M points: one neuron's pre-activations, recorded point-major. */
export function flipRecord(h: usize, index: usize, M: i32, H: usize, p: i32, rank: i32): void {
  const stride = <usize>p * 8;
  let o = H + <usize>rank * 8;
  for (let m = 0; m < M; m++) {
    store<f64>(o, load<f64>(h + <usize>load<i32>(index + <usize>m * 4) * 8));
    o += stride;
  }
}
