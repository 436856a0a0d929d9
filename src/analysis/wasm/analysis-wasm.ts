import { loadWasmModule } from "../../wasm/load-module.js";
import type { FlipBuffers } from "./flip-scratch.js";

/** Buffers start above the module's own static data (the pair tables, 20 KB from address 1024). */
const BASE = 65536;


interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  flipCounts(...args: number[]): void;
  flipWeights(...args: number[]): number;
  flipRecord(h: number, index: number, M: number, H: number, p: number, rank: number): void;
  prefixAdd(u: number, h: number, f: number, cs: number, pending: number, size: number, also: number): number;
  preActivationPair5(w: number, b0: number, b1: number, n: number, offsets: number, size: number, out: number, out2: number): void;
  staticEnd(): number;
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
  f32(length: number): Float32Array | null;
  i32(length: number): Int32Array | null;
  u8(length: number): Uint8Array | null;
  /** Whether `a` is a view of the kernel's memory (one made by f64, f32, i32 or u8, or a subarray of one). */
  holds(a: ArrayBufferView): boolean;
  /**
   * Sensitivity's flip counts of the subnetwork of the first `count` ranks of b.ranks, for
   * a network of n inputs (assembly/flip-counts.ts; flipCountsTypeScript in sensitivity.ts is
   * its twin): b.counts receives them. `margin` 1, or Infinity to compute every flip in
   * float64 and keep it in b.values. Only for a network flipWeights found safe.
   */
  flipCounts(b: FlipBuffers, n: number, count: number, margin?: number): void;
  /** FlipSensitivity.begin's copies of the weights by rank, from b.srcW, b.srcU, b.srcB and b.order (assembly/flip-counts.ts); whether float32 is safe for the network. */
  flipWeights(b: FlipBuffers, n: number): boolean;
  /** FlipSensitivity.record: b.H[m·p + rank] = h[b.index[m]], h in the kernel's memory. */
  flipRecord(b: FlipBuffers, h: Float64Array, rank: number): void;
  /**
   * The fast path of PrefixSignTracker.add (pruning-profile.ts, its twin) on every point:
   * returns how many points it left to the caller, listed in `pending`; cs receives each
   * point's contribution (0 at those left). When `also` is given (in the kernel's memory),
   * the settled points' contributions are added to it too.
   */
  prefixAdd(u: number, h: Float64Array, f: Float64Array, cs: Float64Array, pending: Int32Array, also?: Float64Array | null): number;
  /**
   * NeuronTable.fill of two neurons then gatherPair5 (hidden-layer.ts, its twin), for five
   * groups of 8 bits: w holds their rows of W one after the other, offsets the points as
   * pairOffsets makes them (5 × size), out and out2 receive the pre-activations. The tables
   * live in the module's own static memory: one sweep at a time per thread (pair-scratch.ts).
   */
  preActivationPair5(w: Float64Array, b0: number, b1: number, n: number, offsets: Uint16Array, size: number, out: Float64Array, out2: Float64Array): void;
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
  if (wasm.staticEnd() > BASE) throw new Error(`wasm analysis kernel: static data ends at ${wasm.staticEnd()}, above the buffers' base ${BASE}`);
  let top = BASE;
  const take = (bytes: number): number | null => {
    const at = top;
    const end = at + Math.ceil(bytes / 16) * 16;
    if (end > buffer.byteLength) return null;
    top = end;
    return at;
  };
  // A view's offset never changes (the memory never grows), so it is looked up once and remembered:
  // a WeakMap lookup is a third of the cost of reading a wasm-memory view's buffer and byteOffset.
  const known = new WeakMap<ArrayBufferView, number>();
  const at = (a: ArrayBufferView): number => {
    const o = known.get(a);
    if (o !== undefined) return o;
    if (a.buffer !== buffer) throw new Error("wasm analysis kernel: a buffer outside the module's memory");
    known.set(a, a.byteOffset);
    return a.byteOffset;
  };
  cached = {
    f64(length) {
      const o = take(8 * length);
      return o === null ? null : new Float64Array(buffer, o, length);
    },
    f32(length) {
      const o = take(4 * length);
      return o === null ? null : new Float32Array(buffer, o, length);
    },
    i32(length) {
      const o = take(4 * length);
      return o === null ? null : new Int32Array(buffer, o, length);
    },
    u8(length) {
      const o = take(length);
      return o === null ? null : new Uint8Array(buffer, o, length);
    },
    holds: (a) => known.has(a) || a.buffer === buffer,
    flipCounts(b, n, count, margin = 1) {
      if (count > b.ranks.length || b.chunks * 8 < n) throw new RangeError("flipCounts: more ranks than buffers, or n beyond the chunks");
      wasm.flipCounts(at(b.H), b.p, b.M, n, b.chunks, at(b.twoX), at(b.twoX32), at(b.U), at(b.R), at(b.srcW), at(b.order), at(b.W32), at(b.UW32), at(b.U4), at(b.MAG), at(b.ranks), count, at(b.onList), at(b.nearList), at(b.nearH), at(b.counts), at(b.values), margin);
    },
    flipWeights(b, n) {
      return wasm.flipWeights(at(b.srcW), at(b.srcU), at(b.srcB), at(b.order), b.p, n, b.chunks, at(b.U), at(b.U4), at(b.R), at(b.MAG), at(b.W32), at(b.UW32)) === 1;
    },
    flipRecord(b, h, rank) {
      if (!(rank >= 0 && rank < b.p)) throw new RangeError(`flipRecord: rank ${rank} outside 0..${b.p - 1}`);
      wasm.flipRecord(at(h), at(b.index), b.M, at(b.H), b.p, rank);
    },
    prefixAdd(u, h, f, cs, pending, also = null) {
      if (h.length < f.length || cs.length < f.length || pending.length < f.length || (also !== null && also.length < f.length)) throw new RangeError("prefixAdd: buffers shorter than f");
      return wasm.prefixAdd(u, at(h), at(f), at(cs), at(pending), f.length, also === null ? 0 : at(also));
    },
    preActivationPair5(w, b0, b1, n, offsets, size, out, out2) {
      if (offsets.length < 5 * size || out.length < size || out2.length < size || w.length < 2 * n) throw new RangeError("preActivationPair5: buffers shorter than the points or the weights");
      wasm.preActivationPair5(at(w), b0, b1, n, at(offsets), size, at(out), at(out2));
    },
  };
  return cached;
}
