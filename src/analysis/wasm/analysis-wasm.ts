import { loadWasmModule } from "../../wasm/load-module.js";

/** Buffers start above the module's own (empty) static data. */
const BASE = 65536;


interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  addFlippedReLUs(acc: number, twoX: number, w: number, near: number, nearH: number, count: number, halfU: number, n: number): void;
  addRows(acc: number, row: number, list: number, count: number, n: number): void;
  flipAdd(h: number, index: number, count: number, u: number, halfU: number, reach: number, base: number, linear: number, grad: number, uw: number, flipped: number, twoX: number, w: number, onList: number, nearList: number, nearH: number, n: number): void;
  prefixAdd(u: number, h: number, f: number, cs: number, pending: number, size: number, also: number): number;
  preActivationPair5(w: number, b0: number, b1: number, n: number, codes: number, size: number, TU: number, out: number, out2: number): void;
}

/**
 * The WebAssembly SIMD analysis kernel (assembly/analysis-kernel.ts), one instance per
 * thread. Its buffers are views of the module's memory, handed out once and never
 * returned: the memory is sized when the module is built (--initialMemory) and never
 * grown, because growing would detach the views already made, and after any detach V8
 * checks every typed-array access of the thread. When the memory is used up, `f64`
 * and `i32` give null and the caller keeps to its TypeScript loop.
 */
export interface AnalysisWasm {
  f64(length: number): Float64Array | null;
  i32(length: number): Int32Array | null;
  u8(length: number): Uint8Array | null;
  /** Whether `a` is a view of the kernel's memory (one made by f64, i32 or u8). */
  holds(a: ArrayBufferView): boolean;
  /** See assembly/analysis-kernel.ts and addFlippedReLUs in sensitivity.ts, its twin. */
  addFlippedReLUs(acc: Float64Array, twoX: Float64Array, w: Float64Array, near: Int32Array, nearH: Float64Array, count: number, halfU: number, n: number): void;
  /** For each of the `count` rows m = list[k]: acc[m·n + j] += row[j] for every j < n (addRow in sensitivity.ts, its twin). */
  addRows(acc: Float64Array, row: Float64Array, list: Int32Array, count: number, n: number): void;
  /**
   * NeuronTable.fill of two neurons then gatherPair5 (hidden-layer.ts, its twin), for five
   * groups of 8 bits: w holds their rows of W one after the other, TU is 2 × 5 × 256 entries
   * of scratch, codes the packed points (5 × size), out and out2 receive the pre-activations.
   */
  /** FlipSensitivity.add's work for one neuron in its branch-free case (sensitivity.ts, its twin), every buffer in the kernel's memory. */
  flipAdd(
    h: Float64Array,
    index: Int32Array,
    u: number,
    halfU: number,
    reach: number,
    sums: { base: Float64Array; linear: Float64Array; grad: Float64Array; uw: Float64Array; flipped: Float64Array; twoX: Float64Array; w: Float64Array; onList: Int32Array; nearList: Int32Array; nearH: Float64Array },
    n: number,
  ): void;
  /**
   * The fast path of PrefixSignTracker.add (pruning-profile.ts, its twin) on every point:
   * returns how many points it left to the caller, listed in `pending`; cs receives each
   * point's contribution (0 at those left). When `also` is given (in the kernel's memory),
   * the settled points' contributions are added to it too.
   */
  prefixAdd(u: number, h: Float64Array, f: Float64Array, cs: Float64Array, pending: Int32Array, also?: Float64Array | null): number;
  preActivationPair5(w: Float64Array, b0: number, b1: number, n: number, codes: Uint8Array, size: number, TU: Float64Array, out: Float64Array, out2: Float64Array): void;
}


let cached: AnalysisWasm | null | undefined;

/** The kernel, or null when it was not built or TWO_CIRCUITS_KERNEL=typescript asks for the TypeScript loops. */
export function analysisWasm(): AnalysisWasm | null {
  if (process.env.TWO_CIRCUITS_KERNEL === "typescript") return null;
  return loadedAnalysisWasm();
}

/** The kernel whatever the environment says (for the tests that compare it with its twin), or null when it was not built. */
export function loadedAnalysisWasm(): AnalysisWasm | null {
  if (cached !== undefined) return cached;
  const wasm = loadWasmModule<Exports>("analysis-kernel.wasm", import.meta.url);
  if (wasm === null) return (cached = null);
  const buffer = wasm.memory.buffer;
  let top = BASE;
  const take = (bytes: number): number | null => {
    const at = top;
    const end = at + Math.ceil(bytes / 16) * 16;
    if (end > buffer.byteLength) return null;
    top = end;
    return at;
  };
  const at = (a: ArrayBufferView) => {
    if (a.buffer !== buffer) throw new Error("wasm analysis kernel: a buffer outside the module's memory");
    return a.byteOffset;
  };
  cached = {
    f64(length) {
      const o = take(8 * length);
      return o === null ? null : new Float64Array(buffer, o, length);
    },
    i32(length) {
      const o = take(4 * length);
      return o === null ? null : new Int32Array(buffer, o, length);
    },
    u8(length) {
      const o = take(length);
      return o === null ? null : new Uint8Array(buffer, o, length);
    },
    addFlippedReLUs(acc, twoX, w, near, nearH, count, halfU, n) {
      wasm.addFlippedReLUs(at(acc), at(twoX), at(w), at(near), at(nearH), count, halfU, n);
    },
    holds: (a) => a.buffer === buffer,
    flipAdd(h, index, u, halfU, reach, s, n) {
      wasm.flipAdd(at(h), at(index), index.length, u, halfU, reach, at(s.base), at(s.linear), at(s.grad), at(s.uw), at(s.flipped), at(s.twoX), at(s.w), at(s.onList), at(s.nearList), at(s.nearH), n);
    },
    prefixAdd(u, h, f, cs, pending, also = null) {
      if (h.length < f.length || cs.length < f.length || pending.length < f.length || (also !== null && also.length < f.length)) throw new RangeError("prefixAdd: buffers shorter than f");
      return wasm.prefixAdd(u, at(h), at(f), at(cs), at(pending), f.length, also === null ? 0 : at(also));
    },
    addRows(acc, row, list, count, n) {
      wasm.addRows(at(acc), at(row), at(list), count, n);
    },
    preActivationPair5(w, b0, b1, n, codes, size, TU, out, out2) {
      wasm.preActivationPair5(at(w), b0, b1, n, at(codes), size, at(TU), at(out), at(out2));
    },
  };
  return cached;
}
