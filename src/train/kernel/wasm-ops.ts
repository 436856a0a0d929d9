import { loadWasmModule } from "../../wasm/load-module.js";
import { bumpMemory } from "./kernel-memory.js";
import type { KernelOps } from "./kernel-ops.js";

/** Kernel buffers start above the module's own (empty) static data. */
const BASE = 65536;
const PAGE = 65536;

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface Exports {
  memory: WasmMemory;
  buildHalfTables(G: number, entries: number, start: number, size: number, cols: number, colStride: number, colOffset: number, count: number, T: number, stride: number): void;
  blockOutputs(
    G: number,
    entry: number,
    sign: number,
    T: number,
    stride: number,
    points: number,
    count: number,
    b: number,
    u: number,
    i0: number,
    cnt: number,
    H: number,
    hStride: number,
    hOffset: number,
    f: number,
  ): void;
  hingeBlock(
    n: number,
    P: number,
    WT: number,
    b: number,
    u: number,
    i0: number,
    cnt: number,
    H: number,
    X: number,
    samples: number,
    rows: number,
    ys: number,
    m: number,
    c: number,
    scale: number,
    q: number,
    ur: number,
    bits: number,
    words: number,
    block: number,
  ): void;
}


let cached: KernelOps | null | undefined;

/**
 * The WebAssembly SIMD kernel operations (assembly/train-kernel.ts), or null when the
 * module was not built. One instance per thread; every buffer a call passes must be a
 * view of its memory (from `memory()`), since wasm sees nothing else.
 */
export function wasmOps(): KernelOps | null {
  if (cached !== undefined) return cached;
  const wasm = loadWasmModule<Exports>("train-kernel.wasm", import.meta.url);
  if (wasm === null) return (cached = null);
  const mem = wasm.memory;
  // Each call of memory() hands the whole memory to its caller; earlier callers' views go stale.
  let leases = 0;
  const at = (a: ArrayBufferView) => {
    if (a.buffer !== mem.buffer) throw new Error("wasm kernel: a buffer outside the module's memory");
    return a.byteOffset;
  };
  cached = {
    name: "wasm",
    memory(bytes) {
      const need = BASE + bytes;
      if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / PAGE));
      const lease = ++leases;
      return bumpMemory(mem.buffer, BASE, () => lease === leases);
    },
    buildHalfTables(groups, cols, colStride, colOffset, count, T, stride) {
      wasm.buildHalfTables(groups.count, groups.entries, at(groups.start), at(groups.size), at(cols), colStride, colOffset, count, at(T), stride);
    },
    blockOutputs(groups, codes, T, stride, points, count, b, u, i0, cnt, H, hStride, hOffset, f) {
      wasm.blockOutputs(groups.count, at(codes.entry), at(codes.sign), at(T), stride, points === null ? 0 : at(points), count, at(b), at(u), i0, cnt, at(H), hStride, hOffset, at(f));
    },
    hingeBlock(n, P, WT, b, u, i0, cnt, H, X, samples, rows, ys, m, c, scale, s, block) {
      wasm.hingeBlock(n, P, at(WT), at(b), at(u), i0, cnt, at(H), at(X), at(samples), at(rows), at(ys), m, c, scale, at(s.q), at(s.ur), at(s.bits), at(s.words), block);
    },
  };
  return cached;
}
