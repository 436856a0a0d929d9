import { defineSchema, type Infer } from "../io/schema.js";
import { trainConfigJson } from "../train/config.js";

/** `RUN/config.json`: what the run was asked to do. */
export const RunManifestSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "config"],
  properties: {
    format: { const: "two-circuits/run@1" },
    config: trainConfigJson,
    createdBy: { type: "string" },
  },
} as const);
export type RunManifest = Infer<typeof RunManifestSchema>;

const metricSeries = { type: "array", items: { type: "number" } } as const;

/**
 * `RUN/seed-S/record.json`: every epoch's metrics, epoch 0 being the initialisation.
 * Epoch e's entry is taken after the last step of epoch e, on the whole train and test sets.
 */
export const SeedRecordSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "seed", "support", "status", "message", "lastEpoch", "trainLoss", "trainAcc", "testLoss", "testAcc", "memorizationEpoch", "grokkingEpoch"],
  properties: {
    format: { const: "two-circuits/record@1" },
    seed: { type: "integer", minimum: 0 },
    support: { type: "array", items: { type: "integer", minimum: 0 } },
    status: { enum: ["running", "complete", "diverged"], description: "diverged: the loss became NaN or infinite; everything up to lastEpoch is kept" },
    message: { type: ["string", "null"] },
    lastEpoch: { type: "integer", minimum: 0, description: "the last epoch recorded; series have lastEpoch + 1 entries" },
    trainLoss: metricSeries,
    trainAcc: metricSeries,
    testLoss: metricSeries,
    testAcc: metricSeries,
    memorizationEpoch: { type: ["integer", "null"], description: "first epoch with train accuracy > 0.98 (the authors' definition)" },
    grokkingEpoch: { type: ["integer", "null"], description: "first epoch with test accuracy ≥ 0.98" },
  },
} as const);
export type SeedRecord = Infer<typeof SeedRecordSchema>;

/** `RUN/summary.json`. An event that never came is null. */
export const RunSummarySchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["config", "seeds"],
  properties: {
    config: trainConfigJson,
    seeds: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["seed", "memorizationEpoch", "grokkingEpoch", "finalTrainAcc", "finalTestAcc"],
        properties: {
          seed: { type: "integer" },
          memorizationEpoch: { type: ["integer", "null"] },
          grokkingEpoch: { type: ["integer", "null"] },
          finalTrainAcc: { type: "number" },
          finalTestAcc: { type: "number" },
          testAccAtMemorization: { type: ["number", "null"] },
          status: { enum: ["complete", "diverged"] },
        },
      },
    },
  },
} as const);
export type RunSummary = Infer<typeof RunSummarySchema>;

/** Memorisation epoch (paper App. B, the authors' code): the first epoch with train accuracy > 0.98. */
export function memorizationEpoch(trainAcc: readonly number[]): number | null {
  const e = trainAcc.findIndex((a) => a > 0.98);
  return e < 0 ? null : e;
}

/** Grokking epoch: the first epoch with test accuracy ≥ 0.98 (our definition; the paper names no threshold). */
export function grokkingEpoch(testAcc: readonly number[]): number | null {
  const e = testAcc.findIndex((a) => a >= 0.98);
  return e < 0 ? null : e;
}
