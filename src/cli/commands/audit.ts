import { Option, type Command } from "commander";
import { InputError } from "../../errors.js";
import { loadNetwork, PYTORCH_NAMES, type TensorNames } from "../../io/checkpoint.js";
import { loadDatasetFile } from "../../data/dataset-file.js";
import { parseIndexList, parseInteger } from "../options.js";
import { auditNetwork, checkExpectation } from "../../audit/audit-network.js";
import { formatAuditReport } from "../../audit/format-audit.js";
import { DEFAULT_BUDGET } from "../../audit/cube-search.js";
import type { AuditReport, ExpectedShape } from "../../audit/audit-report.js";

interface AuditFlags {
  support?: number[];
  data?: string;
  expect?: ExpectedShape[];
  certify?: boolean;
  json?: boolean;
  names?: TensorNames;
  budget: number;
  accuracy?: boolean;
}

function parseNames(value: string): TensorNames {
  const parts = value.split(",").map((s) => s.trim());
  if (parts.length !== 3 || parts.some((s) => s === "")) throw new InputError(`--names: expected three tensor names W,b,u (e.g. ${PYTORCH_NAMES.W},${PYTORCH_NAMES.b},${PYTORCH_NAMES.u}), got '${value}'`);
  return { W: parts[0], b: parts[1], u: parts[2] };
}

const EXPECTATIONS = ["dnf", "dnf-6", "threshold", "parity"] as const;

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description("audit one-hidden-layer ReLU networks: active subnetwork, per-neuron structure on the support, DNF/threshold class, and certified generalisation over all 2^n inputs")
    .argument("<file...>", "networks: JSON checkpoints or safetensors (linear1.weight [p,n], linear1.bias [p], linear2.weight [1,p])")
    .option("--support <indices>", "the support S, 0-based, e.g. 0,1,2 (default: recovered from the weights)", parseIndexList("--support"))
    .option("--data <file>", "the set X for the active subnetwork: a dataset safetensors (train.X/train.y or X/y); default: the whole cube for n ≤ 16, else 4096 seeded uniform points")
    .addOption(
      new Option("--expect <shape>", "exit 1 unless every network has this shape (dnf, dnf-6, threshold) or is certified to compute parity (parity); repeatable")
        .argParser((value: string, prev: ExpectedShape[] | undefined) => {
          if (!(EXPECTATIONS as readonly string[]).includes(value)) throw new InputError(`--expect: expected one of ${EXPECTATIONS.join(", ")}, got '${value}'`);
          return [...(prev ?? []), value as ExpectedShape];
        }),
    )
    .option("--certify", "decide exactly whether sgn f = parity, sgn f_k = parity and sgn f = sgn f_k on every input (branch and bound)")
    .option("--budget <nodes>", "node budget of each certification", parseInteger("--budget"), DEFAULT_BUDGET)
    .option("--accuracy", "after a counterexample keep counting, for the exact population accuracy (within the budget)")
    .option("--names <W,b,u>", "tensor names in a safetensors file", parseNames)
    .option("--json", "print the report as JSON")
    .action((files: string[], flags: AuditFlags) => {
      if (!(flags.budget >= 1)) throw new InputError(`--budget: must be at least 1, got ${flags.budget}`);
      const expects = flags.expect ?? [];
      const certify = Boolean(flags.certify) || expects.includes("parity");
      const data = flags.data ? loadDatasetFile(flags.data).dataset : null;
      const networks = files.map((file) => loadNetwork(file, flags.names ?? PYTORCH_NAMES));
      const audits = networks.map((net, q) =>
        auditNetwork(net, files[q], { support: flags.support, data, dataName: flags.data, certify, budget: flags.budget, exhaustive: flags.accuracy }),
      );
      const report: AuditReport = {
        format: "two-circuits/audit@1",
        networks: audits,
        expectations: audits.flatMap((a) => expects.map((e) => checkExpectation(a, e))),
      };
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatAuditReport(report));
      const failed = report.expectations.filter((e) => !e.holds);
      if (failed.length > 0) {
        if (flags.json) for (const e of failed) process.stderr.write(`two-circuits: ${e.file}: expected ${e.expect}: ${e.why}\n`);
        process.exitCode = 1;
      }
    });
}
