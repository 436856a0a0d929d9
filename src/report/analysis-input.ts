import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ANALYSIS_FORMAT, AnalysisSummarySchema, EPOCH_COLUMNS, NEURON_COLUMNS, SUBNETWORK_COLUMNS, type AnalysisSummary } from "../analysis/analysis-files.js";
import type { EpochRow, NeuronRow, SubnetworkRow } from "../analysis/analyze-seed.js";
import { SUBNETWORK_NAMES, type SubnetworkName } from "../analysis/subnetworks.js";
import { NEURON_ROLES, type NeuronRole } from "../analysis/neuron-trajectories.js";
import { InputError } from "../errors.js";
import { readJson } from "../run/run-reader.js";
import { csvNumber, parseCsv } from "./csv.js";

/**
 * What `two-circuits report` reads: RUN/analysis/ as `two-circuits analyze` writes it
 * (src/analysis/analysis-files.ts declares the format; its schema and columns are reused
 * here). The analysis directory is renamed into place whole, so a missing summary.json
 * means it is unfinished or foreign.
 */
export { ANALYSIS_FORMAT, AnalysisSummarySchema, EPOCH_COLUMNS, SUBNETWORK_COLUMNS, NEURON_COLUMNS };
export type { AnalysisSummary, EpochRow, SubnetworkRow, NeuronRow, SubnetworkName, NeuronRole };
export type SeedAnalysis = AnalysisSummary["seeds"][number];
export const SUBNETWORKS = SUBNETWORK_NAMES;

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
