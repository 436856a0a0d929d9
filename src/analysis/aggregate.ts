import type { EpochRow } from "./analyze-seed.js";

/**
 * Aggregation across seeds (paper Figure 2: curves are the mean, bands ±1 standard
 * deviation over 5 seeds). The standard deviation is the population one (ddof = 0),
 * as numpy.std in the authors' `mean_and_std_across_seeds`. A seed that stopped early
 * (diverged) simply contributes to fewer epochs; `count` says how many seeds each
 * mean is over.
 */
export const AGGREGATED_QUANTITIES = ["trainLoss", "trainAcc", "testLoss", "testAcc", "sparsityPointwise", "sparsityAccuracy", "sparsityStable"] as const;
export type AggregatedQuantity = (typeof AGGREGATED_QUANTITIES)[number];

export interface AggregateRow {
  readonly epoch: number;
  readonly quantity: AggregatedQuantity;
  readonly mean: number;
  readonly std: number;
  readonly count: number;
}

export const AGGREGATE_COLUMNS = ["epoch", "quantity", "mean", "std", "count"] as const satisfies readonly (keyof AggregateRow)[];

export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: NaN, std: NaN };
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let q = 0;
  for (const v of values) q += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(q / values.length) };
}

/** Mean and std across seeds, per epoch and quantity, in order of epoch then quantity. */
export function aggregateEpochs(rows: readonly EpochRow[]): AggregateRow[] {
  const byEpoch = new Map<number, EpochRow[]>();
  for (const r of rows) {
    const list = byEpoch.get(r.epoch) ?? [];
    list.push(r);
    byEpoch.set(r.epoch, list);
  }
  const out: AggregateRow[] = [];
  for (const epoch of [...byEpoch.keys()].sort((a, b) => a - b)) {
    const list = byEpoch.get(epoch)!;
    for (const quantity of AGGREGATED_QUANTITIES) {
      const { mean, std } = meanAndStd(list.map((r) => r[quantity]));
      out.push({ epoch, quantity, mean, std, count: list.length });
    }
  }
  return out;
}
