import { parentPort, workerData } from "node:worker_threads";
import { openRun } from "../run/run-reader.js";
import { InputError } from "../errors.js";
import { analyzeEpochs, planSeed, planSummary, seedLotteryTicket, type EpochSpan, type LotteryTicketSummary, type PlanSummary, type SeedPlan } from "./analyze-seed.js";
import type { SupportChoice } from "./support-set.js";

/**
 * A worker of analyze-run.ts. It is sent jobs — a span of epochs of a seed, or a seed's
 * lottery ticket — one at a time, and plans each seed it meets once (a plan depends
 * only on the run's files, so every worker's plan of a seed is the same).
 */
export interface AnalyzeWorkerInput {
  readonly dir: string;
  readonly support: SupportChoice;
}

export type AnalyzeJob = { readonly seedIndex: number; readonly kind: "span"; readonly from: number; readonly to: number } | { readonly seedIndex: number; readonly kind: "ticket" };

export type AnalyzeWorkerMessage =
  | { type: "span"; seedIndex: number; plan: PlanSummary; span: EpochSpan }
  | { type: "ticket"; seedIndex: number; plan: PlanSummary; ticket: LotteryTicketSummary }
  | { type: "error"; message: string; input: boolean };

if (parentPort) {
  const port = parentPort;
  const input = workerData as AnalyzeWorkerInput;
  const run = openRun(input.dir);
  const plans = new Map<number, SeedPlan>();
  const planOf = (index: number) => {
    let plan = plans.get(index);
    if (!plan) {
      plan = planSeed(run.seeds[index], run.config, input.support);
      plans.set(index, plan);
    }
    return plan;
  };
  port.on("message", (job: AnalyzeJob | null) => {
    if (job === null) {
      port.close();
      return;
    }
    try {
      const plan = planOf(job.seedIndex);
      const m: AnalyzeWorkerMessage =
        job.kind === "span"
          ? { type: "span", seedIndex: job.seedIndex, plan: planSummary(plan), span: analyzeEpochs(plan, job.from, job.to) }
          : { type: "ticket", seedIndex: job.seedIndex, plan: planSummary(plan), ticket: seedLotteryTicket(plan, run.config) };
      port.postMessage(m);
    } catch (e) {
      const m: AnalyzeWorkerMessage = { type: "error", message: (e as Error).message, input: e instanceof InputError };
      port.postMessage(m);
    }
  });
}
