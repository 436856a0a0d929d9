import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/io/atomic.js";
import { loadNetwork } from "../src/io/checkpoint.js";
import { loadDatasetFile } from "../src/data/dataset-file.js";
import { evaluate } from "../src/net/network.js";
import { RandomStream } from "../src/random/stream.js";
import { FixtureManifestSchema } from "../src/audit/checkpoint-fixtures.js";
import { certifyParity } from "../src/audit/certify-parity.js";
import { auditNetwork } from "../src/audit/audit-network.js";
import { median } from "./median.js";

/**
 * `npm run bench:audit` (build first):
 *
 * 1. certifying that a grokked paper network (p = 1000, n = 40; the final checkpoint of
 *    each fixture seed) computes parity on all 2^40 inputs; target ≤ 2 s per network;
 * 2. the whole audit (active subnetwork, support, per-neuron structure and arity, class,
 *    and the three certificates) of the 10 fixture checkpoints, files loaded included;
 *    target ≤ 5 s.
 *
 * Baseline: brute force, 2^40 plain evaluations of the network, extrapolated from the
 * measured time of one evaluation (running it would take days). Figures are medians of
 * several runs on a shared 2-core machine.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "fixtures", "checkpoints");
const RUNS = 5;
const AUDIT_RUNS = 3;
const TARGET_CERTIFY_SECONDS = 2;
const TARGET_AUDIT_SECONDS = 5;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const manifest = FixtureManifestSchema.parse(JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")), "manifest.json");

function bruteForceSecondsPerEvaluation(): number {
  const net = loadNetwork(join(FIXTURES, manifest.checkpoints.find((c) => c.phase === "final")!.file));
  const rng = new RandomStream(0, "arbitrary");
  const xs = Array.from({ length: 2000 }, () => Int8Array.from({ length: net.n }, () => rng.sign()));
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (const x of xs) sink += Math.sign(evaluate(net, x));
    times.push(seconds(t0) / xs.length);
  }
  if (Number.isNaN(sink)) throw new Error("unreachable");
  return median(times);
}

function certifyEach() {
  return manifest.checkpoints
    .filter((c) => c.phase === "final")
    .map((c) => {
      const net = loadNetwork(join(FIXTURES, c.file));
      const runs: number[] = [];
      let verdict = "";
      let nodes = 0;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const cert = certifyParity(net, c.support);
        runs.push(round(seconds(t0)));
        verdict = cert.verdict;
        nodes = cert.nodes;
      }
      return { file: c.file, verdict, nodes, runs, medianSeconds: median(runs) };
    });
}

function auditAll() {
  const runs: number[] = [];
  let table: { file: string; size: number; class: string; restrictedClass: string; f: string; fk: string; agreement: string }[] = [];
  for (let r = 0; r < AUDIT_RUNS; r++) {
    const t0 = performance.now();
    table = manifest.checkpoints.map((c) => {
      const data = loadDatasetFile(join(FIXTURES, c.data), ["train"]).dataset;
      const a = auditNetwork(loadNetwork(join(FIXTURES, c.file)), c.file, { data, dataName: c.data, certify: true });
      return {
        file: c.file,
        size: a.activeSubnetwork.size,
        class: a.class.name,
        restrictedClass: a.restrictedClass.name,
        f: a.certification!.verdict,
        fk: a.activeSubnetwork.certification!.verdict,
        agreement: a.activeSubnetwork.agreement!.verdict,
      };
    });
    runs.push(round(seconds(t0)));
  }
  return { runs, medianSeconds: median(runs), table };
}

const perEvaluation = bruteForceSecondsPerEvaluation();
const bruteForceSeconds = perEvaluation * 2 ** 40;
const certify = certifyEach();
const worst = Math.max(...certify.map((c) => c.medianSeconds));
const audit = auditAll();
const result = {
  benchmark: "audit",
  machine: "shared 2-core machine; other jobs may be running, so figures are medians",
  baseline: {
    what: "brute force: 2^40 plain evaluations of one p = 1000, n = 40 network, extrapolated from the median time of one evaluation",
    secondsPerEvaluation: perEvaluation,
    seconds: round(bruteForceSeconds, 0),
  },
  certifyOneNetwork: {
    what: "certifyParity (sgn f = parity on all 2^40 inputs) on each grokked fixture network, median of runs",
    networks: certify,
    worstMedianSeconds: worst,
    targetSeconds: TARGET_CERTIFY_SECONDS,
    meetsTarget: worst <= TARGET_CERTIFY_SECONDS,
    speedupOverBruteForce: round(bruteForceSeconds / worst, 0),
  },
  auditTenCheckpoints: {
    what: "auditNetwork with --data and --certify semantics on all 10 fixture checkpoints (memorisation and final epoch of 5 seeds), loading included",
    ...audit,
    targetSeconds: TARGET_AUDIT_SECONDS,
    meetsTarget: audit.medianSeconds <= TARGET_AUDIT_SECONDS,
    speedupOverBruteForce: round((10 * bruteForceSeconds) / audit.medianSeconds, 0),
  },
};
writeJsonAtomic(join(ROOT, "bench", "results", "audit.json"), result);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
