import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Network } from "../net/network.js";
import { neuronNorms } from "../net/network.js";
import { pytorchDefaultInit } from "../net/init.js";
import type { Dataset } from "../data/dataset.js";
import { testSet, trainingSet } from "../data/parity.js";
import { serializeDatasets } from "../data/dataset-file.js";
import { RandomStream } from "../random/stream.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { runPaths } from "../run/layout.js";
import { grokkingEpoch, memorizationEpoch, SeedRecordSchema, type SeedRecord } from "../run/record.js";
import { TrajectoryWriter } from "../run/trajectory.js";
import { readJson } from "../run/run-reader.js";
import { taskFor, type TrainConfig } from "./config.js";
import { measureSets, trainBatches, type Metrics } from "./kernel.js";
import { readState, writeState, type MetricSeries } from "./state-file.js";

export interface EpochReport {
  readonly seed: number;
  readonly epoch: number;
  readonly train: Metrics;
  readonly test: Metrics;
}

export interface SeedHooks {
  onEpoch?(report: EpochReport): void;
}

/** How often the full-precision state is saved for --resume (and the record rewritten). */
export const CHECKPOINT_EVERY = 10;

/** The batches of one epoch: a fresh permutation of the training set cut into batches of B; the last batch is the remainder (1000 = 31·32 + 8). */
export function epochBatches(seed: number, epoch: number, N: number, B: number): Int32Array[] {
  const order = new RandomStream(seed, "shuffle", epoch).permutation(N);
  const batches: Int32Array[] = [];
  for (let s = 0; s < N; s += B) batches.push(order.subarray(s, Math.min(N, s + B)));
  return batches;
}

function isFiniteNetwork(net: Network): boolean {
  for (const a of [net.W, net.b, net.u]) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

type Series = MetricSeries;

function makeRecord(seed: number, support: readonly number[], series: Series, status: SeedRecord["status"], message: string | null): SeedRecord {
  return {
    format: "two-circuits/record@1",
    seed,
    support: [...support],
    status,
    message,
    lastEpoch: series.trainAcc.length - 1,
    ...series,
    memorizationEpoch: memorizationEpoch(series.trainAcc),
    grokkingEpoch: grokkingEpoch(series.testAcc),
  };
}

/**
 * Trains one seed (paper §2) and records every epoch into `runDir/seed-S/`. With
 * `resume`, continues from the last saved state; the result is bit-identical to an
 * uninterrupted run because the batch order of epoch e depends only on (seed, e).
 */
export function trainSeed(config: TrainConfig, seed: number, runDir: string, opts: { resume?: boolean; hooks?: SeedHooks } = {}): SeedRecord {
  const paths = runPaths(runDir);
  const task = taskFor(config, seed);
  const train: Dataset = trainingSet(task, config.N, seed);
  const test: Dataset = testSet(task, config.testSize);
  const hp = { lr: config.lr, weightDecay: config.weightDecay };
  const { n, width: p, epochs } = config;
  mkdirSync(paths.seedDir(seed), { recursive: true });

  let net: Network;
  let series: Series = { trainLoss: [], trainAcc: [], testLoss: [], testAcc: [] };
  let trajectory: TrajectoryWriter;
  const record = (m: { train: Metrics; test: Metrics }) => {
    series.trainLoss.push(m.train.loss);
    series.trainAcc.push(m.train.acc);
    series.testLoss.push(m.test.loss);
    series.testAcc.push(m.test.acc);
  };

  if (opts.resume) {
    // A kill can leave an atomic write's temporary file behind; it never holds anything we need.
    for (const f of readdirSync(paths.seedDir(seed))) if (f.startsWith(".") && f.endsWith(".tmp")) rmSync(join(paths.seedDir(seed), f), { force: true });
    if (existsSync(paths.record(seed))) {
      const previous = SeedRecordSchema.parse(readJson(paths.record(seed)), paths.record(seed));
      if (previous.status !== "running") return previous;
    }
  }
  // The state file alone (weights + metric series, one atomic write) is what resuming trusts.
  const resumable = opts.resume && existsSync(paths.state(seed)) && existsSync(paths.trajectory(seed));
  if (resumable) {
    const state = readState(paths.state(seed));
    net = state.net;
    series = state.series;
    trajectory = TrajectoryWriter.reopen(paths.trajectory(seed), n, p, epochs, state.epoch);
  } else {
    writeFileAtomic(paths.data(seed), serializeDatasets({ train, test }, { support: task.support.join(","), seed: String(seed) }));
    net = pytorchDefaultInit(n, p, seed);
    trajectory = TrajectoryWriter.create(paths.trajectory(seed), n, p, epochs);
    const [tr, te] = measureSets(net, [train, test]);
    const m = { train: tr, test: te };
    record(m);
    trajectory.write(0, net, neuronNorms(net));
    opts.hooks?.onEpoch?.({ seed, epoch: 0, ...m });
  }

  let status: SeedRecord["status"] = "complete";
  let message: string | null = null;
  for (let epoch = series.trainAcc.length; epoch <= epochs; epoch++) {
    const snapshot = { W: net.W.slice(), b: net.b.slice(), u: net.u.slice() };
    trainBatches(net, train, epochBatches(seed, epoch, config.N, config.batchSize), hp);
    const [tr, te] = measureSets(net, [train, test]);
    const m = { train: tr, test: te };
    if (!Number.isFinite(m.train.loss) || !isFiniteNetwork(net)) {
      status = "diverged";
      message = `training diverged in epoch ${epoch} (loss ${m.train.loss}); kept epochs 0..${epoch - 1}`;
      net.W.set(snapshot.W);
      net.b.set(snapshot.b);
      net.u.set(snapshot.u);
      break;
    }
    record(m);
    trajectory.write(epoch, net, neuronNorms(net));
    opts.hooks?.onEpoch?.({ seed, epoch, ...m });
    if (epoch % CHECKPOINT_EVERY === 0 && epoch < epochs) {
      writeState(paths.state(seed), net, epoch, seed, series);
      writeJsonAtomic(paths.record(seed), makeRecord(seed, task.support, series, "running", null));
    }
  }
  const lastEpoch = series.trainAcc.length - 1;
  trajectory.finish(lastEpoch);
  const final = makeRecord(seed, task.support, series, status, message);
  writeState(paths.state(seed), net, lastEpoch, seed, series);
  writeJsonAtomic(paths.record(seed), final);
  return final;
}
