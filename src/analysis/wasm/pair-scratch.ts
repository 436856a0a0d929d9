import type { AnalysisWasm } from "./analysis-wasm.js";

/** The buffers of one sweep of the hidden layer by the wasm kernel (preActivationPair5), in its memory. */
export interface PairScratch {
  /** The points as the pair kernel reads them (pairOffsets in hidden-layer.ts). */
  readonly offsets: Uint16Array;
  readonly w: Float64Array;
  readonly h: Float64Array;
  readonly h2: Float64Array;
}

interface Slot {
  readonly capacity: number;
  readonly n: number;
  readonly buffers: PairScratch;
  busy: boolean;
}

let slot: Slot | null = null;

/**
 * The thread's scratch for `size` points of n inputs, or null (the caller then keeps to
 * TypeScript) when a sweep already holds it or the memory is used up. It is reused from
 * sweep to sweep and replaced only by a larger one (the kernel's memory is never given
 * back, see analysis-wasm.ts). Hand it back with `releasePairScratch`.
 */
export function acquirePairScratch(wasm: AnalysisWasm, size: number, n: number): PairScratch | null {
  if (slot !== null && slot.busy) return null;
  if (slot === null || slot.capacity < size || slot.n < n) {
    const capacity = Math.max(size, slot?.capacity ?? 0);
    const width = Math.max(n, slot?.n ?? 0);
    const bytes = wasm.u8(2 * 5 * capacity);
    const offsets = bytes && new Uint16Array(bytes.buffer, bytes.byteOffset, 5 * capacity);
    const w = offsets && wasm.f64(2 * width);
    const h = w && wasm.f64(capacity);
    const h2 = h && wasm.f64(capacity);
    if (!h2 || !offsets || !w || !h) return null;
    slot = { capacity, n: width, buffers: { offsets, w, h, h2 }, busy: false };
  }
  slot.busy = true;
  return slot.buffers;
}

export function releasePairScratch(): void {
  if (slot !== null) slot.busy = false;
}
