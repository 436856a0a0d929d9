import fc from "fast-check";
import type { Dataset } from "../data/dataset.js";
import { parityOf, type ParityTask } from "../data/parity.js";

export interface ParityDatasetConstraints {
  /** Input dimension, or a range for it. */
  readonly n?: number | { min: number; max: number };
  /** Support size, or a range (clipped to n). */
  readonly k?: number | { min: number; max: number };
  /** Number of points, or a range. */
  readonly size?: number | { min: number; max: number };
}

function intArb(v: number | { min: number; max: number } | undefined, dflt: { min: number; max: number }): fc.Arbitrary<number> {
  if (typeof v === "number") return fc.constant(v);
  const r = v ?? dflt;
  return fc.integer(r);
}

/** An (n, k)-sparse parity task: a support S of k distinct coordinates (paper §2). */
export function parityTask(c: Pick<ParityDatasetConstraints, "n" | "k"> = {}): fc.Arbitrary<ParityTask> {
  return intArb(c.n, { min: 1, max: 12 }).chain((n) =>
    intArb(c.k, { min: 1, max: 4 })
      .map((k) => Math.max(1, Math.min(k, n)))
      .chain((k) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: k, maxLength: k }))
      .map((s) => ({ n, support: [...s].sort((a, b) => a - b) })),
  );
}

/** A task with a labelled sample of the cube: y = ∏_{i∈S} x_i on every point. */
export function parityDataset(c: ParityDatasetConstraints = {}): fc.Arbitrary<{ task: ParityTask; data: Dataset }> {
  return parityTask(c).chain((task) =>
    intArb(c.size, { min: 1, max: 64 }).chain((size) =>
      fc.array(fc.boolean(), { minLength: size * task.n, maxLength: size * task.n }).map((bits) => {
        const X = Int8Array.from(bits, (b) => (b ? -1 : 1));
        const y = new Int8Array(size);
        for (let r = 0; r < size; r++) y[r] = parityOf(task, X.subarray(r * task.n, (r + 1) * task.n));
        return { task, data: { n: task.n, size, X, y } };
      }),
    ),
  );
}
