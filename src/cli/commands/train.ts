import type { Command } from "commander";
import { CONFIG_FLAGS, PAPER_CONFIG, type TrainConfig } from "../../train/config.js";
import { runTraining } from "../../train/run-training.js";
import { summaryTable } from "../../run/summary-table.js";
import { parseIndexList, parseInteger, parseNumber } from "../options.js";
import { InputError } from "../../errors.js";
import { RunManifestSchema } from "../../run/record.js";
import { readJson } from "../../run/run-reader.js";
import { runPaths } from "../../run/layout.js";

/** `--seeds 5` is seeds 0..4; `--seeds 3,7` those seeds; `--seeds 10..14` a range. */
export function parseSeeds(value: string): number[] {
  const v = value.trim();
  const range = /^(\d+)\.\.(\d+)$/.exec(v);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a) throw new InputError(`--seeds: empty range '${value}'`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  if (v.includes(",")) return parseIndexList("--seeds")(v.replace(/,$/, ""));
  const count = parseInteger("--seeds")(v);
  if (count < 1) throw new InputError(`--seeds: must be at least 1, got ${count}`);
  return Array.from({ length: count }, (_, i) => i);
}

export function parseSupport(value: string): TrainConfig["support"] {
  if (value === "first" || value === "random") return value;
  return parseIndexList("--support")(value);
}

type Flags = Partial<Record<keyof TrainConfig, unknown>> & { out: string; force?: boolean; resume?: boolean; threads?: number; progress?: boolean; quiet?: boolean };

/** Adds the config flags (defaults = the paper) to a command; shared by `train` and `reproduce`. */
export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option(`${CONFIG_FLAGS.n} <int>`, `input bits n (default ${PAPER_CONFIG.n})`, parseInteger("--n"))
    .option(`${CONFIG_FLAGS.k} <int>`, `parity size k = |S| (default ${PAPER_CONFIG.k})`, parseInteger("--k"))
    .option(`${CONFIG_FLAGS.N} <int>`, `training samples N (default ${PAPER_CONFIG.N})`, parseInteger("--N"))
    .option(`${CONFIG_FLAGS.width} <int>`, `hidden width p (default ${PAPER_CONFIG.width})`, parseInteger("--width"))
    .option(`${CONFIG_FLAGS.batchSize} <int>`, `batch size B (default ${PAPER_CONFIG.batchSize})`, parseInteger("--batch-size"))
    .option(`${CONFIG_FLAGS.lr} <float>`, `learning rate η (default ${PAPER_CONFIG.lr})`, parseNumber("--lr"))
    .option(`${CONFIG_FLAGS.weightDecay} <float>`, `coupled weight decay λ (default ${PAPER_CONFIG.weightDecay})`, parseNumber("--weight-decay"))
    .option(`${CONFIG_FLAGS.epochs} <int>`, `epochs (default ${PAPER_CONFIG.epochs})`, parseInteger("--epochs"))
    .option(`${CONFIG_FLAGS.seeds} <seeds>`, "a count (5 = seeds 0..4), a list (3,7) or a range (10..14) (default 5)", parseSeeds)
    .option(`${CONFIG_FLAGS.support} <S>`, "support S: 'first' (the first k bits), 'random' (drawn from each seed) or indices like 0,1,2 (default first)", parseSupport)
    .option(`${CONFIG_FLAGS.testSize} <int>`, `fixed test set size (default ${PAPER_CONFIG.testSize})`, parseInteger("--test-size"));
}

/** The config from the flags over `base` (the paper, or the run being resumed). */
export function configFromFlags(flags: Flags, base: TrainConfig = PAPER_CONFIG): TrainConfig {
  const config = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(CONFIG_FLAGS) as (keyof TrainConfig)[]) if (flags[key] !== undefined) config[key] = flags[key];
  if (flags.k !== undefined && flags.support === undefined && Array.isArray(base.support)) config.support = "first";
  return config as TrainConfig;
}

export function registerTrain(program: Command): void {
  addConfigOptions(
    program
      .command("train")
      .description("train the paper's network on (n, k)-parity for every seed and record every epoch (defaults = the paper)")
      .requiredOption("--out <dir>", "run directory to write"),
  )
    .option("--force", "overwrite an existing run in --out")
    .option("--resume", "continue the run in --out where it stopped (bit-identical to an uninterrupted run)")
    .option("--threads <int>", "worker threads (default: one per core)", parseInteger("--threads"))
    .option("--quiet", "no progress output")
    .action(async (flags: Flags) => {
      if (flags.force && flags.resume) throw new InputError("--force and --resume exclude each other");
      if (flags.threads !== undefined && flags.threads < 1) throw new InputError(`--threads: must be at least 1, got ${flags.threads}`);
      const base = flags.resume ? RunManifestSchema.parse(readJson(runPaths(flags.out).manifest, `--resume: ${runPaths(flags.out).manifest}`), runPaths(flags.out).manifest).config : PAPER_CONFIG;
      const config = configFromFlags(flags, base);
      const summary = await runTraining(config, { out: flags.out, force: flags.force, resume: flags.resume, threads: flags.threads, progress: flags.quiet ? "none" : "auto" });
      process.stdout.write(`\n${summaryTable(summary)}\n\nrun written to ${flags.out}\n`);
      const diverged = summary.seeds.filter((s) => s.status === "diverged");
      for (const s of diverged) process.stderr.write(`two-circuits: seed ${s.seed} diverged (see ${runPaths(flags.out).record(s.seed)}); its epochs up to the last finite one are kept\n`);
      if (diverged.length > 0) process.exitCode = 1;
    });
}
