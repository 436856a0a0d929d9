import type { AnalysisWasm } from "./analysis-wasm.js";

/** The buffers of a PrefixSignTracker working in the wasm kernel's memory. */
export interface TrackerScratch {
  readonly f: Float64Array;
  readonly cs: Float64Array;
  readonly pending: Int32Array;
}

/** Whoever holds the scratch; told to move out when another takes it. */
export interface TrackerTenant {
  evict(): void;
}

let space: { capacity: number; f: Float64Array; cs: Float64Array; pending: Int32Array } | null = null;
let tenant: TrackerTenant | null = null;

/**
 * The thread's tracker scratch for `size` points, taken over by `who`: the previous
 * tenant is evicted first (it copies its sums out and goes on in TypeScript). Null when
 * the kernel's memory is used up. A trackers lives about one sweep, so one scratch,
 * reused, serves them all (the kernel's memory is never given back, see analysis-wasm.ts).
 */
export function takeTrackerScratch(wasm: AnalysisWasm, size: number, who: TrackerTenant): TrackerScratch | null {
  if (space === null || space.capacity < size) {
    const f = wasm.f64(size);
    const cs = f && wasm.f64(size);
    const pending = cs && wasm.i32(size);
    if (!f || !cs || !pending) return null;
    if (tenant !== null) tenant.evict();
    tenant = null;
    space = { capacity: size, f, cs, pending };
  }
  if (tenant !== null && tenant !== who) tenant.evict();
  tenant = who;
  return { f: space.f.subarray(0, size), cs: space.cs.subarray(0, size), pending: space.pending.subarray(0, size) };
}
