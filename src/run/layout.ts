import { join } from "node:path";

/**
 * The files of a run directory:
 *
 *     RUN/config.json                      the run's configuration (RunManifest)
 *     RUN/summary.json                     per-seed events and final accuracies, written last
 *     RUN/seed-S/data.safetensors          train.X, train.y, test.X, test.y (I8); support in the metadata
 *     RUN/seed-S/record.json               per-epoch metrics (SeedRecord)
 *     RUN/seed-S/trajectory.safetensors    every epoch's weights (F32) and neuron norms ‖W_i‖₂
 *     RUN/seed-S/state.safetensors         the latest checkpoint at full precision (F64), for --resume
 *     RUN/analysis/                        written by `two-circuits analyze`
 */
export const runPaths = (dir: string) => ({
  dir,
  manifest: join(dir, "config.json"),
  summary: join(dir, "summary.json"),
  analysis: join(dir, "analysis"),
  seedDir: (seed: number) => join(dir, `seed-${seed}`),
  data: (seed: number) => join(dir, `seed-${seed}`, "data.safetensors"),
  record: (seed: number) => join(dir, `seed-${seed}`, "record.json"),
  trajectory: (seed: number) => join(dir, `seed-${seed}`, "trajectory.safetensors"),
  state: (seed: number) => join(dir, `seed-${seed}`, "state.safetensors"),
});
