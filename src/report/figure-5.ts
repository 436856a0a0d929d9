import type { TopLevelSpec } from "vega-lite";
import type { NeuronRole, NeuronRow, SeedAnalysis } from "./analysis-input.js";
import { FIGURE_CONFIG, PANEL, TABLE, VEGA_LITE_SCHEMA, type Figure } from "./figure.js";
import { linearEpochX } from "./epoch-axis.js";
import { round } from "./seed-bands.js";
import type { NormSample } from "./neuron-norm-sample.js";

export const NEURON_COLUMNS_OUT = ["panel", "group", "neuron", "epoch", "norm"] as const;
type Column = (typeof NEURON_COLUMNS_OUT)[number];

const ROLE_LABELS: Record<NeuronRole, string> = { "memorization-dominant": "the memorisation epoch", "final-dominant": "the final epoch" };
const ROLE_COLORS = ["#ff7f0e", "#d62728"] as const;
const ALL_GROUPS = ["other neuron (sample)", "generalising subnetwork", "median of all neurons"] as const;
const ALL_COLORS = ["#b0b0b0", "#d62728", "#000000"] as const;

function eventRules(seed: SeedAnalysis) {
  // The labels sit on two rows (pixels from the top) so that they never overlap when the events are close.
  const events = [
    { event: "memorisation", epoch: seed.memorizationEpoch, row: 2 },
    { event: "grokking", epoch: seed.grokkingEpoch, row: 16 },
  ].filter((e): e is { event: string; epoch: number; row: number } => e.epoch !== null);
  return [
    { data: { values: events }, mark: { type: "rule" as const, strokeDash: [4, 3], color: "#555" }, encoding: { x: { field: "epoch", type: "quantitative" as const } } },
    {
      data: { values: events },
      mark: { type: "text" as const, align: "left" as const, baseline: "top" as const, dx: 3, fontSize: 10, color: "#555" },
      encoding: { x: { field: "epoch", type: "quantitative" as const }, y: { field: "row", type: "quantitative" as const, scale: null }, text: { field: "event" } },
    },
  ];
}

/**
 * Figure 5 of the paper (App. B) for one seed. Left: norm trajectories of the dominant
 * neurons at the memorisation epoch and at the final epoch. Right: the norm of (a sample
 * of) all neurons over time, the generalising subnetwork highlighted.
 */
export function figure5(seed: SeedAnalysis, dominant: readonly NeuronRow[], sample: NormSample, p: number): Figure<Column> {
  const rows: Array<Record<Column, string | number>> = dominant.map((r) => ({ panel: "dominant", group: ROLE_LABELS[r.role], neuron: r.neuron, epoch: r.epoch, norm: round(r.norm) }));
  const generalizing = new Set(seed.generalizingNeurons);
  sample.neurons.forEach((neuron, i) => {
    const group = generalizing.has(neuron) ? ALL_GROUPS[1] : ALL_GROUPS[0];
    sample.epochs.forEach((epoch, j) => rows.push({ panel: "all", group, neuron, epoch, norm: round(sample.norms[i][j], 4) }));
  });
  sample.epochs.forEach((epoch, j) => rows.push({ panel: "all", group: ALL_GROUPS[2], neuron: -1, epoch, norm: round(sample.median[j], 4) }));
  const lastEpoch = seed.finalEpoch;
  const x = linearEpochX(lastEpoch);
  const y = { field: "norm", type: "quantitative" as const, title: "‖W_i‖₂", scale: { zero: true } };
  const line = (panel: string, domain: readonly string[], range: readonly string[], title: string) => ({
    transform: [{ filter: { field: "panel", equal: panel } }],
    mark: { type: "line" as const, strokeWidth: 1.2, clip: true },
    encoding: {
      x,
      y,
      detail: { field: "neuron", type: "nominal" as const },
      color: { field: "group", type: "nominal" as const, title, scale: { domain: [...domain], range: [...range] } },
      order: { field: "epoch", type: "quantitative" as const },
    },
  });
  const roles = new Set(dominant.map((r) => `${r.role}:${r.neuron}`));
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Figure 5 — individual neurons, seed ${seed.seed}`, subtitle: `one training run (seed ${seed.seed}); dashed: memorisation and grokking epochs` },
    config: FIGURE_CONFIG,
    datasets: { [TABLE]: rows },
    data: { name: TABLE },
    hconcat: [
      { title: "Dominant neurons", width: PANEL.width, height: PANEL.height, layer: [line("dominant", Object.values(ROLE_LABELS), ROLE_COLORS, "dominant at"), ...eventRules(seed)] },
      {
        title: `All neurons (${sample.neurons.length} of ${p} drawn)`,
        width: PANEL.width,
        height: PANEL.height,
        layer: [line("all", ALL_GROUPS, ALL_COLORS, "neuron"), ...eventRules(seed)],
      },
    ],
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  } as unknown as TopLevelSpec;
  const caption =
    `Weight norm ‖W_i‖₂ of individual neurons during training, seed ${seed.seed} (one run; the paper also shows one). Left: the ${roles.size} trajectories of the ` +
    `dominant neurons (largest norm) at the memorisation epoch (${seed.memorizationEpoch ?? "never reached"}; first epoch with train accuracy > 98%) and at the final ` +
    `epoch (${seed.finalEpoch}; the largest neurons of the generalising subnetwork); a neuron dominant at both appears in both colours. Right: weight norm over time of the neurons, ` +
    `the ${seed.generalizingNeurons.length} neurons of the generalising subnetwork in red. To keep the figure small, the right panel draws every ` +
    `${sample.neuronStride === 1 ? "" : `${ordinal(sample.neuronStride)} `}neuron by index (${sample.neurons.length} of ${p}, the generalising ones always included) at every ` +
    `${sample.epochStride === 1 ? "" : `${ordinal(sample.epochStride)} `}epoch (plus the memorisation, grokking and final epochs); the black line is the median over all ${p} ` +
    `neurons at those epochs, read from the run's trajectory file. Dashed rules mark the memorisation and grokking (first test accuracy ≥ 98%) epochs.`;
  return { id: `figure-5-seed-${seed.seed}`, title: `Figure 5: individual neurons (seed ${seed.seed})`, caption, spec, columns: NEURON_COLUMNS_OUT, rows };
}

function ordinal(k: number): string {
  const suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : k % 10 === 1 ? "st" : k % 10 === 2 ? "nd" : k % 10 === 3 ? "rd" : "th";
  return `${k}${suffix}`;
}
