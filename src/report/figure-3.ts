import type { TopLevelSpec } from "vega-lite";
import { SUBNETWORKS, type SubnetworkRow } from "./analysis-input.js";
import { bandAcrossSeeds } from "./seed-bands.js";
import { FIGURE_CONFIG, TABLE, VEGA_LITE_SCHEMA, type Figure } from "./figure.js";
import { linearEpochX } from "./epoch-axis.js";
import { bandPanel, colorScale } from "./band-panel.js";
import { BAND_COLUMNS, bandRows, paperFigureNumber, type TaskLabel } from "./figure-2.js";

const SUBNETWORK_COLORS = ["#d62728", "#1f77b4", "#7f7f7f"] as const;

const PANELS = [
  { panel: "norm", column: "meanNorm", title: "Average norm", y: { title: "mean ‖W_i‖₂", scale: { zero: true } } },
  { panel: "faithfulness-test", column: "faithfulnessTest", title: "Faithfulness (test set)", y: { title: "agreement with full net", scale: { domain: [0, 1] }, axis: { format: ".0%" } } },
  { panel: "faithfulness-train", column: "faithfulnessTrain", title: "Faithfulness (training set)", y: { title: "agreement with full net", scale: { domain: [0, 1] }, axis: { format: ".0%" } } },
] as const;

/**
 * Figure 3 of the paper (§3.2): the mean neuron norm of the generalising, complementary
 * and control subnetworks (left) and their faithfulness — agreement of the masked
 * network's sign with the full network's — on the test set (the paper's right panel) and,
 * in addition, on the training set.
 */
export function figure3(subnetworks: readonly SubnetworkRow[], task: TaskLabel): Figure<(typeof BAND_COLUMNS)[number]> {
  const seeds = new Set(subnetworks.map((r) => r.seed)).size;
  const lastEpoch = Math.max(...subnetworks.map((r) => r.epoch));
  const rows = PANELS.flatMap((p) =>
    SUBNETWORKS.flatMap((name) =>
      bandRows(p.panel, name, bandAcrossSeeds(subnetworks.filter((r) => r.subnetwork === name).map((r) => ({ epoch: r.epoch, value: r[p.column] })), { floor: 0, ceiling: p.panel === "norm" ? Infinity : 1 })),
    ),
  );
  const x = linearEpochX(lastEpoch);
  const color = colorScale(SUBNETWORKS, SUBNETWORK_COLORS, "subnetwork");
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Figure ${paperFigureNumber(3, task)} — competing subnetworks, (${task.n}, ${task.k})-parity, λ = ${task.weightDecay}`,
      subtitle: `mean over ${seeds} seed${seeds === 1 ? "" : "s"}; shaded: ±1 std across seeds`,
    },
    config: FIGURE_CONFIG,
    datasets: { [TABLE]: rows },
    data: { name: TABLE },
    hconcat: PANELS.map((p) => bandPanel({ panel: p.panel, title: p.title, x, y: p.y, color })),
    resolve: { scale: { y: "independent" } },
  } as unknown as TopLevelSpec;
  const caption =
    `Left: average norm ‖W_i‖₂ of the incoming weights of the neurons of each subnetwork during training. Middle: agreement between the predictions (sgn f) ` +
    `of each subnetwork alone and of the full network on the test set (the paper's Figure 3, right); right: the same on the training set. ` +
    `The generalising subnetwork is the final epoch's active subnetwork (pointwise definition on the training set), the complementary subnetwork is every other ` +
    `neuron, and the control subnetwork is a seeded random set of neurons of the same size as the generalising one. Lines are the mean over ${seeds} ` +
    `seed${seeds === 1 ? "" : "s"}, shaded bands ±1 sample standard deviation across seeds (clipped to [0, 1] for faithfulness, ≥ 0 for norms); every epoch is plotted, on a linear epoch axis.`;
  return { id: "figure-3", title: "Figure 3: subnetwork norms and faithfulness", caption, spec, columns: BAND_COLUMNS, rows };
}
