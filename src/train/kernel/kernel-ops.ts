import { heapMemory, type KernelMemory } from "./kernel-memory.js";
import { buildHalfTables } from "./partial-sums.js";
import { blockOutputs } from "./block-outputs.js";
import { hingeBlock } from "./hinge-update.js";

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
  readonly buildHalfTables: typeof buildHalfTables;
  readonly blockOutputs: typeof blockOutputs;
  readonly hingeBlock: typeof hingeBlock;
}

export const typescriptOps: KernelOps = {
  name: "typescript",
  memory: () => heapMemory,
  buildHalfTables,
  blockOutputs,
  hingeBlock,
};
