// The WebAssembly SIMD twin of the hottest loop of the run analysis: the flipped ReLUs
// of src/analysis/sensitivity.ts (addFlippedReLUs). Compiled by scripts/build-wasm.mjs
// during `npm run build`. It performs the same float64 operations in the same order as
// its TypeScript twin, two inputs j per f64x2 lane pair (no FMA: a multiply and an add
// are two roundings in both), so both give identical bits; the TypeScript one is the
// checked reference (test/analysis/wasm-kernels.test.ts). Pointers are byte addresses in
// this module's memory.

// @ts-nocheck: AssemblyScript types (usize, v128, f64x2, load, store) are not TypeScript's.

const F = 8;

/**
 * For each of the `count` points k near their threshold: acc[m·n + j] += halfU·(a + |a|)
 * with a = h − twoX[m·n + j]·w[j], m = near[k] and h = nearH[k], for every j < n.
 */
export function addFlippedReLUs(acc: usize, twoX: usize, w: usize, near: usize, nearH: usize, count: i32, halfU: f64, n: i32): void {
  const hu = f64x2.splat(halfU);
  const pairs = <usize>(n & ~1) * F;
  const rowBytes = <usize>n * F;
  for (let k = 0; k < count; k++) {
    const o = <usize>load<i32>(near + <usize>k * 4) * rowBytes;
    const hs = load<f64>(nearH + <usize>k * F);
    const h = f64x2.splat(hs);
    const ao = acc + o;
    const xo = twoX + o;
    for (let j: usize = 0; j < pairs; j += 16) {
      const a = f64x2.sub(h, f64x2.mul(v128.load(xo + j), v128.load(w + j)));
      v128.store(ao + j, f64x2.add(v128.load(ao + j), f64x2.mul(hu, f64x2.add(a, f64x2.abs(a)))));
    }
    if (pairs < rowBytes) {
      const a = hs - load<f64>(xo + pairs) * load<f64>(w + pairs);
      store<f64>(ao + pairs, load<f64>(ao + pairs) + halfU * (a + abs<f64>(a)));
    }
  }
}

/** For each of the `count` rows m = list[k]: acc[m·n + j] += row[j] for every j < n (addRow in sensitivity.ts). */
export function addRows(acc: usize, row: usize, list: usize, count: i32, n: i32): void {
  const pairs = <usize>(n & ~1) * F;
  const rowBytes = <usize>n * F;
  for (let k = 0; k < count; k++) {
    const ao = acc + <usize>load<i32>(list + <usize>k * 4) * rowBytes;
    for (let j: usize = 0; j < pairs; j += 16) v128.store(ao + j, f64x2.add(v128.load(ao + j), v128.load(row + j)));
    if (pairs < rowBytes) store<f64>(ao + pairs, load<f64>(ao + pairs) + load<f64>(row + pairs));
  }
}

/**
 * The pre-activations of two neurons on `size` packed points with five groups of 8 bits
 * (n = 33..40): NeuronTable.fill of both, then gatherPair5, in hidden-layer.ts. The two
 * neurons' tables are interleaved (neuron 0 in lane 0, neuron 1 in lane 1: TU[2·e + lane])
 * so that one v128 load reads an entry of both. w holds W_i then W_i' (n each).
 */
export function preActivationPair5(w: usize, b0: f64, b1: f64, n: i32, codes: usize, size: i32, TU: usize, out: usize, out2: usize): void {
  const two = f64x2.splat(2.0);
  const w1 = w + <usize>n * F;
  for (let g = 0; g < 5; g++) {
    const base = TU + <usize>(g * 256) * 16;
    const first = <usize>(g * 8) * F;
    const width = min(8, n - g * 8);
    let all = g == 0 ? f64x2(b0, b1) : f64x2.splat(0.0);
    for (let t = 0; t < width; t++) {
      const o = first + <usize>t * F;
      all = f64x2.sub(all, f64x2.replace_lane(f64x2.splat(load<f64>(w + o)), 1, load<f64>(w1 + o)));
    }
    v128.store(base, all);
    for (let t = 0; t < width; t++) {
      const o = first + <usize>t * F;
      const flip = f64x2.mul(two, f64x2.replace_lane(f64x2.splat(load<f64>(w + o)), 1, load<f64>(w1 + o)));
      const half = <usize>(1 << t) * 16;
      for (let v: usize = 0; v < half; v += 16) v128.store(base + half + v, f64x2.add(v128.load(base + v), flip));
    }
  }
  const zero = f64x2.splat(0.0);
  const s = <usize>size;
  const T1 = TU + 256 * 16;
  const T2 = T1 + 256 * 16;
  const T3 = T2 + 256 * 16;
  const T4 = T3 + 256 * 16;
  for (let r: usize = 0; r < s; r++) {
    const c = codes + r;
    let v = f64x2.add(v128.load(TU + (<usize>load<u8>(c) << 4)), v128.load(T1 + (<usize>load<u8>(c + s) << 4)));
    v = f64x2.add(v, v128.load(T2 + (<usize>load<u8>(c + 2 * s) << 4)));
    v = f64x2.add(v, v128.load(T3 + (<usize>load<u8>(c + 3 * s) << 4)));
    v = f64x2.add(v, v128.load(T4 + (<usize>load<u8>(c + 4 * s) << 4)));
    v = f64x2.add(zero, v);
    store<f64>(out + (r << 3), f64x2.extract_lane(v, 0));
    store<f64>(out2 + (r << 3), f64x2.extract_lane(v, 1));
  }
}

/**
 * FlipSensitivity.add of sensitivity.ts for one neuron in the branch-free case (its
 * caller checks reach < 2^1020 and halfU·2 = u): sorts the points into those the neuron
 * stays on at under every flip and those near its threshold, then adds its terms, in the
 * same order as the TypeScript twin. h[index[m]] is its pre-activation at point m.
 */
export function flipAdd(
  h: usize,
  index: usize,
  count: i32,
  u: f64,
  halfU: f64,
  reach: f64,
  base: usize,
  linear: usize,
  grad: usize,
  uw: usize,
  flipped: usize,
  twoX: usize,
  w: usize,
  onList: usize,
  nearList: usize,
  nearH: usize,
  n: i32,
): void {
  let on = 0;
  let near = 0;
  for (let m = 0; m < count; m++) {
    const hv = load<f64>(h + <usize>load<i32>(index + <usize>m * 4) * F);
    const isOn = <i32>(hv - reach > 0);
    store<i32>(onList + <usize>on * 4, m);
    on += isOn;
    store<i32>(nearList + <usize>near * 4, m);
    store<f64>(nearH + <usize>near * F, hv);
    near += <i32>(hv + reach <= 0) ^ 1 ^ isOn;
  }
  for (let k = 0; k < on; k++) {
    const m = <usize>load<i32>(onList + <usize>k * 4);
    const c = u * load<f64>(h + <usize>load<i32>(index + m * 4) * F);
    store<f64>(base + m * F, load<f64>(base + m * F) + c);
    store<f64>(linear + m * F, load<f64>(linear + m * F) + c);
  }
  addRows(grad, uw, onList, on, n);
  for (let k = 0; k < near; k++) {
    const b = base + <usize>load<i32>(nearList + <usize>k * 4) * F;
    const hv = load<f64>(nearH + <usize>k * F);
    store<f64>(b, load<f64>(b) + halfU * (hv + abs<f64>(hv)));
  }
  addFlippedReLUs(flipped, twoX, w, nearList, nearH, near, halfU, n);
}

/**
 * The fast path of PrefixSignTracker.add (pruning-profile.ts) for `size` points: with
 * c = u·((h + |h|)·0.5) and s = f + c, where s·f > 0 and c − c = 0 it sets f = s and
 * cs = c; elsewhere it leaves f alone, sets cs = 0 and lists the point in `pending`
 * (for the caller to settle plainly, as the twin does). Returns how many it listed.
 */
export function prefixAdd(u: f64, h: usize, f: usize, cs: usize, pending: usize, size: i32, also: usize): i32 {
  const uu = f64x2.splat(u);
  const half = f64x2.splat(0.5);
  const zero = f64x2.splat(0.0);
  let count = 0;
  let r = 0;
  for (; r + 2 <= size; r += 2) {
    const o = <usize>r * F;
    const hv = v128.load(h + o);
    const old = v128.load(f + o);
    const c = f64x2.mul(uu, f64x2.mul(f64x2.add(hv, f64x2.abs(hv)), half));
    const s = f64x2.add(old, c);
    const ok = v128.and(f64x2.gt(f64x2.mul(s, old), zero), f64x2.eq(f64x2.sub(c, c), zero));
    v128.store(f + o, v128.bitselect(s, old, ok));
    v128.store(cs + o, v128.and(c, ok));
    if (also != 0) {
      // The subnetwork output gains c where the fast path settled the point; pending points get theirs from the caller.
      const a = v128.load(also + o);
      v128.store(also + o, v128.bitselect(f64x2.add(a, c), a, ok));
    }
    const bits = i64x2.bitmask(ok);
    if (bits != 3) {
      if ((bits & 1) == 0) {
        store<i32>(pending + <usize>count * 4, r);
        count++;
      }
      if ((bits & 2) == 0) {
        store<i32>(pending + <usize>count * 4, r + 1);
        count++;
      }
    }
  }
  if (r < size) {
    const o = <usize>r * F;
    const hv = load<f64>(h + o);
    const old = load<f64>(f + o);
    const c = u * ((hv + abs<f64>(hv)) * 0.5);
    const s = old + c;
    if (s * old > 0 && c - c == 0) {
      store<f64>(f + o, s);
      store<f64>(cs + o, c);
      if (also != 0) store<f64>(also + o, load<f64>(also + o) + c);
    } else {
      store<f64>(cs + o, 0);
      store<i32>(pending + <usize>count * 4, r);
      count++;
    }
  }
  return count;
}
