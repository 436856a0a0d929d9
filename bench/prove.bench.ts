import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/io/atomic.js";
import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { proposition1, thresholdNetwork } from "../spec/index.js";
import { verifyBySupport } from "../proofs/verify.js";
import { ZERO, add, fromFloat64, integer, mul, sign, type Rational } from "../proofs/rational.js";
import { minimumWidth, searchWidth } from "../proofs/min-width.js";
import { thresholdCensus } from "../proofs/threshold-sets.js";
import { loadSolver } from "../proofs/lp-solver.js";
import { median } from "./median.js";

/**
 * `npm run bench:prove` (build first: npx tsc -p .). Targets (issue 4): Proposition 1 for
 * every k ≤ 12 and the threshold network for every k ≤ 20 (n = k + 24), exact, ≤ 10 s in
 * total; the k = 3 minimal-width proof ≤ 5 minutes. Baselines, measured in the same run:
 * plain exact rational evaluation of every pattern (no Gray code, no safe-integer path) on
 * the sizes it finishes quickly, and the k = 3 width-3 search without the symmetry quotient.
 */
const RUNS = 5;

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** The baseline: every pattern evaluated from scratch in BigInt rationals. */
function plainExactHolds(net: Network, task: ParityTask): boolean {
  const k = task.support.length;
  const W = Array.from(net.W, fromFloat64);
  const b = Array.from(net.b, fromFloat64);
  const u = Array.from(net.u, fromFloat64);
  for (let t = 0; t < 2 ** k; t++) {
    let f: Rational = ZERO;
    let y = 1;
    for (let i = 0; i < net.p; i++) {
      let h = b[i];
      task.support.forEach((c, j) => {
        const z = (t >> j) & 1 ? -1 : 1;
        h = add(h, mul(W[i * net.n + c], integer(z)));
      });
      if (sign(h) > 0) f = add(f, mul(u[i], h));
    }
    for (let j = 0; j < k; j++) if ((t >> j) & 1) y = -y;
    if (sign(f) !== y) return false;
  }
  return true;
}

interface Workload {
  readonly name: string;
  readonly k: number;
  readonly build: () => { net: Network; task: ParityTask };
}

const workloads: Workload[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ name: "proposition-1", k: i + 1, build: () => proposition1(i + 1, { n: i + 1 + 24 }) })),
  ...Array.from({ length: 20 }, (_, i) => ({ name: "threshold", k: i + 1, build: () => thresholdNetwork(i + 1, { n: i + 1 + 24 }) })),
];
const BASELINE_MAX_K: Record<string, number> = { "proposition-1": 8, threshold: 14 };

async function main(): Promise<void> {
  const built = workloads.map((w) => ({ ...w, ...w.build() }));
  for (const w of built) if (!verifyBySupport(w.net, w.task).holds) throw new Error(`${w.name} k=${w.k} does not hold`);

  const exactRuns: number[] = [];
  const perWorkload = built.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    exactRuns.push(time(() => built.forEach((w, i) => perWorkload[i].push(time(() => verifyBySupport(w.net, w.task))))));
  }
  const subset = built.filter((w) => w.k <= BASELINE_MAX_K[w.name]);
  const fastSubset: number[] = [];
  const baseSubset: number[] = [];
  for (let r = 0; r < 3; r++) {
    fastSubset.push(time(() => subset.forEach((w) => verifyBySupport(w.net, w.task))));
    baseSubset.push(time(() => subset.forEach((w) => {
      if (!plainExactHolds(w.net, w.task)) throw new Error("baseline disagrees");
    })));
  }

  await loadSolver();
  const minRuns: number[] = [];
  let last = await minimumWidth(3);
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    last = await minimumWidth(3);
    minRuns.push(performance.now() - t);
  }
  if (last.minimumWidth === null) throw new Error("the k = 3 minimal-width proof did not complete");
  const census = thresholdCensus(3);
  const quotiented = searchWidth(3, 3, census.threshold);
  const unquotiented = searchWidth(3, 3, census.threshold, { quotient: false });
  if (unquotiented.witness || unquotiented.unproven) throw new Error("the unquotiented search disagrees");

  const result = {
    benchmark: "prove",
    date: new Date().toISOString(),
    node: process.version,
    runs: RUNS,
    exactVerification: {
      workloads: "proposition-1 k = 1..12 and threshold k = 1..20, n = k + 24, method (a)",
      totalMedianMs: median(exactRuns),
      targetMs: 10_000,
      withinTarget: median(exactRuns) <= 10_000,
      perWorkloadMedianMs: built.map((w, i) => ({ construction: w.name, k: w.k, n: w.task.n, p: w.net.p, patterns: 2 ** w.k, medianMs: median(perWorkload[i]) })),
      baseline: {
        what: "plain BigInt-rational evaluation of every pattern from scratch",
        subset: "proposition-1 k ≤ 8, threshold k ≤ 14",
        baselineMedianMs: median(baseSubset),
        fastMedianMs: median(fastSubset),
        ratio: median(baseSubset) / median(fastSubset),
      },
    },
    minimumWidthK3: {
      minimumWidth: last.minimumWidth,
      proposition3Optimal: last.minimumWidth === 4,
      medianMs: median(minRuns),
      targetMs: 300_000,
      withinTarget: median(minRuns) <= 300_000,
      thresholdSets: last.thresholdSets,
      provedNonThreshold: last.provedNonThreshold,
      searches: last.searches.map((s) => ({ width: s.width, configurations: s.configurations, covered: s.covered, orbits: s.orbits, farkasProved: s.farkasProved, unproven: s.unproven, ms: s.ms })),
      control: last.control && { width: last.control.width, orbitsUntilWitness: last.control.orbits, found: last.control.witness !== null, ms: last.control.ms },
      baseline: {
        what: "the width-3 search without the symmetry quotient (one LP per covered configuration)",
        baselineLPs: unquotiented.farkasProved,
        baselineMs: unquotiented.ms,
        quotientedLPs: quotiented.orbits,
        quotientedMs: quotiented.ms,
        ratio: unquotiented.ms / quotiented.ms,
      },
    },
  };
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = join(here, "..", "..", "bench", "results");
  mkdirSync(outDir, { recursive: true });
  writeJsonAtomic(join(outDir, "prove.json"), result);
  process.stdout.write(`exact verification (Prop. 1 k ≤ 12, threshold k ≤ 20): median ${result.exactVerification.totalMedianMs.toFixed(0)} ms total (target 10 s); baseline ratio ${result.exactVerification.baseline.ratio.toFixed(1)}×\n`);
  process.stdout.write(`minimum width for k=3: ${last.minimumWidth}; proof median ${(result.minimumWidthK3.medianMs / 1000).toFixed(2)} s (target 300 s); symmetry quotient ${quotiented.orbits} vs ${unquotiented.farkasProved} LPs, ${result.minimumWidthK3.baseline.ratio.toFixed(1)}× faster\n`);
  process.stdout.write(`wrote ${join(outDir, "prove.json")}\n`);
}

await main();
