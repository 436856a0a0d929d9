import type { AnalysisWasm } from "./analysis-wasm.js";

/**
 * The arrays of sensitivity's flip counts for one network (see FlipSensitivity in
 * sensitivity.ts and assembly/flip-counts.ts for their layouts): M points, p neurons by
 * rank, n inputs in chunks of 8.
 */
export interface FlipBuffers {
  readonly M: number;
  readonly p: number;
  readonly chunks: number;
  readonly H: Float64Array;
  readonly twoX: Float64Array;
  readonly twoX32: Float32Array;
  readonly U: Float64Array;
  readonly R: Float64Array;
  readonly W32: Float32Array;
  readonly UW32: Float32Array;
  readonly ranks: Int32Array;
  readonly onList: Int32Array;
  readonly nearList: Int32Array;
  readonly nearH: Float32Array;
  readonly U4: Float32Array;
  readonly counts: Int32Array;
  readonly values: Float64Array;
  /** The network's W (p × n), u and pruning order, copied in for flipWeights, and the points' indices for flipRecord. */
  readonly srcW: Float64Array;
  readonly srcU: Float64Array;
  readonly srcB: Float64Array;
  readonly MAG: Float64Array;
  readonly order: Int32Array;
  readonly index: Int32Array;
  /** Who last filled twoX and index (they depend on the points only). */
  filledBy: object | null;
}

type Alloc = { f64(length: number): Float64Array | null; f32(length: number): Float32Array | null; i32(length: number): Int32Array | null };

/** The buffers for M points, p neurons and `chunks` chunks of 8 inputs, from `alloc`; null when it runs out. */
export function flipBuffers(alloc: Alloc, M: number, p: number, chunks: number): FlipBuffers | null {
  const lanes = chunks * 8;
  const H = alloc.f64(M * p);
  const twoX = alloc.f64(M * lanes);
  const twoX32 = alloc.f32(M * lanes);
  const U = alloc.f64(p);
  const R = alloc.f64(p);
  const W32 = alloc.f32(chunks * p * 8);
  const UW32 = alloc.f32(chunks * p * 8);
  const ranks = alloc.i32(p);
  const onList = alloc.i32(2 * p);
  const nearList = alloc.i32(2 * p);
  const nearH = alloc.f32(2 * p);
  const U4 = alloc.f32(4 * p);
  const counts = alloc.i32(M);
  const values = alloc.f64(M * lanes);
  const srcW = alloc.f64(p * lanes);
  const srcU = alloc.f64(p);
  const srcB = alloc.f64(p);
  const MAG = alloc.f64(p);
  const order = alloc.i32(p);
  const index = alloc.i32(M);
  if (!srcW || !srcU || !srcB || !MAG || !order || !index || !H || !twoX || !twoX32 || !U || !R || !W32 || !UW32 || !ranks || !onList || !nearList || !nearH || !U4 || !counts || !values) return null;
  return { M, p, chunks, H, twoX, twoX32, U, R, W32, UW32, ranks, onList, nearList, nearH, U4, counts, values, srcW, srcU, srcB, MAG, order, index, filledBy: null };
}

/** Plain typed arrays: the TypeScript path's buffers. */
export const heapAlloc: Alloc = { f64: (l) => new Float64Array(l), f32: (l) => new Float32Array(l), i32: (l) => new Int32Array(l) };

let slot: { full: FlipBuffers; current: FlipBuffers; busy: boolean } | null = null;

/**
 * The thread's buffers in the kernel's memory for M points, p neurons and `chunks` chunks,
 * or null (the caller then keeps to TypeScript) when another network holds them or the
 * memory is used up. They are reused from network to network and replaced only by larger
 * ones (the kernel's memory is never given back, see analysis-wasm.ts). Hand them back
 * with `releaseFlipScratch`.
 */
export function acquireFlipScratch(wasm: AnalysisWasm, M: number, p: number, chunks: number): FlipBuffers | null {
  if (slot !== null && slot.busy) return null;
  if (slot === null || slot.full.M < M || slot.full.p < p || slot.full.chunks < chunks) {
    const full = flipBuffers(wasm, Math.max(M, slot?.full.M ?? 0), Math.max(p, slot?.full.p ?? 0), Math.max(chunks, slot?.full.chunks ?? 0));
    if (full === null) return null;
    slot = { full, current: full, busy: false };
  }
  const { current } = slot;
  if (current.M !== M || current.p !== p || current.chunks !== chunks) slot.current = reshape(slot.full, M, p, chunks);
  slot.busy = true;
  return slot.current;
}

export function releaseFlipScratch(): void {
  if (slot !== null) slot.busy = false;
}

/** The same memory seen with smaller dimensions (the layouts depend on M, p and chunks). */
function reshape(b: FlipBuffers, M: number, p: number, chunks: number): FlipBuffers {
  const lanes = chunks * 8;
  return {
    M,
    p,
    chunks,
    H: b.H.subarray(0, M * p),
    twoX: b.twoX.subarray(0, M * lanes),
    twoX32: b.twoX32.subarray(0, M * lanes),
    U: b.U.subarray(0, p),
    R: b.R.subarray(0, p),
    W32: b.W32.subarray(0, chunks * p * 8),
    UW32: b.UW32.subarray(0, chunks * p * 8),
    ranks: b.ranks.subarray(0, p),
    onList: b.onList.subarray(0, 2 * p),
    nearList: b.nearList.subarray(0, 2 * p),
    nearH: b.nearH.subarray(0, 2 * p),
    U4: b.U4.subarray(0, 4 * p),
    counts: b.counts.subarray(0, M),
    values: b.values.subarray(0, M * lanes),
    srcW: b.srcW.subarray(0, p * lanes),
    srcU: b.srcU.subarray(0, p),
    srcB: b.srcB.subarray(0, p),
    MAG: b.MAG.subarray(0, p),
    order: b.order.subarray(0, p),
    index: b.index.subarray(0, M),
    filledBy: null,
  };
}
