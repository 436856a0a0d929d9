import { readFileSync } from "node:fs";
import { defineSchema, type Infer } from "../io/schema.js";
import { InputError } from "../errors.js";
import { networkFromArrays, type Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { measure, trainBatches } from "./kernel.js";

const matrix = { type: "array", items: { type: "array", items: { type: "number" } } } as const;
const vector = { type: "array", items: { type: "number" } } as const;
const labelled = { type: "object", required: ["X", "y"], properties: { X: matrix, y: vector } } as const;

/** `two-circuits/replay@1`: a PyTorch training run recorded step by step (shared/fixtures/replay/README.md). */
export const ReplaySchema = defineSchema({
  type: "object",
  required: ["format", "config", "init", "train", "test", "batches", "epochs"],
  properties: {
    format: { const: "two-circuits/replay@1" },
    semantics: { type: "string" },
    config: {
      type: "object",
      required: ["n", "k", "N", "width", "batchSize", "lr", "weightDecay", "epochs", "support"],
      properties: {
        n: { type: "integer", minimum: 1 },
        k: { type: "integer", minimum: 1 },
        N: { type: "integer", minimum: 1 },
        width: { type: "integer", minimum: 1 },
        batchSize: { type: "integer", minimum: 1 },
        lr: { type: "number", exclusiveMinimum: 0 },
        weightDecay: { type: "number", minimum: 0 },
        epochs: { type: "integer", minimum: 1 },
        support: { type: "array", items: { type: "integer", minimum: 0 } },
      },
    },
    init: { type: "object", required: ["W", "b", "u"], properties: { W: matrix, b: vector, u: vector } },
    train: labelled,
    test: labelled,
    batches: { type: "array", items: { type: "array", items: { type: "array", items: { type: "integer", minimum: 0 } } } },
    epochs: {
      type: "array",
      items: {
        type: "object",
        required: ["epoch", "trainLoss", "trainAcc", "testLoss", "testAcc"],
        properties: {
          epoch: { type: "integer", minimum: 1 },
          trainLoss: { type: "number" },
          trainAcc: { type: "number" },
          testLoss: { type: "number" },
          testAcc: { type: "number" },
          W: matrix,
          b: vector,
          u: vector,
        },
      },
    },
  },
} as const);
export type Replay = Infer<typeof ReplaySchema>;

export const WEIGHT_TOLERANCE = 1e-5;
export const METRIC_TOLERANCE = 1e-6;

/** One compared quantity: its largest absolute deviation and where it occurred. */
export interface Deviation {
  readonly epoch: number;
  readonly quantity: string;
  readonly deviation: number;
  readonly tolerance: number;
}

export interface ReplayResult {
  readonly deviations: readonly Deviation[];
  readonly ok: boolean;
}

function toDataset(d: { X: number[][]; y: number[] }, n: number, what: string): Dataset {
  const X = new Int8Array(d.X.length * n);
  d.X.forEach((row, r) => {
    if (row.length !== n) throw new InputError(`${what}: row ${r} has ${row.length} entries, expected ${n}`);
    row.forEach((v, j) => {
      if (v !== 1 && v !== -1) throw new InputError(`${what}: X[${r}][${j}] = ${v} is not ±1`);
      X[r * n + j] = v;
    });
  });
  if (d.y.length !== d.X.length) throw new InputError(`${what}: ${d.y.length} labels for ${d.X.length} points`);
  return { n, size: d.X.length, X, y: Int8Array.from(d.y) };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function loadReplay(path: string): Replay {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not valid JSON"}`);
  }
  return ReplaySchema.parse(json, path);
}

/**
 * Replays a recorded trajectory: starts from its init, applies its batches in its order
 * with our kernels, and compares metrics and weights at every recorded epoch.
 */
export function replay(r: Replay, what = "replay"): ReplayResult {
  const { n, width: p, N } = r.config;
  let net: Network;
  try {
    net = networkFromArrays(r.init.W, r.init.b, r.init.u);
  } catch (e) {
    throw new InputError(`${what}: init: ${(e as Error).message}`);
  }
  if (net.n !== n || net.p !== p) throw new InputError(`${what}: init is ${net.p}×${net.n}, config says ${p}×${n}`);
  const train = toDataset(r.train, n, `${what}: train`);
  const test = toDataset(r.test, n, `${what}: test`);
  if (train.size !== N) throw new InputError(`${what}: train has ${train.size} points, config says N = ${N}`);
  if (r.batches.length !== r.epochs.length) throw new InputError(`${what}: ${r.batches.length} epochs of batches but ${r.epochs.length} epoch records`);
  for (const [e, epochBatches] of r.batches.entries()) {
    for (const batch of epochBatches) for (const i of batch) if (i >= N) throw new InputError(`${what}: batch index ${i} in epoch ${e + 1} is out of range 0..${N - 1}`);
  }
  const hp = { lr: r.config.lr, weightDecay: r.config.weightDecay };
  const deviations: Deviation[] = [];
  r.epochs.forEach((rec, e) => {
    trainBatches(net, train, r.batches[e], hp);
    const tr = measure(net, train);
    const te = measure(net, test);
    const epoch = rec.epoch;
    deviations.push(
      { epoch, quantity: "trainLoss", deviation: Math.abs(tr.loss - rec.trainLoss), tolerance: METRIC_TOLERANCE },
      { epoch, quantity: "trainAcc", deviation: Math.abs(tr.acc - rec.trainAcc), tolerance: METRIC_TOLERANCE },
      { epoch, quantity: "testLoss", deviation: Math.abs(te.loss - rec.testLoss), tolerance: METRIC_TOLERANCE },
      { epoch, quantity: "testAcc", deviation: Math.abs(te.acc - rec.testAcc), tolerance: METRIC_TOLERANCE },
    );
    if (rec.W && rec.b && rec.u) {
      const expected = networkFromArrays(rec.W, rec.b, rec.u);
      if (expected.n !== n || expected.p !== p) throw new InputError(`${what}: weights of epoch ${epoch} have the wrong shape`);
      deviations.push(
        { epoch, quantity: "W", deviation: maxAbsDiff(net.W, expected.W), tolerance: WEIGHT_TOLERANCE },
        { epoch, quantity: "b", deviation: maxAbsDiff(net.b, expected.b), tolerance: WEIGHT_TOLERANCE },
        { epoch, quantity: "u", deviation: maxAbsDiff(net.u, expected.u), tolerance: WEIGHT_TOLERANCE },
      );
    }
  });
  return { deviations, ok: deviations.every((d) => d.deviation <= d.tolerance) };
}
