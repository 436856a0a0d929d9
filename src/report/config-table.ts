import type { TrainConfig } from "../train/config.js";
import type { Table } from "./table.js";

const ROWS: ReadonlyArray<{ key: keyof TrainConfig; label: string }> = [
  { key: "n", label: "input bits n" },
  { key: "k", label: "parity size k" },
  { key: "N", label: "training set size N" },
  { key: "testSize", label: "test set size" },
  { key: "width", label: "hidden width p" },
  { key: "batchSize", label: "batch size B" },
  { key: "lr", label: "learning rate η" },
  { key: "weightDecay", label: "weight decay λ" },
  { key: "epochs", label: "epochs" },
  { key: "seeds", label: "seeds" },
  { key: "support", label: "support S" },
];

/** The run's hyperparameters, so that every figure of the report can be read against them. */
export function configTable(config: TrainConfig, supportSet: string): Table<"parameter" | "value"> {
  const value = (v: unknown) => (Array.isArray(v) ? v.join(" ") : String(v));
  return {
    id: "table-config",
    title: "Run configuration",
    caption: `The training configuration of this run (paper §2 defaults: n 40, k 3, N 1000, p 1000, B 32, η 0.1, λ 0.01, 300 epochs, 5 seeds). Active subnetworks are computed on the ${supportSet} set.`,
    columns: [
      { key: "parameter", label: "parameter" },
      { key: "value", label: "value" },
    ],
    rows: ROWS.map((r) => ({ parameter: r.label, value: value(config[r.key]) })),
  };
}
