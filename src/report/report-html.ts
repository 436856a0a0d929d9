import { escapeHtml, tableHtml, type Table } from "./table.js";

/** The marker by which `report` recognises a report.html it may overwrite. */
export const GENERATOR = "two-circuits report";

export interface RenderedFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  /** Where the figure's files are, relative to the HTML file (for the reader's links). */
  readonly files: { readonly svg: string; readonly png: string; readonly data: string; readonly spec: string };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Math.round(Number(m[1])), height: Math.round(Number(m[2])) } : { width: 800, height: 300 };
}

function figureHtml(f: RenderedFigure): string {
  const { width, height } = svgSize(f.svg);
  const src = `data:image/svg+xml;base64,${Buffer.from(f.svg, "utf8").toString("base64")}`;
  const links = [`SVG: ${f.files.svg}`, `PNG: ${f.files.png}`, `data: ${f.files.data}`, `vega-lite spec: ${f.files.spec}`].map(escapeHtml).join(" · ");
  return (
    `<figure id="${f.id}">\n<img src="${src}" width="${width}" height="${height}" alt="${escapeHtml(f.title)}">\n` +
    `<figcaption><b>${escapeHtml(f.title)}.</b> ${escapeHtml(f.caption)}<br><span class="files">${links}</span></figcaption>\n</figure>`
  );
}

/**
 * One self-contained HTML file: figures inlined as SVG data: URIs, tables as HTML, no
 * script and a content security policy that forbids every request but data: images.
 */
export function reportHtml(opts: { title: string; intro: readonly string[]; tables: readonly Table[]; figures: readonly RenderedFigure[] }): string {
  const style = `body{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.9em;margin-top:.4em}.files{color:#666;font-size:.85em}table{border-collapse:collapse;font-size:.85em;margin:1em 0}
caption{text-align:left;font-weight:bold;padding-bottom:.3em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right}th{background:#f4f4f4}
.note,.table-caption{font-size:.9em}.wide{overflow-x:auto}`;
  const sections = [
    ...opts.tables.map((t) => `<section>\n<div class="wide">${tableHtml(t)}</div>\n<p class="table-caption">${escapeHtml(t.caption)}</p>\n</section>`),
    ...opts.figures.map(figureHtml),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="${GENERATOR}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(opts.title)}</h1>
${opts.intro.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${sections.join("\n")}
</body>
</html>
`;
}
