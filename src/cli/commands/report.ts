import type { Command } from "commander";
import { writeReport } from "../../report/write-report.js";

type Flags = { out?: string };

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("the paper's Figures 2, 3 and 5 and the subnetwork tables from RUN_DIR/analysis/: SVG, PNG and data files in RUN_DIR/report/, and one self-contained report.html")
    .argument("<RUN_DIR>", "a run directory analysed by 'two-circuits analyze'")
    .option("--out <FILE>", "where to write the HTML report (default RUN_DIR/report.html)")
    .action(async (dir: string, flags: Flags) => {
      const started = Date.now();
      const result = await writeReport(dir, { out: flags.out });
      process.stdout.write(
        `${result.figures.length} figures and ${result.tables.length} tables written to ${result.reportDir}\n` +
          `report: ${result.html} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    });
}
