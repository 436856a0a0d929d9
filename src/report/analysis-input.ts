import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineSchema, type Infer } from "../io/schema.js";
import { InputError } from "../errors.js";
import { readJson } from "../run/run-reader.js";
import { csvNumber, parseCsv } from "./csv.js";

/**
 * What `two-circuits report` reads: the files `two-circuits analyze` writes into
 * RUN/analysis/ (format two-circuits/analysis@1). summary.json is written last, so
 * its presence is what marks the analysis as finished.
 */
export const ANALYSIS_FORMAT = "two-circuits/analysis@1";

const sparsityTriple = {
  type: "object",
  required: ["pointwise", "accuracy", "stable"],
  properties: { pointwise: { type: "integer" }, accuracy: { type: "integer" }, stable: { type: "integer" } },
} as const;

const epochOrNull = { type: ["integer", "null"] } as const;

export const AnalysisSummarySchema = defineSchema({
  type: "object",
  required: ["format", "seeds", "paperSizes"],
  properties: {
    format: { const: ANALYSIS_FORMAT },
    supportSet: { type: "string" },
    paperSizes: { type: "array", items: { type: "integer" } },
    seeds: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["seed", "memorizationEpoch", "grokkingEpoch", "finalEpoch", "effectiveSparsity", "generalizingNeurons", "controlNeurons"],
        properties: {
          seed: { type: "integer" },
          memorizationEpoch: epochOrNull,
          grokkingEpoch: epochOrNull,
          finalEpoch: { type: "integer" },
          effectiveSparsity: sparsityTriple,
          sparsityAtMemorization: { anyOf: [sparsityTriple, { type: "null" }] },
          nonMonotoneEpochs: { anyOf: [{ type: "integer" }, { type: "array", items: { type: "integer" } }] },
          generalizingNeurons: { type: "array", items: { type: "integer" } },
          controlNeurons: { type: "array", items: { type: "integer" } },
          lotteryTicket: {
            anyOf: [
              { type: "null" },
              {
                type: "object",
                required: ["size", "generalized", "grokkingEpoch"],
                properties: {
                  size: { type: "integer" },
                  generalized: { type: "boolean" },
                  grokkingEpoch: epochOrNull,
                  finalTrainAcc: { type: "number" },
                  finalTestAcc: { type: "number" },
                },
              },
            ],
          },
        },
      },
    },
  },
} as const);
export type AnalysisSummary = Infer<typeof AnalysisSummarySchema>;
export type SeedAnalysis = AnalysisSummary["seeds"][number];

export const EPOCH_COLUMNS = ["seed", "epoch", "trainLoss", "trainAcc", "testLoss", "testAcc", "sparsityPointwise", "sparsityAccuracy", "sparsityStable"] as const;
export const SUBNETWORK_COLUMNS = ["seed", "epoch", "subnetwork", "size", "meanNorm", "faithfulnessTrain", "faithfulnessTest", "accuracyTrain", "accuracyTest", "sensitivityTest", "sensitivityTrain"] as const;
export const NEURON_COLUMNS = ["seed", "epoch", "role", "rank", "neuron", "norm"] as const;

export const SUBNETWORKS = ["generalizing", "complementary", "control"] as const;
export type SubnetworkName = (typeof SUBNETWORKS)[number];
export const NEURON_ROLES = ["memorization-dominant", "final-dominant"] as const;
export type NeuronRole = (typeof NEURON_ROLES)[number];

export type EpochRow = { readonly [K in (typeof EPOCH_COLUMNS)[number]]: number };
export type SubnetworkRow = { readonly [K in Exclude<(typeof SUBNETWORK_COLUMNS)[number], "subnetwork">]: number } & { readonly subnetwork: SubnetworkName };
export type NeuronRow = { readonly seed: number; readonly epoch: number; readonly role: NeuronRole; readonly rank: number; readonly neuron: number; readonly norm: number };

export interface Analysis {
  readonly dir: string;
  readonly summary: AnalysisSummary;
  readonly epochs: readonly EpochRow[];
  readonly subnetworks: readonly SubnetworkRow[];
  readonly neurons: readonly NeuronRow[];
}

export const analysisPaths = (dir: string) => ({
  summary: join(dir, "summary.json"),
  epochs: join(dir, "epochs.csv"),
  subnetworks: join(dir, "subnetworks.csv"),
  neurons: join(dir, "neurons.csv"),
});

const INTEGER_COLUMNS = new Set(["seed", "epoch", "size", "rank", "neuron", "sparsityPointwise", "sparsityAccuracy", "sparsityStable"]);

function readTable<C extends string>(path: string, columns: readonly C[], enums: Partial<Record<C, readonly string[]>> = {}): Array<Record<C, string | number>> {
  if (!existsSync(path)) throw new InputError(`${path}: missing (the analysis is incomplete; rerun 'two-circuits analyze')`);
  return parseCsv(readFileSync(path, "utf8"), columns, path).map((raw, i) => {
    const row = {} as Record<C, string | number>;
    for (const c of columns) {
      const allowed = enums[c];
      const what = `${path}: line ${i + 2}, ${c}`;
      if (allowed) {
        if (!allowed.includes(raw[c])) throw new InputError(`${what}: expected one of ${allowed.join("|")}, got '${raw[c]}'`);
        row[c] = raw[c];
      } else row[c] = csvNumber(raw[c], what, { integer: INTEGER_COLUMNS.has(c) });
    }
    return row;
  });
}

/** Reads and checks RUN/analysis/; a missing directory, an unfinished analysis or a foreign format is one InputError. */
export function readAnalysis(runDir: string): Analysis {
  const dir = join(runDir, "analysis");
  if (!existsSync(dir)) throw new InputError(`${runDir}: no analysis (run 'two-circuits analyze ${runDir}' first)`);
  const paths = analysisPaths(dir);
  if (!existsSync(paths.summary)) throw new InputError(`${dir}: the analysis is unfinished (no summary.json); rerun 'two-circuits analyze ${runDir}'`);
  const summary = AnalysisSummarySchema.parse(readJson(paths.summary), paths.summary);
  const epochs = readTable(paths.epochs, EPOCH_COLUMNS) as unknown as EpochRow[];
  const subnetworks = readTable(paths.subnetworks, SUBNETWORK_COLUMNS, { subnetwork: SUBNETWORKS }) as unknown as SubnetworkRow[];
  const neurons = readTable(paths.neurons, NEURON_COLUMNS, { role: NEURON_ROLES }) as unknown as NeuronRow[];
  const seeds = new Set(summary.seeds.map((s) => s.seed));
  for (const [name, rows] of [["epochs.csv", epochs], ["subnetworks.csv", subnetworks], ["neurons.csv", neurons]] as const) {
    const stray = rows.find((r) => !seeds.has(r.seed));
    if (stray) throw new InputError(`${join(dir, name)}: seed ${stray.seed} is not in summary.json`);
  }
  for (const s of summary.seeds) {
    if (!epochs.some((r) => r.seed === s.seed)) throw new InputError(`${paths.epochs}: no rows for seed ${s.seed} (truncated?)`);
  }
  return { dir, summary, epochs, subnetworks, neurons };
}
