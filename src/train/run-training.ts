import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { InputError } from "../errors.js";
import { writeJsonAtomic } from "../io/atomic.js";
import { runPaths } from "../run/layout.js";
import { RunManifestSchema, type RunSummary, type SeedRecord } from "../run/record.js";
import { readJson } from "../run/run-reader.js";
import { validateConfig, type TrainConfig } from "./config.js";
import { createProgress, type ProgressMode } from "./progress.js";
import type { SeedWorkerInput, SeedWorkerMessage } from "./seed-worker.js";

export interface TrainOptions {
  /** The run directory to write. */
  readonly out: string;
  /** Overwrite the run files of an existing run in `out`. */
  readonly force?: boolean;
  /** Continue the run in `out` where it stopped; bit-identical to an uninterrupted run. */
  readonly resume?: boolean;
  /** Worker threads (seeds train in parallel); default: one per core, at most one per seed. */
  readonly threads?: number;
  readonly progress?: ProgressMode;
}

const RUN_ENTRIES = /^(config\.json|summary\.json|seed-\d+|analysis|report|report\.html)$/;

/** Decides what happens to `out`: refuse, clear our own files (--force), or continue (--resume). */
function prepareRunDir(config: TrainConfig, opts: TrainOptions): void {
  const paths = runPaths(opts.out);
  const hasRun = existsSync(paths.manifest);
  if (opts.resume) {
    if (!hasRun) throw new InputError(`--resume: ${opts.out} holds no run to continue (no config.json)`);
    const manifest = RunManifestSchema.parse(readJson(paths.manifest), paths.manifest);
    if (JSON.stringify(manifest.config) !== JSON.stringify(config)) {
      throw new InputError(`--resume: ${opts.out} was started with a different configuration; leave out the flags or use --force to start over`);
    }
    rmSync(paths.summary, { force: true });
    for (const e of readdirSync(opts.out)) if (e.startsWith(".") && e.endsWith(".tmp")) rmSync(join(opts.out, e), { force: true });
    return;
  }
  if (existsSync(opts.out)) {
    const entries = readdirSync(opts.out);
    if (entries.length > 0 && !opts.force) {
      throw new InputError(hasRun ? `${opts.out} already holds a run; use --force to overwrite it or --resume to continue it` : `${opts.out} exists and is not empty; use --force to write into it`);
    }
    for (const e of entries) if (RUN_ENTRIES.test(e)) rmSync(join(opts.out, e), { recursive: true, force: true });
  }
  mkdirSync(opts.out, { recursive: true });
  writeJsonAtomic(paths.manifest, { format: "two-circuits/run@1", config, createdBy: "two-circuits train" });
}

/** Under vitest this module is TypeScript source, and workers cannot load .ts: they run the build (`npm test` builds first). */
export function compiledSibling(name: string, importMetaUrl: string, srcDir: string): URL {
  return importMetaUrl.endsWith(".ts") ? new URL(`../../dist/src/${srcDir}/${name}.js`, importMetaUrl) : new URL(`./${name}.js`, importMetaUrl);
}

/** Trains every seed of the config into a run directory, seeds in parallel on worker threads. */
export async function runTraining(config: TrainConfig, opts: TrainOptions): Promise<RunSummary> {
  validateConfig(config);
  prepareRunDir(config, opts);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), config.seeds.length));
  const progress = createProgress(opts.progress ?? "auto", config.seeds, config.epochs);
  const records = new Map<number, SeedRecord>();
  const queue = [...config.seeds];
  const url = compiledSibling("seed-worker", import.meta.url, "train");
  const input: SeedWorkerInput = { config, seeds: config.seeds, runDir: opts.out, resume: opts.resume ?? false };

  try {
    await Promise.all(
      Array.from({ length: threads }, () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(url, { workerData: input });
          const next = () => worker.postMessage(queue.length > 0 ? queue.shift()! : null);
          worker.on("message", (m: SeedWorkerMessage) => {
            if (m.type === "epoch") progress.epoch(m.report);
            else if (m.type === "done") {
              records.set(m.record.seed, m.record);
              progress.done(m.record.seed, m.record.status === "complete" ? "done" : `stopped: ${m.record.message}`);
              next();
            } else {
              worker.terminate();
              reject(new Error(m.message));
            }
          });
          worker.on("error", reject);
          worker.on("exit", () => resolve());
          next();
        }),
      ),
    );
  } finally {
    progress.stop();
  }

  const summary: RunSummary = {
    config,
    seeds: config.seeds.map((seed) => {
      const r = records.get(seed)!;
      const last = r.lastEpoch;
      return {
        seed,
        memorizationEpoch: r.memorizationEpoch,
        grokkingEpoch: r.grokkingEpoch,
        finalTrainAcc: r.trainAcc[last],
        finalTestAcc: r.testAcc[last],
        testAccAtMemorization: r.memorizationEpoch === null ? null : r.testAcc[r.memorizationEpoch],
        status: r.status === "diverged" ? "diverged" : "complete",
      };
    }),
  };
  writeJsonAtomic(runPaths(opts.out).summary, summary);
  return summary;
}
