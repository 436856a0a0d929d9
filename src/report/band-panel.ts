import { PANEL } from "./figure.js";

/** A colour scale with fixed order and colours, so every figure uses the same ones. */
export function colorScale(domain: readonly string[], range: readonly string[], title: string) {
  return { field: "series", type: "nominal" as const, title, scale: { domain: [...domain], range: [...range] }, sort: [...domain] };
}

/**
 * One panel of mean lines with ±1 std bands (the paper's shaded areas), drawn from the
 * rows of the figure's table whose `panel` field is `panel`.
 */
export function bandPanel(opts: { panel: string; title: string; x: object; y: { title: string; scale?: object; axis?: object }; color: ReturnType<typeof colorScale>; dashes?: ReadonlyArray<readonly number[]> }) {
  const y = { type: "quantitative" as const, title: opts.y.title, ...(opts.y.scale ? { scale: opts.y.scale } : {}), ...(opts.y.axis ? { axis: opts.y.axis } : {}) };
  // Both layers carry the same colour encoding so vega-lite draws ONE legend (merged with the dash one);
  // its symbols are strokes at full opacity, i.e. the lines, not the faint bands.
  const color = { ...opts.color, legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2.5, symbolSize: 300 } };
  const dash = opts.dashes
    ? { strokeDash: { field: "series", type: "nominal" as const, title: opts.color.title, scale: { domain: opts.color.scale.domain, range: opts.dashes.map((d) => [...d]) } } }
    : {};
  return {
    title: opts.title,
    width: PANEL.width,
    height: PANEL.height,
    transform: [{ filter: { field: "panel", equal: opts.panel } }],
    layer: [
      {
        mark: { type: "area" as const, opacity: 0.22, clip: true },
        encoding: { x: opts.x, y: { ...y, field: "lower" }, y2: { field: "upper" }, color },
      },
      {
        mark: { type: "line" as const, strokeWidth: 1.8, clip: true },
        encoding: { x: opts.x, y: { ...y, field: "mean" }, color, ...dash },
      },
    ],
  };
}
