import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/io/atomic.js";
import { pytorchDefaultInit } from "../src/net/init.js";
import { testSet, trainingSet } from "../src/data/parity.js";
import { PAPER_CONFIG, taskFor } from "../src/train/config.js";
import { epochBatches, trainSeed } from "../src/train/train-seed.js";
import { runTraining } from "../src/train/run-training.js";
import { kernelOps, measureSets, trainBatches } from "../src/train/kernel.js";
import { typescriptOps, type KernelOps } from "../src/train/kernel/kernel-ops.js";
import { median } from "./median.js";

/**
 * `npm run bench:train` (build first: npx tsc -p . and the wasm kernel, i.e. npm run build):
 *
 * 1. one seed of the paper's config (n 40, k 3, N 1000, p 1000, B 32, η 0.1, λ 0.01,
 *    300 epochs) through `trainSeed`, single thread, every per-epoch record written
 *    (metrics, norms, weights, state) — the issue's measure; target ≤ 3.3 s;
 * 2. the same seed's kernel work alone (trainBatches + measureSets on train and test +
 *    the per-epoch weight copy), to show what the records cost;
 * 3. the plain TypeScript kernel against the WebAssembly one on the first epochs;
 * 4. 5 seeds through `runTraining` with 2 worker threads, in a child process so that its
 *    peak memory (max RSS, worker threads included) is its own; targets ≤ 10 s, ≤ 600 MB.
 *
 * Baseline: the authors' PyTorch script, 6.6 s wall for one seed with its per-epoch
 * checkpoints (torch 1.13 CPU, one thread; ../shared/PERFORMANCE.md, measured on this
 * machine class; torch is not installed here, so it is quoted, not re-measured).
 * The machine is shared, so every figure is the median of several runs.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = 5;
const RUNS_5_SEEDS = 5;
const COMPARE_EPOCHS = 20;
const BASELINE_SECONDS = 6.6;
const TARGET_SECONDS = 3.3;
const TARGET_5_SEEDS_SECONDS = 10;
const TARGET_5_SEEDS_MB = 600;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** The kernel work of one seed: `epochs` epochs of training, metrics on both sets and a weight copy per epoch. */
function kernelSeed(ops: KernelOps, epochs: number, seed = 0): number {
  const c = PAPER_CONFIG;
  const task = taskFor(c, seed);
  const train = trainingSet(task, c.N, seed);
  const test = testSet(task, c.testSize);
  const net = pytorchDefaultInit(c.n, c.width, seed);
  const hp = { lr: c.lr, weightDecay: c.weightDecay };
  const t0 = performance.now();
  const copies: Float64Array[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    trainBatches(net, train, epochBatches(seed, epoch, c.N, c.batchSize), hp, ops);
    measureSets(net, [train, test], ops);
    copies.push(net.W.slice());
    if (copies.length > 2) copies.shift();
  }
  return seconds(t0);
}

function oneSeedThroughTrainSeed(): { seconds: number; cpuSeconds: number; finalTrainAcc: number; finalTestAcc: number } {
  const dir = mkdtempSync(join(tmpdir(), "bench-train-"));
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const record = trainSeed({ ...PAPER_CONFIG, seeds: [0] }, 0, dir);
    const cpu = process.cpuUsage(cpu0);
    return { seconds: seconds(t0), cpuSeconds: (cpu.user + cpu.system) / 1e6, finalTrainAcc: record.trainAcc[record.trainAcc.length - 1], finalTestAcc: record.testAcc[record.testAcc.length - 1] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Child mode: 5 seeds on 2 threads; prints wall seconds and this process's peak RSS. */
async function fiveSeedsChild(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-train5-"));
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const summary = await runTraining(PAPER_CONFIG, { out: join(dir, "run"), threads: 2, progress: "none" });
    const wall = seconds(t0);
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(JSON.stringify({ seconds: wall, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, seeds: summary.seeds }) + "\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === "--five-seeds-child") return fiveSeedsChild();
  const ops = kernelOps();
  console.log(`kernel: ${ops.name}`);

  const one: number[] = [];
  const oneCpu: number[] = [];
  let accuracy = { finalTrainAcc: NaN, finalTestAcc: NaN };
  for (let r = 0; r < RUNS; r++) {
    const res = oneSeedThroughTrainSeed();
    one.push(res.seconds);
    oneCpu.push(res.cpuSeconds);
    accuracy = { finalTrainAcc: res.finalTrainAcc, finalTestAcc: res.finalTestAcc };
    console.log(`1 seed via trainSeed, run ${r + 1}: ${res.seconds.toFixed(2)} s wall, ${res.cpuSeconds.toFixed(2)} s CPU`);
  }
  const kernelOnly: number[] = [];
  for (let r = 0; r < RUNS; r++) kernelOnly.push(kernelSeed(ops, PAPER_CONFIG.epochs));
  console.log(`1 seed, kernels only: ${kernelOnly.map((s) => s.toFixed(2)).join(" ")} s`);

  const tsFirst: number[] = [];
  const wasmFirst: number[] = [];
  for (let r = 0; r < 3; r++) {
    tsFirst.push(kernelSeed(typescriptOps, COMPARE_EPOCHS));
    wasmFirst.push(kernelSeed(ops, COMPARE_EPOCHS));
  }
  console.log(`first ${COMPARE_EPOCHS} epochs: typescript ${median(tsFirst).toFixed(2)} s, ${ops.name} ${median(wasmFirst).toFixed(2)} s`);

  const five: { seconds: number; cpuSeconds: number; maxRssMB: number }[] = [];
  for (let r = 0; r < RUNS_5_SEEDS; r++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--five-seeds-child"], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`5-seed child failed: ${child.stderr}`);
    const res = JSON.parse(child.stdout.trim().split("\n").pop()!) as { seconds: number; cpuSeconds: number; maxRssMB: number };
    five.push(res);
    console.log(`5 seeds on 2 threads, run ${r + 1}: ${res.seconds.toFixed(2)} s wall, ${res.cpuSeconds.toFixed(2)} s CPU, peak RSS ${res.maxRssMB.toFixed(0)} MB`);
  }

  const oneMedian = median(one);
  const result = {
    benchmark: "train",
    machine: "shared 2-core machine; other jobs were running, so wall times are noisy (medians of several runs); CPU seconds are the steadier figure",
    kernel: ops.name,
    config: { n: 40, k: 3, N: 1000, width: 1000, batchSize: 32, lr: 0.1, weightDecay: 0.01, epochs: 300 },
    baseline: { what: "authors' PyTorch script, 1 seed, per-epoch checkpoints (torch 1.13 CPU, 1 thread), quoted from PERFORMANCE.md", seconds: BASELINE_SECONDS },
    oneSeed: {
      what: "trainSeed: 1 seed, single thread, all per-epoch records written",
      runs: one.map((s) => round(s)),
      medianSeconds: round(oneMedian),
      minSeconds: round(Math.min(...one)),
      cpuSecondsRuns: oneCpu.map((s) => round(s)),
      medianCpuSeconds: round(median(oneCpu)),
      speedupOverBaseline: round(BASELINE_SECONDS / oneMedian, 2),
      targetSeconds: TARGET_SECONDS,
      meetsTarget: oneMedian <= TARGET_SECONDS,
      ...accuracy,
    },
    oneSeedKernelsOnly: {
      what: "trainBatches + measureSets([train, test]) + weight copy per epoch, 300 epochs",
      runs: kernelOnly.map((s) => round(s)),
      medianSeconds: round(median(kernelOnly)),
    },
    typescriptVsWasm: {
      what: `kernels only, first ${COMPARE_EPOCHS} epochs (before memorisation: nearly every sample inside the margin)`,
      typescriptSeconds: round(median(tsFirst)),
      kernelSeconds: round(median(wasmFirst)),
      speedup: round(median(tsFirst) / median(wasmFirst), 2),
    },
    fiveSeeds: {
      what: "runTraining, 5 seeds, 2 worker threads, all records, in a child process",
      runs: five.map((f) => round(f.seconds)),
      medianSeconds: round(median(five.map((f) => f.seconds))),
      minSeconds: round(Math.min(...five.map((f) => f.seconds))),
      cpuSecondsRuns: five.map((f) => round(f.cpuSeconds)),
      medianCpuSeconds: round(median(five.map((f) => f.cpuSeconds))),
      note: "wall time on 2 shared cores: while other jobs run, the 2 threads get less than 2 cores (compare CPU seconds); with 2 free cores 5 seeds take about 3 seed-times (3 on one thread, 2 on the other), see minSeconds",
      peakRssMB: Math.round(Math.max(...five.map((f) => f.maxRssMB))),
      targetSeconds: TARGET_5_SEEDS_SECONDS,
      targetPeakMB: TARGET_5_SEEDS_MB,
      meetsTarget: median(five.map((f) => f.seconds)) <= TARGET_5_SEEDS_SECONDS && Math.max(...five.map((f) => f.maxRssMB)) <= TARGET_5_SEEDS_MB,
    },
  };
  writeJsonAtomic(join(ROOT, "bench", "results", "train.json"), result);
  console.log(JSON.stringify(result, null, 2));
}

await main();
