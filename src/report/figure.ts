import type { TopLevelSpec } from "vega-lite";
import type { CsvRow } from "./csv.js";

/**
 * One figure of the report: a vega-lite spec whose data is the named dataset "table",
 * and that table, which is written beside the figure as ID.csv so every plotted number
 * can be checked.
 */
export interface Figure<C extends string = string> {
  /** The file stem: figure-2, figure-5-seed-0, ... */
  readonly id: string;
  readonly title: string;
  /** Plain text for report.html (the paper's caption, adapted, plus how the data was reduced). */
  readonly caption: string;
  readonly spec: TopLevelSpec;
  readonly columns: readonly C[];
  readonly rows: ReadonlyArray<CsvRow<C>>;
}

export const TABLE = "table";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Shared look: DejaVu Sans (the font the PNG renderer loads), white background. */
export const FIGURE_CONFIG = {
  font: "DejaVu Sans, Verdana, sans-serif",
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom", direction: "vertical", labelLimit: 0 },
  title: { fontSize: 15, subtitleFontSize: 11, anchor: "start" },
  header: { labelFontSize: 12 },
} as const;

export const PANEL = { width: 260, height: 200 } as const;

/**
 * The spec as a standalone file: the same spec with its data read from ID.csv instead
 * of inlined, so `vl2svg ID.vl.json` beside ID.csv redraws the figure.
 */
export function standaloneSpec(figure: Figure): object {
  const { datasets: _inline, ...rest } = figure.spec as TopLevelSpec & { datasets?: unknown };
  return { ...rest, data: { url: `${figure.id}.csv`, format: { type: "csv" } } };
}
