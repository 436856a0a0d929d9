import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { Resvg } from "@resvg/resvg-js";
import { figureFontFiles } from "./fonts.js";

/** vega's and vega-lite's warnings go here instead of the console (a spec builder's test asserts there are none). */
function collectingLogger(warnings: string[]) {
  const base = vega.logger(vega.Warn);
  const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  return Object.assign(base, { warn: (...a: unknown[]) => (collect(...a), base), info: () => base, debug: () => base });
}

/** vega-lite → vega → SVG, headless (no canvas: vega estimates text widths). */
export async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: "none", logger });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/** SVG → raster at `scale` × the SVG's size, text drawn with the report's font file. */
export function rasterize(svg: string, opts: { scale?: number; fontFile?: string } = {}) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: opts.scale ?? 2 },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: figureFontFiles(opts.fontFile), defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render();
}

export function svgToPng(svg: string, opts: { scale?: number; fontFile?: string } = {}): Buffer {
  return rasterize(svg, opts).asPng();
}
