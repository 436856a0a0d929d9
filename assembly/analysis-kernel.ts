// The WebAssembly SIMD twins of the hot loops of the run analysis: the hidden layer's
// table gathers (hidden-layer.ts), the pruning profile's prefix sums (pruning-profile.ts)
// and, in flip-counts.ts, sensitivity's flips (sensitivity.ts). Compiled by
// scripts/build-wasm.mjs during `npm run build`. Each performs the same float64
// operations in the same order as its TypeScript twin (no FMA: a multiply and an add are
// two roundings in both), so both give identical bits; the TypeScript one is the checked
// reference (test/analysis/wasm-kernels.test.ts). Pointers are byte addresses in this
// module's memory.

export { flipCounts, flipRecord, flipWeights } from "./flip-counts";

// @ts-nocheck: AssemblyScript types (usize, v128, f64x2, load, store) are not TypeScript's.

const F = 8;

/**
 * The two neurons' interleaved tables of preActivationPair5, at a fixed address, so that a
 * table read is a u16 load and a v128 load at a constant offset from it (no address add).
 */
const TABLES: usize = memory.data(2 * 5 * 256 * 16, 16);

/**
 * The pre-activations of two neurons on `size` packed points with five groups of 8 bits
 * (n = 33..40): NeuronTable.fill of both, then gatherPair5, in hidden-layer.ts. The two
 * neurons' tables are interleaved (neuron 0 in lane 0, neuron 1 in lane 1: entry e of group
 * g at TABLES + (256·g + e)·16) so that one v128 load reads an entry of both. w holds W_i
 * then W_i' (n each). The points come as the offsets of their entries (pairOffsets in
 * hidden-layer.ts): offsets[g·size + r] = (256·g + code of group g)·16.
 */
export function preActivationPair5(w: usize, b0: f64, b1: f64, n: i32, offsets: usize, size: i32, out: usize, out2: usize): void {
  const two = f64x2.splat(2.0);
  const w1 = w + <usize>n * F;
  for (let g = 0; g < 5; g++) {
    const base = TABLES + <usize>(g * 256) * 16;
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
  const stride = <usize>size * 2;
  const end = offsets + stride;
  let o = out;
  let o2 = out2;
  for (let c = offsets; c < end; c += 2) {
    let v = f64x2.add(v128.load(<usize>load<u16>(c), TABLES), v128.load(<usize>load<u16>(c + stride), TABLES));
    v = f64x2.add(v, v128.load(<usize>load<u16>(c + 2 * stride), TABLES));
    v = f64x2.add(v, v128.load(<usize>load<u16>(c + 3 * stride), TABLES));
    v = f64x2.add(v, v128.load(<usize>load<u16>(c + 4 * stride), TABLES));
    // From +0, as the twin's sum: an all-cancelling −0 becomes +0.
    v = f64x2.add(zero, v);
    store<f64>(o, f64x2.extract_lane(v, 0));
    store<f64>(o2, f64x2.extract_lane(v, 1));
    o += 8;
    o2 += 8;
  }
}

/**
 * The fast path of PrefixSignTracker.add (pruning-profile.ts) for `size` points: with
 * c = u·σ(h) and s = f + c, where s·f > 0 it sets f = s (and adds c to `also` when given,
 * else writes it to cs); elsewhere it leaves f alone and lists the point in `pending` (for
 * the caller to settle plainly, as the twin does; cs is then 0). Returns how many it listed.
 *
 * σ(h) is pmax(h, 0) = (h < 0 ? 0 : h), one instruction. It is max(h, 0) except that it
 * keeps a NaN, which then fails s·f > 0 and goes to the caller, and that it gives −0 for
 * h = −0; a zero c leaves a nonzero f as it is whatever its sign, and adds nothing to an
 * output (outputs start at +0, so they are never −0). The twin's (h + |h|)/2 needs a
 * finiteness check besides.
 */
export function prefixAdd(u: f64, h: usize, f: usize, cs: usize, pending: usize, size: i32, also: usize): i32 {
  const uu = f64x2.splat(u);
  const zero = f64x2.splat(0.0);
  let count = 0;
  let r = 0;
  // The same loop twice, so that neither tests `also` at every point.
  if (also != 0) {
    for (; r + 2 <= size; r += 2) {
      const o = <usize>r * F;
      const old = v128.load(f + o);
      const c = f64x2.mul(uu, f64x2.pmax(v128.load(h + o), zero));
      const s = f64x2.add(old, c);
      const ok = f64x2.gt(f64x2.mul(s, old), zero);
      v128.store(f + o, v128.bitselect(s, old, ok));
      v128.store(also + o, f64x2.add(v128.load(also + o), v128.and(c, ok)));
      const bits = i64x2.bitmask(ok);
      if (bits != 3) count = listPending(pending, count, r, bits);
    }
  } else {
    for (; r + 2 <= size; r += 2) {
      const o = <usize>r * F;
      const old = v128.load(f + o);
      const c = f64x2.mul(uu, f64x2.pmax(v128.load(h + o), zero));
      const s = f64x2.add(old, c);
      const ok = f64x2.gt(f64x2.mul(s, old), zero);
      v128.store(f + o, v128.bitselect(s, old, ok));
      v128.store(cs + o, v128.and(c, ok));
      const bits = i64x2.bitmask(ok);
      if (bits != 3) count = listPending(pending, count, r, bits);
    }
  }
  if (r < size) {
    const o = <usize>r * F;
    const hv = load<f64>(h + o);
    const old = load<f64>(f + o);
    const c = u * (hv < 0 ? 0 : hv);
    const s = old + c;
    if (s * old > 0) {
      store<f64>(f + o, s);
      if (also != 0) store<f64>(also + o, load<f64>(also + o) + c);
      else store<f64>(cs + o, c);
    } else {
      if (also == 0) store<f64>(cs + o, 0);
      store<i32>(pending + <usize>count * 4, r);
      count++;
    }
  }
  return count;
}

/** Appends the points r and r + 1 whose bit in `bits` is clear to `pending`; returns the new count. */
@inline
function listPending(pending: usize, count: i32, r: i32, bits: i32): i32 {
  if ((bits & 1) == 0) {
    store<i32>(pending + <usize>count * 4, r);
    count++;
  }
  if ((bits & 2) == 0) {
    store<i32>(pending + <usize>count * 4, r + 1);
    count++;
  }
  return count;
}

/** The end of the module's static data: the loader hands out memory only above it. */
export function staticEnd(): usize {
  return __heap_base;
}
