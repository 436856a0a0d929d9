import type { Command } from "commander";
import { existsSync } from "node:fs";
import { InputError } from "../../errors.js";
import { parseIndexList, parseInteger } from "../options.js";
import { randomSupport, type ParityTask } from "../../data/parity.js";
import { loadNetwork } from "../../io/checkpoint.js";
import type { Network } from "../../net/network.js";
import { CONSTRUCTIONS, firstBits, parityClaim, type Construction } from "../../../spec/index.js";
import { decide, verifyByBruteForce, verifyBySupport, type Verdict } from "../../../proofs/verify.js";
import { certify, writeCertificate } from "../../../proofs/certificate.js";
import { checkCertificate } from "../../../proofs/check-certificate.js";
import { checkMinWidthCertificate } from "../../../proofs/check-min-width.js";
import { readCertificateFile } from "../../../proofs/certificate-file.js";
import { toText } from "../../../proofs/rational.js";

/** The largest k each construction is proved for here (2^k patterns; Proposition 1 also has 2^k neurons). */
const MAX_K: Record<string, number> = { "proposition-1": 14, threshold: 24 };

interface ProveOptions {
  prop: string;
  k?: number;
  n?: number;
  support?: string;
  network?: string;
  method: string;
  out?: string;
  force?: boolean;
  minWidth?: boolean;
}

const PROP_NAMES: Record<string, string[]> = {
  "1": ["proposition-1"],
  "2": ["proposition-2"],
  "3": ["proposition-3"],
  threshold: ["threshold"],
  all: ["proposition-1", "proposition-2", "proposition-3", "threshold"],
};

function supportFrom(spec: string | undefined, n: number, k: number | undefined): number[] {
  if (spec === undefined) return firstBits(k ?? 3);
  const m = /^random(?::(\d+))?$/.exec(spec.trim());
  if (m) {
    const kk = k ?? 3;
    if (kk > n) throw new InputError(`--support random: k = ${kk} exceeds n = ${n}`);
    return randomSupport(n, kk, m[1] === undefined ? 0 : Number(m[1]));
  }
  return parseIndexList("--support")(spec);
}

function describe(name: string, v: Verdict): string {
  const { task } = v;
  const head = `${name} (n=${task.n}, k=${task.support.length}, S=[${task.support.join(",")}])`;
  const how = v.method === "brute-force" ? `${v.cases} inputs, brute force` : `${v.cases} support patterns, support lemma + 2^k patterns`;
  if (v.holds) return `${head}: HOLDS — minimum margin ${toText(v.minMargin)} over ${how}`;
  const cx = v.counterexample!;
  return `${head}: FAILS — counterexample: support bits [${cx.pattern.join(",")}] (every other bit +1 for (a)), f(x) = ${toText(cx.output)}, parity ${cx.parity > 0 ? "+1" : "-1"} [${how}]`;
}

function runVerdict(net: Network, task: ParityTask, method: string): Verdict[] {
  if (method === "support") return [verifyBySupport(net, task)];
  if (method === "brute-force") return [verifyByBruteForce(net, task)];
  if (method === "both") {
    const a = verifyBySupport(net, task);
    const b = verifyByBruteForce(net, task);
    if (a.holds !== b.holds) throw new Error(`methods (a) and (b) disagree on ${JSON.stringify(task)}`);
    return [a, b];
  }
  const v = decide(net, task);
  if (!v) throw new InputError(`cannot decide: the support lemma does not apply (a weight outside S is nonzero) and n = ${task.n} > 20 is too large for brute force`);
  return [v];
}

async function prove(opts: ProveOptions): Promise<void> {
  if (!["auto", "support", "brute-force", "both"].includes(opts.method)) throw new InputError(`--method must be auto, support, brute-force or both, got '${opts.method}'`);
  if (opts.minWidth) {
    const { minimumWidthCommand } = await import("../../../proofs/min-width-report.js");
    if (opts.k === undefined) throw new InputError("--min-width needs --k (1, 2 or 3)");
    process.exitCode = await minimumWidthCommand(opts.k, (line) => process.stdout.write(line + "\n"), { out: opts.out, force: opts.force });
    return;
  }
  if (opts.out !== undefined && existsSync(opts.out) && !opts.force) throw new InputError(`${opts.out} exists; pass --force to overwrite it`);
  const loaded = opts.network !== undefined ? loadNetwork(opts.network) : null;
  const n = opts.n ?? loaded?.n ?? 40;
  if (n < 1 || n > 1_000_000) throw new InputError(`--n must be between 1 and 1000000, got ${n}`);
  const support = supportFrom(opts.support, n, opts.k);
  if (opts.k !== undefined && opts.k !== support.length) throw new InputError(`--k ${opts.k} but --support has ${support.length} coordinates`);
  const k = support.length;
  const task = parityClaim(n, support);

  if (loaded !== null && opts.network !== undefined) {
    const net = loaded;
    if (opts.out !== undefined) throw new InputError("--out writes certificates of constructions only (method (a)); verify a checkpoint without --out");
    let failed = false;
    for (const v of runVerdict(net, task, opts.method)) {
      process.stdout.write(describe(opts.network, v) + "\n");
      failed ||= !v.holds;
    }
    if (failed) process.exitCode = 1;
    return;
  }

  const names = PROP_NAMES[opts.prop];
  if (!names) throw new InputError(`--prop must be 1, 2, 3, threshold or all, got '${opts.prop}'`);
  const chosen: Construction[] = CONSTRUCTIONS.filter((c) => names.includes(c.name));
  if (opts.out !== undefined && chosen.length !== 1) throw new InputError("--out writes one certificate: choose one --prop");
  let failed = false;
  for (const c of chosen) {
    if (c.onlyK !== null && c.onlyK !== k) {
      if (opts.prop !== "all") throw new InputError(`${c.title} is stated for k = ${c.onlyK} only, got k = ${k}`);
      process.stdout.write(`${c.name}: stated for k = ${c.onlyK} only; skipped for k = ${k}\n`);
      continue;
    }
    const max = MAX_K[c.name];
    if (max !== undefined && k > max) {
      if (opts.prop !== "all") throw new InputError(`${c.name}: k = ${k} is too large (at most ${max} here)`);
      process.stdout.write(`${c.name}: k = ${k} is too large (at most ${max} here); skipped\n`);
      continue;
    }
    const { net } = c.build(k, { n, support });
    if (opts.out !== undefined) {
      const cert = certify(c.name, net, task);
      writeCertificate(opts.out, cert);
      process.stdout.write(`certificate written to ${opts.out}\n`);
    }
    for (const v of runVerdict(net, task, opts.method)) {
      process.stdout.write(describe(c.name, v) + "\n");
      failed ||= !v.holds;
    }
  }
  if (failed) process.exitCode = 1;
}

function checkCertificateCommand(file: string): void {
  const read = readCertificateFile(file);
  if (read.kind === "min-width") {
    const c = read.certificate;
    const r = checkMinWidthCertificate(c);
    if (!r.ok) {
      process.stdout.write(`${file}: minimal-width certificate (k=${c.k}, m=${c.minimumWidth}) does NOT check:\n`);
      for (const p of r.problems.slice(0, 20)) process.stdout.write(`  ${p}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${file}: minimum width for k=${c.k}: ${c.minimumWidth} — re-verified independently (${r.refutationsChecked} Farkas vectors, ${r.configurationsCovered} covered configurations matched up to symmetry, witness exact)\n`);
    return;
  }
  const cert = read.certificate;
  const r = checkCertificate(cert);
  const claim = `${cert.construction} (n=${cert.claim.n}, k=${cert.claim.k}, S=[${cert.claim.support.join(",")}])`;
  if (!r.consistent) {
    process.stdout.write(`${file}: certificate of ${claim} does NOT check:\n`);
    for (const p of r.problems.slice(0, 20)) process.stdout.write(`  ${p}\n`);
    if (r.problems.length > 20) process.stdout.write(`  … and ${r.problems.length - 20} more\n`);
    process.exitCode = 1;
    return;
  }
  if (!r.claimHolds) {
    const cx = r.counterexample!;
    process.stdout.write(`${file}: ${claim} FAILS — counterexample: support bits [${cx.pattern.join(",")}], f = ${cx.output}, parity ${cx.parity > 0 ? "+1" : "-1"}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${file}: ${claim} HOLDS — ${r.patterns} patterns re-verified independently, minimum margin ${r.minMargin}\n`);
}

export function registerProve(program: Command): void {
  program
    .command("prove")
    .description("prove exactly that a construction of Appendix D (or a checkpoint) computes (n, k)-parity, or find the minimum width")
    .option("--prop <which>", "1, 2, 3, threshold or all", "all")
    .option("--k <K>", "parity size k (default 3, or the size of --support)", parseInteger("--k"))
    .option("--n <N>", "input dimension (default 40)", parseInteger("--n"))
    .option("--support <list>", "support S: comma-separated coordinates, or random[:SEED] (default: the first k bits)")
    .option("--network <FILE>", "verify a checkpoint (JSON or safetensors) instead of a construction")
    .option("--method <m>", "auto, support (a), brute-force (b, n ≤ 20) or both", "auto")
    .option("--out <FILE>", "write the certificate (one construction, or the minimal-width proof)")
    .option("--force", "overwrite --out")
    .option("--min-width", "prove the least number of hidden ReLUs that compute k-parity (k ≤ 3)")
    .action(async (opts: ProveOptions) => prove(opts));
  program
    .command("check-certificate")
    .description("re-verify a parity certificate with the independent checker")
    .argument("<FILE>", "certificate JSON")
    .action((file: string) => checkCertificateCommand(file));
}
