import { existsSync, readFileSync } from "node:fs";
import { runPaths } from "./layout.js";
import { RunManifestSchema, SeedRecordSchema, RunSummarySchema, type RunManifest, type SeedRecord, type RunSummary } from "./record.js";
import { TrajectoryReader } from "./trajectory.js";
import { loadDatasetFile } from "../data/dataset-file.js";
import type { Dataset } from "../data/dataset.js";
import type { ParityTask } from "../data/parity.js";
import type { TrainConfig } from "../train/config.js";
import { InputError } from "../errors.js";

export function readJson(path: string, what = path): unknown {
  if (!existsSync(path)) throw new InputError(`${what}: missing`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new InputError(`${what}: not valid JSON (truncated?)`);
  }
}

/** One seed of a finished run: its record, data, and lazily its trajectory. */
export interface SeedRun {
  readonly seed: number;
  readonly record: SeedRecord;
  readonly task: ParityTask;
  readonly train: Dataset;
  readonly test: Dataset;
  /** Opens the trajectory (close it when done). */
  trajectory(): TrajectoryReader;
}

export interface Run {
  readonly dir: string;
  readonly config: TrainConfig;
  readonly summary: RunSummary;
  readonly seeds: readonly SeedRun[];
}

/**
 * Opens a finished run directory, checking every file a reader will need, so that a
 * missing, truncated or foreign file is one clear InputError up front.
 */
export function openRun(dir: string): Run {
  const paths = runPaths(dir);
  if (!existsSync(dir)) throw new InputError(`${dir}: no such run directory`);
  const manifest: RunManifest = RunManifestSchema.parse(readJson(paths.manifest), paths.manifest);
  if (!existsSync(paths.summary)) throw new InputError(`${dir}: the run is not finished (no summary.json); continue it with 'two-circuits train --resume --out ${dir}'`);
  const summary = RunSummarySchema.parse(readJson(paths.summary), paths.summary);
  const config = manifest.config;
  const seeds = config.seeds.map((seed): SeedRun => {
    const record = SeedRecordSchema.parse(readJson(paths.record(seed)), paths.record(seed));
    if (record.status === "running") throw new InputError(`${paths.record(seed)}: seed ${seed} did not finish`);
    const { dataset: train } = loadDatasetFile(paths.data(seed), ["train"]);
    const { dataset: test } = loadDatasetFile(paths.data(seed), ["test"]);
    const trajectoryPath = paths.trajectory(seed);
    const probe = new TrajectoryReader(trajectoryPath);
    const lastEpoch = probe.lastEpoch;
    probe.close();
    if (lastEpoch !== record.lastEpoch) throw new InputError(`${trajectoryPath}: holds epochs 0..${lastEpoch} but the record says 0..${record.lastEpoch}`);
    return {
      seed,
      record,
      task: { n: config.n, support: record.support },
      train,
      test,
      trajectory: () => new TrajectoryReader(trajectoryPath),
    };
  });
  return { dir, config, summary, seeds };
}
