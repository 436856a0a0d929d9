import type { Command } from "commander";
import { loadReplay, replay, type Deviation } from "../../train/replay.js";

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("replay a PyTorch trajectory (two-circuits/replay@1) with our kernels and compare weights (1e-5) and metrics (1e-6) at every recorded epoch")
    .argument("<file>", "replay JSON file")
    .action((file: string) => {
      const r = loadReplay(file);
      const result = replay(r, file);
      // The largest deviation of each quantity over all epochs, then any that broke its tolerance.
      const worst = new Map<string, Deviation>();
      for (const d of result.deviations) if (!worst.has(d.quantity) || d.deviation > worst.get(d.quantity)!.deviation) worst.set(d.quantity, d);
      const out = [`replayed ${r.epochs.length} epochs of ${file} (n ${r.config.n}, p ${r.config.width}, N ${r.config.N})`, "largest deviations:"];
      for (const d of worst.values()) out.push(`  ${d.quantity.padEnd(9)} ${d.deviation.toExponential(2)} at epoch ${d.epoch} (tolerance ${d.tolerance.toExponential(0)})${d.deviation > d.tolerance ? "  EXCEEDED" : ""}`);
      out.push(result.ok ? "within tolerance" : "OUT OF TOLERANCE");
      process.stdout.write(out.join("\n") + "\n");
      if (!result.ok) process.exitCode = 1;
    });
}
