import type { TopLevelSpec } from "vega-lite";
import type { EpochRow } from "./analysis-input.js";
import { bandAcrossSeeds, round, type BandPoint } from "./seed-bands.js";
import { FIGURE_CONFIG, TABLE, VEGA_LITE_SCHEMA, type Figure } from "./figure.js";
import { LOG_EPOCH_NOTE, logEpochX, logTicks } from "./epoch-axis.js";
import { bandPanel, colorScale } from "./band-panel.js";

export const BAND_COLUMNS = ["panel", "series", "epoch", "mean", "std", "lower", "upper", "seeds"] as const;
type BandColumn = (typeof BAND_COLUMNS)[number];

export function bandRows(panel: string, series: string, band: readonly BandPoint[]) {
  return band.map((b) => ({ panel, series, epoch: b.epoch, mean: round(b.mean), std: round(b.std), lower: round(b.lower), upper: round(b.upper), seeds: b.seeds }));
}

const SPLIT = ["train", "test"] as const;
const SPLIT_COLORS = ["#1f77b4", "#ff7f0e"] as const;
const DEFINITIONS = [
  { series: "pointwise", column: "sparsityPointwise" },
  { series: "accuracy", column: "sparsityAccuracy" },
  { series: "stable", column: "sparsityStable" },
] as const;
const DEFINITION_COLORS = ["#2ca02c", "#9467bd", "#8c564b"] as const;

export interface TaskLabel {
  readonly n: number;
  readonly k: number;
  readonly weightDecay: number;
}

/**
 * The paper's number for a figure of this task: Appendix C repeats Figures 2 and 3 as
 * Figures 6–7 (λ = 0.001) and 8–9 (k = 4); any other task keeps the main-text number.
 */
export function paperFigureNumber(base: 2 | 3, task: TaskLabel): number {
  if (task.n === 40 && task.k === 3 && task.weightDecay === 0.001) return base + 4;
  if (task.n === 40 && task.k === 4 && task.weightDecay === 0.01) return base + 6;
  return base;
}

/**
 * Figure 2 of the paper: accuracy (left), average hinge loss (middle) and effective
 * sparsity (right, §2.1) against the epoch, mean ± 1 std across seeds.
 */
export function figure2(epochs: readonly EpochRow[], task: TaskLabel): Figure<BandColumn> {
  const seeds = new Set(epochs.map((r) => r.seed)).size;
  const lastEpoch = Math.max(...epochs.map((r) => r.epoch));
  const series = (key: keyof EpochRow, floor?: number, ceiling?: number) => bandAcrossSeeds(epochs.map((r) => ({ epoch: r.epoch, value: r[key] })), { floor, ceiling });
  const rows = [
    ...bandRows("accuracy", "train", series("trainAcc", 0, 1)),
    ...bandRows("accuracy", "test", series("testAcc", 0, 1)),
    ...bandRows("loss", "train", series("trainLoss", 0)),
    ...bandRows("loss", "test", series("testLoss", 0)),
    ...DEFINITIONS.flatMap((d) => bandRows("sparsity", d.series, series(d.column, 0))),
  ];
  const maxSparsity = Math.max(...epochs.map((r) => Math.max(r.sparsityPointwise, r.sparsityAccuracy, r.sparsityStable)));
  const x = logEpochX(lastEpoch);
  const split = colorScale(SPLIT, SPLIT_COLORS, "data");
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Figure ${paperFigureNumber(2, task)} — grokking on (${task.n}, ${task.k})-parity, λ = ${task.weightDecay}`,
      subtitle: `mean over ${seeds} seed${seeds === 1 ? "" : "s"}; shaded: ±1 std across seeds`,
    },
    config: FIGURE_CONFIG,
    datasets: { [TABLE]: rows },
    data: { name: TABLE },
    hconcat: [
      bandPanel({ panel: "accuracy", title: "Accuracy", x, y: { title: "accuracy", scale: { domain: [0, 1] }, axis: { format: ".0%" } }, color: split }),
      bandPanel({ panel: "loss", title: "Average loss", x, y: { title: "mean hinge loss", scale: { zero: true } }, color: split }),
      bandPanel({
        panel: "sparsity",
        title: "Effective sparsity",
        x,
        y: { title: "active neurons (log)", scale: { type: "symlog", constant: 1 }, axis: { values: logTicks(maxSparsity, 1), format: "d" } },
        color: colorScale(
          DEFINITIONS.map((d) => d.series),
          DEFINITION_COLORS,
          "definition",
        ),
        dashes: [[1, 0], [5, 3], [2, 2]],
      }),
    ],
    resolve: { scale: { color: "independent", strokeDash: "independent", y: "independent" }, legend: { color: "independent", strokeDash: "independent" } },
  } as unknown as TopLevelSpec;
  const caption =
    `Accuracy (left), average hinge loss (middle) and effective sparsity (right) during training of the one-hidden-layer ReLU network on (${task.n}, ${task.k})-parity ` +
    `(weight decay λ = ${task.weightDecay}), as in the paper's Figure 2. Lines are the mean over ${seeds} seed${seeds === 1 ? "" : "s"} (each seed changes the training set, ` +
    `the initialisation and the batch order); shaded bands are ±1 sample standard deviation across seeds (clipped to the range a quantity can take: [0, 1] for accuracy, ≥ 0 otherwise). ` +
    `Effective sparsity is the size of the active subnetwork (paper §2.1) on the training set by three definitions: pointwise (the paper's: the least k whose top-k ` +
    `neurons by ‖W_i‖₂ reproduce sgn f on every training point), accuracy (the authors' code: the least k with the full network's training accuracy) and stable ` +
    `(the least k from which every larger k agrees pointwise); its axis is logarithmic in (1 + neurons). ${LOG_EPOCH_NOTE} Every epoch is plotted.`;
  return { id: "figure-2", title: "Figure 2: accuracy, loss and effective sparsity", caption, spec, columns: BAND_COLUMNS, rows };
}
