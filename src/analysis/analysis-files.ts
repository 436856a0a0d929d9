import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import type { EpochRow, NeuronRow, SeedAnalysis, SubnetworkRow } from "./analyze-seed.js";
import { aggregateEpochs, AGGREGATE_COLUMNS } from "./aggregate.js";
import { ANALYSIS_FORMAT, AnalysisSummarySchema, PAPER_SIZES, type AnalysisSummary } from "./analysis-summary.js";

export { ANALYSIS_FORMAT, AnalysisSummarySchema, PAPER_SIZES, type AnalysisSummary };

/**
 * RUN/analysis/, written by `two-circuits analyze` (format two-circuits/analysis@1):
 *
 *     summary.json      per seed: events, final effective sparsity, subnetworks, lottery ticket
 *     epochs.csv        seed,epoch,trainLoss,trainAcc,testLoss,testAcc,sparsityPointwise,sparsityAccuracy,sparsityStable
 *     subnetworks.csv   seed,epoch,subnetwork,size,meanNorm,faithfulnessTrain,faithfulnessTest,accuracyTrain,accuracyTest,sensitivityTest,sensitivityTrain
 *     neurons.csv       seed,epoch,role,rank,neuron,norm (Figure 5 left)
 *     aggregate.csv     epoch,quantity,mean,std,count: epochs.csv across seeds (aggregate.ts)
 *
 * The directory is built under a temporary name beside it and renamed into place whole,
 * so RUN/analysis/ either holds a finished analysis or does not exist.
 */
export const EPOCH_COLUMNS = ["seed", "epoch", "trainLoss", "trainAcc", "testLoss", "testAcc", "sparsityPointwise", "sparsityAccuracy", "sparsityStable"] as const satisfies readonly (keyof EpochRow)[];
export const SUBNETWORK_COLUMNS = ["seed", "epoch", "subnetwork", "size", "meanNorm", "faithfulnessTrain", "faithfulnessTest", "accuracyTrain", "accuracyTest", "sensitivityTest", "sensitivityTrain"] as const satisfies readonly (keyof SubnetworkRow)[];
export const NEURON_COLUMNS = ["seed", "epoch", "role", "rank", "neuron", "norm"] as const satisfies readonly (keyof NeuronRow)[];

/** Plain CSV; numbers as String(x), which round-trips every float64. */
export function toCsv<R>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => String(row[c])).join(","));
  return lines.join("\n") + "\n";
}

export function analysisSummary(supportSet: string, seeds: readonly SeedAnalysis[]): AnalysisSummary {
  const summary: AnalysisSummary = {
    format: ANALYSIS_FORMAT,
    supportSet,
    seeds: seeds.map((s) => ({
      seed: s.seed,
      memorizationEpoch: s.memorizationEpoch,
      grokkingEpoch: s.grokkingEpoch,
      finalEpoch: s.finalEpoch,
      effectiveSparsity: { ...s.effectiveSparsity },
      nonMonotoneEpochs: s.nonMonotoneEpochs,
      generalizingNeurons: s.generalizingNeurons,
      controlNeurons: s.controlNeurons,
      sparsityAtMemorization: s.sparsityAtMemorization === null ? null : { ...s.sparsityAtMemorization },
      lotteryTicket: s.lotteryTicket,
    })),
    paperSizes: PAPER_SIZES,
  };
  return AnalysisSummarySchema.parse(summary, "analysis summary");
}

const TEMP_PREFIX = ".analysis.tmp-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporary directories of analyses that were killed (their process is gone). */
function removeStaleTemporaries(runDir: string): void {
  for (const entry of readdirSync(runDir)) {
    const m = new RegExp(`^\\${TEMP_PREFIX}(\\d+)-`).exec(entry);
    if (m && !alive(Number(m[1]))) rmSync(join(runDir, entry), { recursive: true, force: true });
  }
}

/** Writes RUN/analysis/ as a whole; an existing analysis is replaced only when `force` is set (the caller checked). */
export function writeAnalysisDir(runDir: string, supportSet: string, seeds: readonly SeedAnalysis[]): string {
  removeStaleTemporaries(runDir);
  const final = join(runDir, "analysis");
  const tmp = join(runDir, `${TEMP_PREFIX}${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    const epochs = seeds.flatMap((s) => s.epochs);
    writeFileAtomic(join(tmp, "epochs.csv"), toCsv(EPOCH_COLUMNS, epochs));
    writeFileAtomic(join(tmp, "subnetworks.csv"), toCsv(SUBNETWORK_COLUMNS, seeds.flatMap((s) => s.subnetworks)));
    writeFileAtomic(join(tmp, "neurons.csv"), toCsv(NEURON_COLUMNS, seeds.flatMap((s) => s.neurons)));
    writeFileAtomic(join(tmp, "aggregate.csv"), toCsv(AGGREGATE_COLUMNS, aggregateEpochs(epochs)));
    writeJsonAtomic(join(tmp, "summary.json"), analysisSummary(supportSet, seeds));
    if (existsSync(final)) {
      const old = join(runDir, `${TEMP_PREFIX}${process.pid}-old`);
      renameSync(final, old);
      renameSync(tmp, final);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, final);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return final;
}
