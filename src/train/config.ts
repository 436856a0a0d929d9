import { defineSchema, type Infer } from "../io/schema.js";
import { InputError } from "../errors.js";
import { randomSupport, type ParityTask } from "../data/parity.js";

/** A training configuration. Defaults are the paper's (§2): (40, 3)-parity, N 1000, p 1000, B 32, η 0.1, λ 0.01, 300 epochs, 5 seeds. */
export const trainConfigJson = {
  type: "object",
  additionalProperties: false,
  required: ["n", "k", "N", "width", "batchSize", "lr", "weightDecay", "epochs", "seeds", "support", "testSize"],
  properties: {
    n: { type: "integer" },
    k: { type: "integer" },
    N: { type: "integer", description: "training set size" },
    width: { type: "integer", description: "hidden width p" },
    batchSize: { type: "integer" },
    lr: { type: "number" },
    weightDecay: { type: "number", description: "coupled L2 (torch.optim.SGD weight_decay)" },
    epochs: { type: "integer" },
    seeds: { type: "array", items: { type: "integer", minimum: 0 }, minItems: 1 },
    support: {
      description: "the support S: 'first' (the first k bits, the authors' choice), 'random' (drawn from each seed) or explicit 0-based indices",
      anyOf: [{ enum: ["first", "random"] }, { type: "array", items: { type: "integer" } }],
    },
    testSize: { type: "integer" },
  },
} as const;

export const TrainConfigSchema = defineSchema(trainConfigJson);

export type TrainConfig = Infer<typeof TrainConfigSchema>;

export const PAPER_CONFIG: TrainConfig = {
  n: 40,
  k: 3,
  N: 1000,
  width: 1000,
  batchSize: 32,
  lr: 0.1,
  weightDecay: 0.01,
  epochs: 300,
  seeds: [0, 1, 2, 3, 4],
  support: "first",
  testSize: 100,
};

/** The CLI flag of each config field, so that every complaint names what the user typed. */
export const CONFIG_FLAGS: Record<keyof TrainConfig, string> = {
  n: "--n",
  k: "--k",
  N: "--N",
  width: "--width",
  batchSize: "--batch-size",
  lr: "--lr",
  weightDecay: "--weight-decay",
  epochs: "--epochs",
  seeds: "--seeds",
  support: "--support",
  testSize: "--test-size",
};

/** Checks the ranges the schema cannot express; throws an InputError naming the flag and the reason. */
export function validateConfig(config: TrainConfig): TrainConfig {
  const bad = (key: keyof TrainConfig, reason: string): never => {
    throw new InputError(`${CONFIG_FLAGS[key]}: ${reason}`);
  };
  const { n, k } = config;
  if (!(n >= 1)) bad("n", `must be at least 1, got ${n}`);
  if (n > 64) bad("n", `must be at most 64, got ${n}`);
  if (!(k >= 1)) bad("k", `must be at least 1, got ${k}`);
  if (k > n) bad("k", `must be at most --n (${n}), got ${k}`);
  if (!(config.N >= 1)) bad("N", `must be at least 1, got ${config.N}`);
  if (!(config.width >= 1)) bad("width", `must be at least 1, got ${config.width}`);
  if (!(config.batchSize >= 1)) bad("batchSize", `must be at least 1, got ${config.batchSize}`);
  if (!(config.lr > 0) || !Number.isFinite(config.lr)) bad("lr", `must be a finite number > 0, got ${config.lr}`);
  if (!(config.weightDecay >= 0) || !Number.isFinite(config.weightDecay)) bad("weightDecay", `must be a finite number ≥ 0, got ${config.weightDecay}`);
  if (config.lr * config.weightDecay >= 1) bad("weightDecay", `lr × weight decay must be below 1 (got ${config.lr * config.weightDecay}), or every step would flip or zero the weights`);
  if (!(config.epochs >= 1)) bad("epochs", `must be at least 1, got ${config.epochs}`);
  if (!(config.testSize >= 0)) bad("testSize", `must be at least 0, got ${config.testSize}`);
  if (new Set(config.seeds).size !== config.seeds.length) bad("seeds", "a seed is repeated");
  if (config.seeds.some((s) => s > 0xffffffff)) bad("seeds", "seeds must be below 2^32");
  if (Array.isArray(config.support)) {
    if (config.support.length !== k) bad("support", `has ${config.support.length} indices but --k is ${k}`);
    const seen = new Set<number>();
    for (const i of config.support) {
      if (i < 0 || i >= n) bad("support", `index ${i} is out of range 0..${n - 1}`);
      if (seen.has(i)) bad("support", `index ${i} is repeated`);
      seen.add(i);
    }
  }
  return config;
}

/** The parity task a seed trains on. */
export function taskFor(config: TrainConfig, seed: number): ParityTask {
  const support =
    config.support === "first"
      ? Array.from({ length: config.k }, (_, i) => i)
      : config.support === "random"
        ? randomSupport(config.n, config.k, seed)
        : [...config.support].sort((a, b) => a - b);
  return { n: config.n, support };
}
