import type { Command } from "commander";
import { existsSync } from "node:fs";
import { openRun } from "../../run/run-reader.js";
import { saveNetwork } from "../../io/checkpoint.js";
import { readState } from "../../train/state-file.js";
import { runPaths } from "../../run/layout.js";
import { InputError } from "../../errors.js";
import { parseInteger } from "../options.js";

/** Which epoch: a number, `final`, or `memorization` (the seed's memorisation epoch). */
function resolveEpoch(spec: string, record: { lastEpoch: number; memorizationEpoch: number | null }): number {
  if (spec === "final") return record.lastEpoch;
  if (spec === "memorization" || spec === "memorisation") {
    if (record.memorizationEpoch === null) throw new InputError("--epoch memorization: this seed never memorised (train accuracy never exceeded 0.98)");
    return record.memorizationEpoch;
  }
  const e = parseInteger("--epoch")(spec);
  if (e < 0 || e > record.lastEpoch) throw new InputError(`--epoch: ${e} is out of range 0..${record.lastEpoch}`);
  return e;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("export one epoch of a run's network as safetensors (PyTorch names linear1.weight, linear1.bias, linear2.weight) or a JSON checkpoint")
    .argument("<run-dir>", "a finished run directory")
    .requiredOption("--out <file>", "output file: .safetensors, or .json for a JSON checkpoint")
    .option("--seed <int>", "which seed (default: the run's first)", parseInteger("--seed"))
    .option("--epoch <epoch>", "an epoch number, 'final' or 'memorization'", "final")
    .option("--dtype <dtype>", "F32 or F64 for safetensors; the final epoch is kept at full precision, other epochs are stored as F32", "F32")
    .option("--force", "overwrite --out if it exists")
    .action((runDir: string, flags: { out: string; seed?: number; epoch: string; dtype: string; force?: boolean }) => {
      const dtype = flags.dtype.toUpperCase();
      if (dtype !== "F32" && dtype !== "F64") throw new InputError(`--dtype: expected F32 or F64, got '${flags.dtype}'`);
      if (existsSync(flags.out) && !flags.force) throw new InputError(`${flags.out} exists; use --force to overwrite it`);
      const run = openRun(runDir);
      const seedRun = flags.seed === undefined ? run.seeds[0] : run.seeds.find((s) => s.seed === flags.seed);
      if (!seedRun) throw new InputError(`--seed: the run has seeds ${run.config.seeds.join(", ")}, not ${flags.seed}`);
      const epoch = resolveEpoch(flags.epoch, seedRun.record);
      let net;
      if (epoch === seedRun.record.lastEpoch && existsSync(runPaths(runDir).state(seedRun.seed))) {
        net = readState(runPaths(runDir).state(seedRun.seed)).net;
      } else {
        const t = seedRun.trajectory();
        net = t.network(epoch);
        t.close();
      }
      const metadata = { seed: String(seedRun.seed), epoch: String(epoch), support: seedRun.task.support.join(","), n: String(net.n), source: "two-circuits export" };
      saveNetwork(flags.out, net, { dtype: dtype as "F32" | "F64", metadata });
      process.stdout.write(`seed ${seedRun.seed}, epoch ${epoch} (p ${net.p}, n ${net.n}) written to ${flags.out}\n`);
    });
}
