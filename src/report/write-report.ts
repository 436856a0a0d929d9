import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { InputError } from "../errors.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { runPaths } from "../run/layout.js";
import { RunSummarySchema } from "../run/record.js";
import { readJson } from "../run/run-reader.js";
import { TrajectoryReader } from "../run/trajectory.js";
import { readAnalysis, type Analysis } from "./analysis-input.js";
import { toCsv } from "./csv.js";
import { standaloneSpec, type Figure } from "./figure.js";
import { figure2, type TaskLabel } from "./figure-2.js";
import { figure3 } from "./figure-3.js";
import { figure5 } from "./figure-5.js";
import { sampleNorms } from "./neuron-norm-sample.js";
import { renderSvg, svgToPng } from "./render.js";
import { figureFont } from "./fonts.js";
import { claimsNotShown, claimsTable } from "./claims-table.js";
import { seedTable } from "./seed-table.js";
import { configTable } from "./config-table.js";
import { GENERATOR, reportHtml, type RenderedFigure } from "./report-html.js";
import { tableMarkdown, type Table } from "./table.js";

/** Figure 5's right panel draws at most this many neurons and epochs per seed (see its caption). */
export const FIGURE5_LIMITS = { maxNeurons: 100, maxEpochs: 100 } as const;

export interface ReportResult {
  readonly reportDir: string;
  readonly html: string;
  readonly figures: readonly string[];
  readonly tables: readonly string[];
  /** The paper's claims that this run does not show ("seed 2: grokked"), from the claims table; empty when all hold. */
  readonly claimsNotShown: readonly string[];
}

function figures(runDir: string, analysis: Analysis, task: TaskLabel): Figure[] {
  const out: Figure[] = [figure2(analysis.epochs, task), figure3(analysis.subnetworks, task)];
  for (const seed of analysis.summary.seeds) {
    const path = runPaths(runDir).trajectory(seed.seed);
    if (!existsSync(path)) throw new InputError(`${path}: missing (Figure 5 reads every neuron's norm from it)`);
    const reader = new TrajectoryReader(path);
    try {
      const sample = sampleNorms(reader, {
        ...FIGURE5_LIMITS,
        neurons: seed.generalizingNeurons,
        epochs: [seed.memorizationEpoch, seed.grokkingEpoch].filter((e): e is number => e !== null && e <= reader.lastEpoch),
      });
      out.push(figure5(seed, analysis.neurons.filter((r) => r.seed === seed.seed), sample, reader.p));
    } finally {
      reader.close();
    }
  }
  return out;
}

/** Refuses to replace a file at `html` that is not a report this command wrote. */
function checkReplaceable(html: string): void {
  if (!existsSync(html)) return;
  const head = readFileSync(html, "utf8").slice(0, 2000);
  if (!head.includes(`<meta name="generator" content="${GENERATOR}">`)) throw new InputError(`${html}: exists and is not a two-circuits report; remove it or choose another --out`);
}

/**
 * `two-circuits report RUN`: reads RUN/analysis/, writes the figures (SVG, PNG, their CSV
 * and vega-lite spec) and tables (CSV, Markdown) into RUN/report/ and one self-contained
 * HTML file. RUN/report/ is built under a temporary name and renamed into place, so it is
 * never half-written; the HTML is written atomically after it.
 */
export async function writeReport(runDir: string, opts: { out?: string } = {}): Promise<ReportResult> {
  const analysis = readAnalysis(runDir);
  const paths = runPaths(runDir);
  const run = RunSummarySchema.parse(readJson(paths.summary, `${paths.summary} (the training summary)`), paths.summary);
  const task = { n: run.config.n, k: run.config.k, weightDecay: run.config.weightDecay };
  const html = resolve(opts.out ?? join(runDir, "report.html"));
  checkReplaceable(html);
  const fontFile = figureFont();

  const reportDir = join(runDir, "report");
  const tmp = join(runDir, `.report.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const rendered: RenderedFigure[] = [];
    const rel = (file: string) => relative(dirname(html), join(reportDir, file)) || file;
    for (const f of figures(runDir, analysis, task)) {
      const { svg } = await renderSvg(f.spec);
      writeFileAtomic(join(tmp, `${f.id}.svg`), svg);
      writeFileAtomic(join(tmp, `${f.id}.png`), svgToPng(svg, { fontFile }));
      writeFileAtomic(join(tmp, `${f.id}.csv`), toCsv(f.columns, f.rows));
      writeJsonAtomic(join(tmp, `${f.id}.vl.json`), standaloneSpec(f));
      rendered.push({ id: f.id, title: f.title, caption: f.caption, svg, files: { svg: rel(`${f.id}.svg`), png: rel(`${f.id}.png`), data: rel(`${f.id}.csv`), spec: rel(`${f.id}.vl.json`) } });
    }
    const claims = claimsTable(analysis);
    const tables: Table[] = [claims, seedTable(analysis), configTable(run.config, analysis.summary.supportSet)];
    for (const t of tables) {
      writeFileAtomic(join(tmp, `${t.id}.csv`), toCsv(t.columns.map((c) => c.key), t.rows));
      writeFileAtomic(join(tmp, `${t.id}.md`), tableMarkdown(t));
    }
    const seeds = analysis.summary.seeds.length;
    const page = reportHtml({
      title: `Grokking on (${task.n}, ${task.k})-parity: report of ${runDir}`,
      intro: [
        `A reproduction of the figures of "A Tale of Two Circuits: Grokking as Competition of Sparse and Dense Subnetworks" (Merrill, Tsilivis, Shukla) ` +
          `from one training run: ${seeds} seed${seeds === 1 ? "" : "s"}, weight decay λ = ${task.weightDecay}, every epoch analysed. ` +
          `Every number below comes from the files of RUN/analysis/ (written by 'two-circuits analyze') and the run's trajectories; each figure's plotted data is in the CSV named under it.`,
      ],
      tables,
      figures: rendered,
    });
    rmSync(`${reportDir}.old`, { recursive: true, force: true });
    if (existsSync(reportDir)) renameSync(reportDir, `${reportDir}.old`);
    renameSync(tmp, reportDir);
    rmSync(`${reportDir}.old`, { recursive: true, force: true });
    mkdirSync(dirname(html), { recursive: true });
    writeFileAtomic(html, page);
    return { reportDir, html, figures: rendered.map((f) => f.id), tables: tables.map((t) => t.id), claimsNotShown: claimsNotShown(claims) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
