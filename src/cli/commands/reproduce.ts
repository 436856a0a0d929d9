import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { parseInteger } from "../options.js";
import { runTraining } from "../../train/run-training.js";
import { analyzeRunDir } from "../../analysis/analyze-run.js";
import { writeReport } from "../../report/write-report.js";
import { PRESETS, PRESET_NAMES, parsePreset, presetConfig, type PresetName } from "../../report/presets.js";

type Flags = { preset: PresetName; out: string; force?: boolean; threads?: number; epochs?: number; quiet?: boolean; check?: boolean };

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export function registerReproduce(program: Command): void {
  program
    .command("reproduce")
    .description("train, analyse and report one of the paper's experiments: writes a run directory with analysis/, report/ and report.html")
    .option("--preset <name>", `${PRESET_NAMES.map((n) => `${n}: ${PRESETS[n].description}`).join("; ")}`, parsePreset, "paper" as PresetName)
    .requiredOption("--out <DIR>", "the run directory to write")
    .option("--force", "overwrite an existing run in --out")
    .option("--threads <int>", "worker threads (default: one per core)", parseInteger("--threads"))
    .option("--epochs <int>", "train this many epochs instead of the preset's", parseInteger("--epochs"))
    .option("--quiet", "no progress output")
    .option("--check", "exit with code 1 unless the report shows every claim of the paper on every seed")
    .action(async (flags: Flags) => {
      if (flags.threads !== undefined && flags.threads < 1) throw new InputError(`--threads: must be at least 1, got ${flags.threads}`);
      if (flags.epochs !== undefined && flags.epochs < 1) throw new InputError(`--epochs: must be at least 1, got ${flags.epochs}`);
      const config = presetConfig(flags.preset, { epochs: flags.epochs });
      const say = (line: string) => (flags.quiet ? undefined : process.stderr.write(`${line}\n`));
      const started = Date.now();
      say(`reproduce --preset ${flags.preset}: ${PRESETS[flags.preset].description}${flags.epochs === undefined ? "" : ` (epochs ${flags.epochs})`}`);
      await runTraining(config, { out: flags.out, force: flags.force, threads: flags.threads, progress: flags.quiet ? "none" : "auto" });
      say(`trained (${seconds(started)})`);
      const analysing = Date.now();
      // The run directory was just written (runTraining cleared any older analysis), so replacing is safe.
      await analyzeRunDir(flags.out, { threads: flags.threads, force: true });
      say(`analysed (${seconds(analysing)})`);
      const report = await writeReport(flags.out);
      process.stdout.write(`report: ${report.html} (figures and data in ${report.reportDir}; ${seconds(started)} in all)\n`);
      if (report.claimsNotShown.length === 0) process.stdout.write("every claim of the paper checked in the report holds on every seed\n");
      else {
        process.stdout.write(`not shown by this run:\n${report.claimsNotShown.map((c) => `  ${c}\n`).join("")}`);
        if (flags.check) process.exitCode = 1;
      }
    });
}
