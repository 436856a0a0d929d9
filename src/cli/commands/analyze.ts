import type { Command } from "commander";
import { parseInteger } from "../options.js";
import { InputError } from "../../errors.js";
import { analyzeRunDir } from "../../analysis/analyze-run.js";
import { parseSupportChoice, type SupportChoice } from "../../analysis/support-set.js";
import type { SeedAnalysis } from "../../analysis/analyze-seed.js";
import { PAPER_SIZES } from "../../analysis/analysis-files.js";

type Flags = { support?: SupportChoice; threads?: number; force?: boolean; quiet?: boolean };

const show = (v: number | null) => (v === null ? "-" : String(v));

/** The per-seed table printed at the end: events, final effective sparsity by each definition, lottery ticket. */
function table(seeds: readonly SeedAnalysis[]): string {
  const head = ["seed", "memorised", "grokked", "sparsity pointwise/accuracy/stable", "non-monotone epochs", "lottery ticket"];
  const rows = seeds.map((s) => [
    String(s.seed),
    show(s.memorizationEpoch),
    show(s.grokkingEpoch),
    `${s.effectiveSparsity.pointwise}/${s.effectiveSparsity.accuracy}/${s.effectiveSparsity.stable}`,
    String(s.nonMonotoneEpochs),
    s.lotteryTicket.generalized ? `generalises (epoch ${s.lotteryTicket.grokkingEpoch})` : `does not generalise (test ${s.lotteryTicket.finalTestAcc})`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c])).join("  ").trimEnd();
  return [line(head), ...rows.map(line), `paper sizes: {${PAPER_SIZES.join(", ")}}`].join("\n");
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("active subnetworks, effective sparsity, competing subnetworks and lottery tickets at every epoch of a run; writes RUN_DIR/analysis/")
    .argument("<RUN_DIR>", "a finished run directory (from 'two-circuits train')")
    .option("--support <X>", "support set X of the active subnetworks: train (the paper's), test, union, or a dataset file", parseSupportChoice)
    .option("--threads <int>", "worker threads (default: one per core)", parseInteger("--threads"))
    .option("--force", "replace an existing RUN_DIR/analysis/")
    .option("--quiet", "print only where the analysis went")
    .action(async (dir: string, flags: Flags) => {
      if (flags.threads !== undefined && flags.threads < 1) throw new InputError(`--threads: must be at least 1, got ${flags.threads}`);
      const started = Date.now();
      const result = await analyzeRunDir(dir, {
        support: flags.support,
        threads: flags.threads,
        force: flags.force,
        onSeed: flags.quiet ? undefined : (s) => process.stderr.write(`seed ${s.seed}: analysed ${s.finalEpoch + 1} epochs\n`),
      });
      if (!flags.quiet) process.stdout.write(`${table(result.seeds)}\n\n`);
      process.stdout.write(`analysis written to ${result.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });
}
