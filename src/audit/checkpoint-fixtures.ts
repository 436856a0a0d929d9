import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineSchema, type Infer } from "../io/schema.js";
import { saveNetwork } from "../io/checkpoint.js";
import { writeJsonAtomic } from "../io/atomic.js";
import { InputError } from "../errors.js";
import { openRun } from "../run/run-reader.js";
import { runPaths } from "../run/layout.js";
import { memorizationEpoch } from "../run/record.js";
import { PAPER_CONFIG, type TrainConfig } from "../train/config.js";
import { runTraining } from "../train/run-training.js";

/**
 * fixtures/checkpoints: for each seed of the paper config, the network at its
 * memorisation epoch (first epoch with train accuracy > 0.98, paper App. B) and at its
 * final epoch, as F32 safetensors with PyTorch's state_dict names, plus the seed's
 * data file (train.X/train.y, test.X/test.y) and a manifest.
 */
export const FixtureManifestSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "command", "config", "checkpoints"],
  properties: {
    format: { const: "two-circuits/checkpoint-fixtures@1" },
    command: { type: "string", description: "how to regenerate this directory" },
    config: { type: "object" },
    checkpoints: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["file", "data", "seed", "phase", "epoch", "support", "trainAcc", "testAcc"],
        properties: {
          file: { type: "string" },
          data: { type: "string", description: "the seed's data file (train and test sets)" },
          seed: { type: "integer" },
          phase: { enum: ["memorisation", "final"] },
          epoch: { type: "integer" },
          support: { type: "array", items: { type: "integer" } },
          trainAcc: { type: "number" },
          testAcc: { type: "number" },
        },
      },
    },
  },
} as const);
export type FixtureManifest = Infer<typeof FixtureManifestSchema>;

export const FIXTURE_COMMAND = "npm run build && node scripts/make-checkpoint-fixtures.mjs [--run DIR] [--out fixtures/checkpoints] [--threads N]";

export interface MakeFixturesOptions {
  /** An existing finished run of the paper config; trained afresh (in a temporary directory) when absent. */
  readonly run?: string;
  readonly out: string;
  readonly threads?: number;
  readonly config?: TrainConfig;
}

export async function makeCheckpointFixtures(opts: MakeFixturesOptions): Promise<FixtureManifest> {
  const config = opts.config ?? PAPER_CONFIG;
  let runDir = opts.run;
  let scratch: string | undefined;
  if (!runDir) {
    scratch = mkdtempSync(join(tmpdir(), "two-circuits-fixtures-"));
    runDir = join(scratch, "run");
    await runTraining(config, { out: runDir, threads: opts.threads, progress: "none" });
  }
  try {
    const run = openRun(runDir);
    if (JSON.stringify(run.config) !== JSON.stringify(config)) throw new InputError(`--run: ${runDir} was not trained with the paper config`);
    mkdirSync(opts.out, { recursive: true });
    for (const f of readdirSync(opts.out)) if (/^seed-\d+-(memorisation|final|data)\.safetensors$/.test(f)) rmSync(join(opts.out, f));
    const checkpoints: FixtureManifest["checkpoints"] = [];
    for (const seed of run.seeds) {
      const data = `seed-${seed.seed}-data.safetensors`;
      copyFileSync(runPaths(runDir).data(seed.seed), join(opts.out, data));
      const memo = memorizationEpoch(seed.record.trainAcc);
      if (memo === null) throw new InputError(`seed ${seed.seed} never memorised (train accuracy never above 0.98)`);
      const trajectory = seed.trajectory();
      try {
        for (const [phase, epoch] of [["memorisation", memo], ["final", seed.record.lastEpoch]] as const) {
          const file = `seed-${seed.seed}-${phase}.safetensors`;
          const entry = { file, data, seed: seed.seed, phase, epoch, support: [...seed.task.support], trainAcc: seed.record.trainAcc[epoch], testAcc: seed.record.testAcc[epoch] };
          saveNetwork(join(opts.out, file), trajectory.network(epoch), { dtype: "F32", metadata: { format: "two-circuits/checkpoint-fixture@1", seed: String(seed.seed), phase, epoch: String(epoch), support: entry.support.join(",") } });
          checkpoints.push(entry);
        }
      } finally {
        trajectory.close();
      }
    }
    const manifest: FixtureManifest = { format: "two-circuits/checkpoint-fixtures@1", command: FIXTURE_COMMAND, config, checkpoints };
    writeJsonAtomic(join(opts.out, "manifest.json"), manifest);
    return manifest;
  } finally {
    if (scratch && existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  }
}
