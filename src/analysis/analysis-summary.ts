import { defineSchema, type Infer } from "../io/schema.js";

/**
 * RUN/analysis/summary.json (format two-circuits/analysis@1): per seed, the events, the
 * final effective sparsity by each definition, the competing subnetworks and the lottery
 * ticket, beside the paper's subnetwork sizes. Declared once here; the type of a seed's
 * entry is derived from it.
 */
export const ANALYSIS_FORMAT = "two-circuits/analysis@1";

/** The sizes of the final sparse subnetworks the paper reports across 5 seeds (§3.3). */
export const PAPER_SIZES = [6, 6, 6, 8, 8];

const sparsity = {
  type: "object",
  additionalProperties: false,
  required: ["pointwise", "accuracy", "stable"],
  properties: { pointwise: { type: "integer", minimum: 0 }, accuracy: { type: "integer", minimum: 0 }, stable: { type: "integer", minimum: 0 } },
} as const;
const epochOrNull = { type: ["integer", "null"] } as const;
const neuronList = { type: "array", items: { type: "integer", minimum: 0 } } as const;

export const AnalysisSummarySchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "supportSet", "seeds", "paperSizes"],
  properties: {
    format: { const: ANALYSIS_FORMAT },
    supportSet: { type: "string", description: "train, test, union or the path of a dataset file" },
    seeds: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["seed", "memorizationEpoch", "grokkingEpoch", "finalEpoch", "effectiveSparsity", "nonMonotoneEpochs", "generalizingNeurons", "controlNeurons", "sparsityAtMemorization", "lotteryTicket"],
        properties: {
          seed: { type: "integer" },
          memorizationEpoch: epochOrNull,
          grokkingEpoch: epochOrNull,
          finalEpoch: { type: "integer", minimum: 0 },
          effectiveSparsity: sparsity,
          nonMonotoneEpochs: { type: "integer", minimum: 0, description: "epochs where stable ≠ pointwise (pruning not monotone)" },
          generalizingNeurons: { ...neuronList, description: "the final epoch's active subnetwork, in its pruning order" },
          controlNeurons: { ...neuronList, description: "a random set of the same size, increasing" },
          sparsityAtMemorization: { anyOf: [sparsity, { type: "null" }] },
          lotteryTicket: {
            type: "object",
            additionalProperties: false,
            required: ["size", "generalized", "grokkingEpoch", "finalTrainAcc", "finalTestAcc"],
            properties: {
              size: { type: "integer", minimum: 0 },
              generalized: { type: "boolean" },
              grokkingEpoch: epochOrNull,
              finalTrainAcc: { type: "number" },
              finalTestAcc: { type: "number" },
            },
          },
        },
      },
    },
    paperSizes: { type: "array", items: { type: "integer" } },
  },
} as const);
export type AnalysisSummary = Infer<typeof AnalysisSummarySchema>;

export type SeedSummary = AnalysisSummary["seeds"][number];
