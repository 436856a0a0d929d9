import { readFileSync } from "node:fs";
import type { Network } from "../net/network.js";
import { networkFromSafetensors, networkToSafetensors } from "../io/checkpoint.js";
import { parseSafetensors } from "../io/safetensors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { InputError } from "../errors.js";

/**
 * The full-precision (F64) weights of a seed at the end of an epoch: what `--resume`
 * continues from. Because every random stream is derived from (seed, purpose, epoch),
 * these weights are the whole training state.
 */
export const STATE_FORMAT = "two-circuits/state@1";

export interface MetricSeries {
  trainLoss: number[];
  trainAcc: number[];
  testLoss: number[];
  testAcc: number[];
}

/** Weights and the metric series up to `epoch` in one atomic write, so the two can never disagree. */
export function writeState(path: string, net: Network, epoch: number, seed: number, series: MetricSeries): void {
  if (series.trainAcc.length !== epoch + 1) throw new Error(`writeState: series has ${series.trainAcc.length} epochs, expected ${epoch + 1}`);
  const metadata = { format: STATE_FORMAT, epoch: String(epoch), seed: String(seed), series: JSON.stringify(series) };
  writeFileAtomic(path, networkToSafetensors(net, "F64", metadata));
}

export function readState(path: string): { net: Network; epoch: number; series: MetricSeries } {
  const bytes = readFileSync(path);
  const meta = parseSafetensors(bytes, path).header.metadata;
  if (meta.format !== STATE_FORMAT) throw new InputError(`${path}: not a ${STATE_FORMAT} file`);
  const epoch = Number(meta.epoch);
  if (!Number.isInteger(epoch) || epoch < 0) throw new InputError(`${path}: invalid epoch ${JSON.stringify(meta.epoch)}`);
  let series: MetricSeries;
  try {
    series = JSON.parse(meta.series ?? "");
  } catch {
    throw new InputError(`${path}: metric series missing or invalid`);
  }
  const lengths = [series.trainLoss, series.trainAcc, series.testLoss, series.testAcc].map((a) => (Array.isArray(a) ? a.length : -1));
  if (lengths.some((l) => l !== epoch + 1)) throw new InputError(`${path}: metric series do not cover epochs 0..${epoch}`);
  return { net: networkFromSafetensors(bytes, path), epoch, series };
}
