import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/io/atomic.js";
import { evaluate, neuronNorms, subnetwork, type Network } from "../src/net/network.js";
import { datasetRow, type Dataset } from "../src/data/dataset.js";
import { openRun, type Run } from "../src/run/run-reader.js";
import { PAPER_CONFIG } from "../src/train/config.js";
import { runTraining } from "../src/train/run-training.js";
import { analyzeRun } from "../src/analysis/analyze-run.js";
import { analysisSummary } from "../src/analysis/analysis-files.js";
import { competingSubnetworks } from "../src/analysis/subnetworks.js";
import { median } from "./median.js";

/**
 * `npm run bench:analyze` (build first: npx tsc -p .): the whole analysis (effective
 * sparsity by three definitions, the three competing subnetworks' norms, faithfulness,
 * accuracy and sensitivity, Figure 5's neurons, the lottery ticket) at every epoch of a
 * 5-seed × 300-epoch paper run, on 2 threads. Target (issue 3): ≤ 5 s.
 *
 * Baselines:
 * - the authors' PyTorch analysis, 84 s per seed with sparsity only every 10th epoch
 *   (../shared/PERFORMANCE.md, measured on this machine class; torch is not installed
 *   here, so it is quoted, not re-measured);
 * - measured in this run: the same work done the plain way in TypeScript (`evaluate`
 *   on masked networks and on every flipped point, the authors' binary search for the
 *   sparsity every 10th epoch), timed on sample epochs of seed 0 and scaled to 5 × 301
 *   epochs.
 *
 * The run is argv[2], or runs/bench-paper (trained once with the paper's defaults).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = 3;
const THREADS = 2;
const AUTHORS_SECONDS_PER_SEED = 84;
const TARGET_SECONDS = 5;

const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

function plainSigns(net: Network, data: Dataset, rows = data.size): Int8Array {
  const out = new Int8Array(rows);
  for (let r = 0; r < rows; r++) out[r] = sgn(evaluate(net, datasetRow(data, r)));
  return out;
}

function plainAccuracy(net: Network, data: Dataset): number {
  const s = plainSigns(net, data);
  let c = 0;
  for (let r = 0; r < data.size; r++) if (s[r] === data.y[r]) c++;
  return c / data.size;
}

/** The authors' circuit search: binary search on k for equal train accuracy, every masked network evaluated plainly. */
function plainCircuitSearch(net: Network, train: Dataset): number {
  const norms = neuronNorms(net);
  const order = Array.from({ length: net.p }, (_, i) => i).sort((a, b) => norms[b] - norms[a] || a - b);
  const full = plainAccuracy(net, train);
  let [left, right, prev, best] = [1, net.p, -1, Infinity];
  while (left < right) {
    const k = (left + right) >> 1;
    if (k === prev) break;
    const acc = plainAccuracy(subnetwork(net, order.slice(0, k)), train);
    if (acc === full && k < best) best = k;
    if (acc < full) left = k;
    else right = k + 1;
    prev = k;
  }
  return best;
}

/** One epoch of the subnetwork measures done plainly: masked networks on train and test, and every flipped point for sensitivity. */
function plainSubnetworkEpoch(net: Network, train: Dataset, test: Dataset, sets: Int32Array[]): number {
  let checksum = 0;
  const fullTrain = plainSigns(net, train);
  const fullTest = plainSigns(net, test);
  for (const set of sets) {
    const sub = subnetwork(net, set);
    const tr = plainSigns(sub, train);
    const te = plainSigns(sub, test);
    for (let r = 0; r < train.size; r++) checksum += tr[r] === fullTrain[r] ? 1 : 0;
    for (let r = 0; r < test.size; r++) checksum += te[r] === fullTest[r] ? 1 : 0;
    for (const [data, rows] of [[test, test.size], [train, 100]] as const) {
      const x = new Int8Array(data.n);
      for (let r = 0; r < rows; r++) {
        x.set(datasetRow(data, r));
        const s = sgn(evaluate(sub, x));
        for (let j = 0; j < data.n; j++) {
          x[j] = -x[j];
          if (sgn(evaluate(sub, x)) !== s) checksum++;
          x[j] = -x[j];
        }
      }
    }
  }
  return checksum;
}

function plainBaseline(run: Run, generalizing: number[]): { secondsPer5Seeds: number; sampleEpochs: number[]; perEpochSeconds: number; perSearchSeconds: number } {
  const seed = run.seeds[0];
  const traj = seed.trajectory();
  const last = traj.lastEpoch;
  const sampleEpochs = [0, Math.round(last / 2), last];
  const sets = competingSubnetworks(run.config.width, generalizing, seed.seed);
  const subsets = [sets.generalizing, sets.complementary, sets.control];
  let epochSeconds = 0;
  let searchSeconds = 0;
  for (const e of sampleEpochs) {
    const net = traj.network(e);
    let t = performance.now();
    plainSubnetworkEpoch(net, seed.train, seed.test, subsets);
    epochSeconds += (performance.now() - t) / 1000;
    t = performance.now();
    plainCircuitSearch(net, seed.train);
    searchSeconds += (performance.now() - t) / 1000;
  }
  traj.close();
  const perEpochSeconds = epochSeconds / sampleEpochs.length;
  const perSearchSeconds = searchSeconds / sampleEpochs.length;
  const epochs = last + 1;
  const perSeed = epochs * perEpochSeconds + Math.ceil(epochs / 10) * perSearchSeconds;
  return { secondsPer5Seeds: 5 * perSeed, sampleEpochs, perEpochSeconds, perSearchSeconds };
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(ROOT, "runs", "bench-paper");
  if (!existsSync(join(dir, "summary.json"))) {
    process.stdout.write(`training the paper run into ${dir} (once)\n`);
    await runTraining(PAPER_CONFIG, { out: dir, force: true, progress: "none" });
  }
  const startLoad = loadavg();
  const run = openRun(dir);
  const epochs = run.seeds.map((s) => s.record.lastEpoch + 1);
  const isPaper = JSON.stringify(run.config) === JSON.stringify(PAPER_CONFIG);

  const seconds: number[] = [];
  let reference: string | null = null;
  let seeds = null as Awaited<ReturnType<typeof analyzeRun>> | null;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    seeds = await analyzeRun(run, { threads: THREADS });
    seconds.push((performance.now() - t) / 1000);
    const json = JSON.stringify(seeds);
    if (reference !== null && json !== reference) throw new Error("two analyses of the same run differ");
    reference = json;
    process.stdout.write(`run ${r + 1}/${RUNS}: ${seconds[r].toFixed(2)} s\n`);
  }
  const oneThread = performance.now();
  const single = await analyzeRun(run, { threads: 1 });
  const oneThreadSeconds = (performance.now() - oneThread) / 1000;
  if (JSON.stringify(single) !== reference) throw new Error("1-thread and 2-thread analyses differ");

  const summary = analysisSummary("train", seeds!);
  const plain = plainBaseline(run, summary.seeds[0].generalizingNeurons);
  const med = median(seconds);
  const authors = AUTHORS_SECONDS_PER_SEED * run.seeds.length;
  const result = {
    benchmark: "analyze",
    date: new Date().toISOString(),
    node: process.version,
    machine: "shared 2-core machine; other jobs may run at the same time (load averages at start and end below)",
    loadAverage: { start: startLoad, end: loadavg() },
    run: { dir, paperConfig: isPaper, seeds: run.seeds.length, epochs },
    work: "every epoch: effective sparsity (pointwise, accuracy, stable) on the training set; generalizing, complementary and control subnetworks' mean norm, faithfulness and accuracy on train and test, sensitivity on the test set and the first 100 training points; Figure 5 neurons; lottery ticket retrained for every seed",
    threads: THREADS,
    runs: RUNS,
    secondsPerRun: seconds,
    medianSeconds: med,
    oneThreadSeconds,
    targetSeconds: TARGET_SECONDS,
    withinTarget: med <= TARGET_SECONDS,
    baselines: {
      authorsPyTorch: { seconds: authors, source: "../shared/PERFORMANCE.md: 84 s per seed, sparsity every 10th epoch (not re-measured: torch is not installed here)", ratio: authors / med },
      plainTypeScript: { seconds: plain.secondsPer5Seeds, source: "measured in this run on seed 0's epochs " + plain.sampleEpochs.join(", ") + " and scaled to 5 seeds × 301 epochs (sparsity by the authors' binary search every 10th epoch)", perEpochSeconds: plain.perEpochSeconds, perSearchSeconds: plain.perSearchSeconds, ratio: plain.secondsPer5Seeds / med },
    },
    finalEffectiveSparsity: summary.seeds.map((s) => ({ seed: s.seed, ...s.effectiveSparsity, lotteryTicketGeneralized: s.lotteryTicket.generalized })),
  };
  const out = join(ROOT, "bench", "results", "analyze.json");
  writeJsonAtomic(out, result);
  process.stdout.write(`median ${med.toFixed(2)} s on ${THREADS} threads (target ${TARGET_SECONDS} s; authors ${authors} s, ×${(authors / med).toFixed(1)}; plain TS ${plain.secondsPer5Seeds.toFixed(0)} s, ×${(plain.secondsPer5Seeds / med).toFixed(1)}); written to ${out}\n`);
}

await main();
