import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { InputError } from "../errors.js";
import { openRun, type Run, type SeedRun } from "../run/run-reader.js";
import { runPaths } from "../run/layout.js";
import { analyzeEpochs, assembleSeed, planSeed, planSummary, seedLotteryTicket, type EpochSpan, type LotteryTicketSummary, type PlanSummary, type SeedAnalysis } from "./analyze-seed.js";
import { writeAnalysisDir } from "./analysis-files.js";
import { DEFAULT_SUPPORT, resolveSupport, supportLabel, type SupportChoice } from "./support-set.js";
import type { AnalyzeJob, AnalyzeWorkerInput, AnalyzeWorkerMessage } from "./analyze-worker.js";

/**
 * The analysis of a whole run: every quantity of the paper at every epoch of every seed
 * (analyze-seed.ts). Spans of epochs and lottery tickets run in parallel on worker
 * threads; each is a pure function of the run's files and they are put together in epoch
 * order, so the result is bit-identical whatever the thread count.
 */
export interface AnalyzeOptions {
  readonly support?: SupportChoice;
  /** Worker threads; 1 analyses in this thread. Default: one per core. */
  readonly threads?: number;
  /** Called when a seed is done. */
  readonly onSeed?: (analysis: SeedAnalysis) => void;
}

/** Checks what openRun leaves to its readers: series lengths, shapes, and that the summary covers the seeds. */
export function checkRun(run: Run): void {
  const { config } = run;
  const paths = runPaths(run.dir);
  const summarized = new Set(run.summary.seeds.map((s) => s.seed));
  for (const s of run.seeds) {
    const what = paths.record(s.seed);
    if (s.record.seed !== s.seed) throw new InputError(`${what}: is the record of seed ${s.record.seed}, expected seed ${s.seed}`);
    for (const key of ["trainLoss", "trainAcc", "testLoss", "testAcc"] as const) {
      if (s.record[key].length !== s.record.lastEpoch + 1) throw new InputError(`${what}: '${key}' has ${s.record[key].length} entries, expected ${s.record.lastEpoch + 1} (truncated?)`);
    }
    if (s.record.lastEpoch > config.epochs) throw new InputError(`${what}: lastEpoch ${s.record.lastEpoch} is beyond the configured ${config.epochs} epochs`);
    for (const [name, d] of [["train", s.train], ["test", s.test]] as const) {
      if (d.n !== config.n) throw new InputError(`${paths.data(s.seed)}: ${name} points have n = ${d.n}, the config says ${config.n}`);
    }
    if (s.train.size !== config.N) throw new InputError(`${paths.data(s.seed)}: ${s.train.size} training points, the config says N = ${config.N}`);
    if (!summarized.has(s.seed)) throw new InputError(`${paths.summary}: seed ${s.seed} is missing`);
  }
}

function workerUrl(): { url: URL; execArgv: string[] } {
  // Under vitest or tsx this module is TypeScript source; the worker then needs tsx too.
  const fromSource = import.meta.url.endsWith(".ts");
  return fromSource ? { url: new URL("./analyze-worker.ts", import.meta.url), execArgv: ["--import", "tsx"] } : { url: new URL("./analyze-worker.js", import.meta.url), execArgv: [] };
}

/** Epochs per job: small enough to balance 5 seeds over 2 threads, large enough that planning a seed stays cheap. */
const SPAN = 20;

function analyzeInWorkers(run: Run, support: SupportChoice, threads: number, onSeed?: (a: SeedAnalysis) => void): Promise<SeedAnalysis[]> {
  // The lottery tickets first (about 0.1 s each), then spans of epochs, which are small, so
  // that the threads run out of work at nearly the same time. (A ticket trains with the
  // training kernel, whose WebAssembly memory is sized up front; were it to grow, it would
  // detach its old buffer, and after the first detached ArrayBuffer V8 guards every
  // typed-array access of the thread, which made a later epoch analysis about 35% slower.)
  const jobs: AnalyzeJob[] = run.seeds.map((_, seedIndex) => ({ seedIndex, kind: "ticket" }));
  run.seeds.forEach((s, seedIndex) => {
    for (let from = 0; from <= s.record.lastEpoch; from += SPAN) jobs.push({ seedIndex, kind: "span", from, to: Math.min(from + SPAN, s.record.lastEpoch + 1) });
  });
  const pending = run.seeds.map((s) => ({ spans: [] as EpochSpan[], ticket: null as LotteryTicketSummary | null, plan: null as PlanSummary | null, jobs: jobs.filter((j) => run.seeds[j.seedIndex] === s).length }));
  const results: SeedAnalysis[] = [];
  const { url, execArgv } = workerUrl();
  const input: AnalyzeWorkerInput = { dir: run.dir, support };
  const workers: Worker[] = [];
  const finishSeed = (seedIndex: number) => {
    const p = pending[seedIndex];
    const spans = [...p.spans].sort((a, b) => a.from - b.from);
    const analysis = assembleSeed(run.seeds[seedIndex], p.plan!, spans, p.ticket!);
    results[seedIndex] = analysis;
    onSeed?.(analysis);
  };
  const all = Array.from(
    { length: threads },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url, { workerData: input, execArgv });
        workers.push(worker);
        const next = () => worker.postMessage(jobs.length > 0 ? jobs.shift()! : null);
        worker.on("message", (m: AnalyzeWorkerMessage) => {
          if (m.type === "error") {
            reject(m.input ? new InputError(m.message) : new Error(m.message));
            return;
          }
          const p = pending[m.seedIndex];
          p.plan = m.plan;
          if (m.type === "span") p.spans.push(m.span);
          else p.ticket = m.ticket;
          if (--p.jobs === 0) finishSeed(m.seedIndex);
          next();
        });
        worker.on("error", reject);
        worker.on("exit", () => resolve());
        next();
      }),
  );
  return Promise.all(all)
    .then(() => results)
    .finally(() => {
      for (const w of workers) void w.terminate();
    });
}

/** Analyses every seed of an opened run. */
export async function analyzeRun(run: Run, opts: AnalyzeOptions = {}): Promise<SeedAnalysis[]> {
  checkRun(run);
  const support = opts.support ?? DEFAULT_SUPPORT;
  // Reads a support file once here so that a bad one is an InputError before any work.
  resolveSupport(support, run.seeds[0].train, run.seeds[0].test);
  // Spans of epochs are the unit of work, so even one seed keeps every thread busy.
  const spans = run.seeds.reduce((sum, s) => sum + Math.ceil((s.record.lastEpoch + 1) / SPAN), 0);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), spans));
  if (threads === 1) {
    const plans = run.seeds.map((s: SeedRun) => planSeed(s, run.config, support));
    const epochSpans = plans.map((plan) => analyzeEpochs(plan, 0, plan.finalEpoch + 1));
    // Every seed's epochs, then each seed's ticket as the seed is put together and handed to onSeed.
    return plans.map((plan, k) => {
      const a = assembleSeed(plan.run, planSummary(plan), [epochSpans[k]], seedLotteryTicket(plan, run.config));
      opts.onSeed?.(a);
      return a;
    });
  }
  return analyzeInWorkers(run, support, threads, opts.onSeed);
}

/** `two-circuits analyze`: opens the run, analyses it and writes RUN/analysis/ as a whole. */
export async function analyzeRunDir(dir: string, opts: AnalyzeOptions & { force?: boolean } = {}): Promise<{ dir: string; seeds: SeedAnalysis[] }> {
  const run = openRun(dir);
  const out = runPaths(dir).analysis;
  if (existsSync(out) && !opts.force) throw new InputError(`${out} already exists; use --force to replace it`);
  const seeds = await analyzeRun(run, opts);
  return { dir: writeAnalysisDir(dir, supportLabel(opts.support ?? DEFAULT_SUPPORT), seeds), seeds };
}
