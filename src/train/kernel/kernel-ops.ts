import type { BitGroups, PointCodes } from "./bit-groups.js";
import { heapMemory, type KernelMemory } from "./kernel-memory.js";
import { buildHalfTables } from "./partial-sums.js";
import { blockOutputs } from "./block-outputs.js";
import { hingeBlock, type HingeScratch } from "./hinge-update.js";

/**
 * The three inner loops of training and evaluation. Two implementations: the plain
 * TypeScript functions (the checked reference for the other) and the WebAssembly SIMD
 * kernel (wasm-ops.ts), which performs the same floating-point operations in the same
 * order (exact integer counts it may reach another way), so both give identical bits.
 */
export interface KernelOps {
  readonly name: "typescript" | "wasm";
  /** A memory of at least `bytes` bytes for one call's buffers; views from an earlier call become invalid. */
  memory(bytes: number): KernelMemory;
  buildHalfTables(groups: BitGroups, cols: Float64Array, colStride: number, colOffset: number, count: number, T: Float64Array, stride: number): void;
  blockOutputs(
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
  ): void;
  hingeBlock(
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
  ): void;
}

export const typescriptOps: KernelOps = {
  name: "typescript",
  memory: () => heapMemory,
  buildHalfTables,
  blockOutputs,
  hingeBlock,
};
