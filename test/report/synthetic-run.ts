import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TrajectoryWriter } from "../../src/run/trajectory.js";
import { PAPER_CONFIG, type TrainConfig } from "../../src/train/config.js";
import type { RunSummary } from "../../src/run/record.js";
import { RandomStream } from "../../src/random/stream.js";

/**
 * A made-up but well-formed run directory with a finished analysis (the contract of
 * RUN/analysis/ written by `two-circuits analyze`), shaped like grokking: train accuracy
 * reaches 100% early, test accuracy jumps later, effective sparsity collapses, the
 * generalising neurons' norms grow while the others decay.
 */
export interface SyntheticOptions {
  readonly seeds?: readonly number[];
  readonly p?: number;
  readonly n?: number;
  readonly epochs?: number;
  /** Omit files or corrupt them to test the error paths. */
  readonly without?: ReadonlyArray<"analysis-summary" | "epochs" | "trajectory" | "run-summary">;
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

export function writeSyntheticRun(dir: string, opts: SyntheticOptions = {}): { config: TrainConfig } {
  const seeds = opts.seeds ?? [0, 1, 2];
  const p = opts.p ?? 60;
  const n = opts.n ?? 12;
  const E = opts.epochs ?? 80;
  const without = new Set(opts.without ?? []);
  const config: TrainConfig = { ...PAPER_CONFIG, n, width: p, epochs: E, seeds: [...seeds] };
  mkdirSync(join(dir, "analysis"), { recursive: true });

  const epochLines = ["seed,epoch,trainLoss,trainAcc,testLoss,testAcc,sparsityPointwise,sparsityAccuracy,sparsityStable"];
  const subLines = ["seed,epoch,subnetwork,size,meanNorm,faithfulnessTrain,faithfulnessTest,accuracyTrain,accuracyTest,sensitivityTest,sensitivityTrain"];
  const neuronLines = ["seed,epoch,role,rank,neuron,norm"];
  const seedSummaries: unknown[] = [];
  const runSeeds: RunSummary["seeds"] = [];

  for (const seed of seeds) {
    const rng = new RandomStream(seed, "arbitrary", 0);
    const memo = Math.round(E * 0.1) + seed;
    const grok = Math.round(E * 0.55) + 2 * seed;
    const size = seed % 2 === 0 ? 6 : 8;
    const perm = rng.permutation(p);
    const generalizing = Array.from(perm.subarray(0, size)).sort((a, b) => a - b);
    const memoDominant = Array.from(perm.subarray(size, size + 3));
    const control = Array.from(perm.subarray(size + 3, 2 * size + 3)).sort((a, b) => a - b);
    const base = Float64Array.from({ length: p }, () => 0.3 + 0.2 * rng.float());

    const normAt = (i: number, e: number): number => {
      const decay = Math.exp(-e / (E * 0.4));
      if (generalizing.includes(i)) return base[i] * decay + 3 * sigmoid((e - grok + 5) / 3);
      if (memoDominant.includes(i)) return base[i] + 1.5 * sigmoid((e - memo) / 2) * Math.exp(-Math.max(0, e - grok) / 5);
      return base[i] * decay;
    };
    const trajectoryPath = join(dir, `seed-${seed}`, "trajectory.safetensors");
    mkdirSync(join(dir, `seed-${seed}`), { recursive: true });
    const writer = without.has("trajectory") ? null : TrajectoryWriter.create(trajectoryPath, n, p, E);
    let sparsityAtMemo = 0;
    for (let e = 0; e <= E; e++) {
      const trainAcc = Math.min(1, 0.5 + 0.5 * sigmoid((e - memo + 3) / 1.5) + 0.02);
      const testAcc = Math.min(1, 0.5 + 0.5 * sigmoid((e - grok) / 2) + 0.02 * rng.float());
      const trainLoss = 1 - 0.95 * sigmoid((e - memo) / 3);
      const testLoss = 1 + 0.3 * sigmoid((e - memo) / 3) - 1.2 * sigmoid((e - grok) / 2);
      const pointwise = Math.max(size, Math.round(p * (1 - sigmoid((e - grok) / 2)) * (0.6 + 0.4 * sigmoid((e - memo) / 4))));
      const accuracy = Math.max(1, pointwise - Math.round(rng.float() * 3));
      const stable = pointwise + (e % 17 === 5 ? 2 : 0);
      if (e === memo) sparsityAtMemo = pointwise;
      epochLines.push([seed, e, trainLoss, trainAcc, testLoss, testAcc, pointwise, accuracy, stable].join(","));
      const norms = Float64Array.from({ length: p }, (_, i) => normAt(i, e));
      const mean = (idx: readonly number[]) => idx.reduce((s, i) => s + norms[i], 0) / idx.length;
      const complement = Array.from({ length: p }, (_, i) => i).filter((i) => !generalizing.includes(i));
      const takeover = sigmoid((e - grok) / 2);
      for (const [name, idx, faith] of [
        ["generalizing", generalizing, e >= grok + 10 ? 1 : 0.5 + 0.5 * takeover],
        ["complementary", complement, 1 - 0.45 * takeover],
        ["control", control, 0.5 + 0.05 * rng.float()],
      ] as const) {
        subLines.push([seed, e, name, idx.length, mean(idx), faith, faith, faith, faith, 1 + rng.float(), 1 + rng.float()].join(","));
      }
      memoDominant.forEach((neuron, rank) => neuronLines.push([seed, e, "memorization-dominant", rank, neuron, norms[neuron]].join(",")));
      generalizing.slice(0, 3).forEach((neuron, rank) => neuronLines.push([seed, e, "final-dominant", rank, neuron, norms[neuron]].join(",")));
      if (writer) {
        const W = new Float64Array(p * n);
        for (let i = 0; i < p; i++) W[i * n] = norms[i];
        writer.write(e, { n, p, W, b: new Float64Array(p), u: new Float64Array(p) }, norms);
      }
    }
    writer?.finish(E);
    seedSummaries.push({
      seed,
      memorizationEpoch: memo,
      grokkingEpoch: grok,
      finalEpoch: E,
      effectiveSparsity: { pointwise: size, accuracy: size - 1, stable: size },
      nonMonotoneEpochs: Array.from({ length: E + 1 }, (_, e) => e).filter((e) => e % 17 === 5).length,
      generalizingNeurons: generalizing,
      controlNeurons: control,
      sparsityAtMemorization: { pointwise: sparsityAtMemo, accuracy: sparsityAtMemo - 1, stable: sparsityAtMemo },
      lotteryTicket: { size, generalized: seed !== 1, grokkingEpoch: seed !== 1 ? 40 + seed : null, finalTrainAcc: 1, finalTestAcc: seed !== 1 ? 1 : 0.61 },
    });
    runSeeds.push({ seed, memorizationEpoch: memo, grokkingEpoch: grok, finalTrainAcc: 1, finalTestAcc: 1 });
  }
  const analysis = join(dir, "analysis");
  if (!without.has("epochs")) writeFileSync(join(analysis, "epochs.csv"), epochLines.join("\n") + "\n");
  writeFileSync(join(analysis, "subnetworks.csv"), subLines.join("\n") + "\n");
  writeFileSync(join(analysis, "neurons.csv"), neuronLines.join("\n") + "\n");
  if (!without.has("analysis-summary")) {
    writeFileSync(join(analysis, "summary.json"), JSON.stringify({ format: "two-circuits/analysis@1", supportSet: "train", seeds: seedSummaries, paperSizes: [6, 6, 6, 8, 8] }, null, 2));
  }
  if (!without.has("run-summary")) writeFileSync(join(dir, "summary.json"), JSON.stringify({ config, seeds: runSeeds }, null, 2));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ format: "two-circuits/run@1", config }, null, 2));
  return { config };
}
