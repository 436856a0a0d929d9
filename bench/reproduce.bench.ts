import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/io/atomic.js";
import { median } from "./median.js";

/**
 * `npm run bench:reproduce` (build first: npx tsc -p .): the README's main job,
 * `two-circuits reproduce --out DIR` on the paper preset (train 5 seeds, analyse every
 * epoch, write the report with its figures), as a user runs it: a fresh process and a new
 * directory each time. Target (issue 3): ≤ 30 s wall on 2 cores. Baseline: the authors'
 * PyTorch training and analysis of 5 seeds, 447 s (../shared/PERFORMANCE.md; torch is not
 * installed here, so it is quoted, not re-measured).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = 3;
const TARGET_SECONDS = 30;
const AUTHORS_SECONDS = 447;

function main(): void {
  const startLoad = loadavg();
  const cli = join(ROOT, "dist", "src", "cli", "main.js");
  const seconds: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const parent = mkdtempSync(join(tmpdir(), "two-circuits-bench-"));
    try {
      const t = performance.now();
      const run = spawnSync(process.execPath, [cli, "reproduce", "--out", join(parent, "paper")], { encoding: "utf8" });
      seconds.push((performance.now() - t) / 1000);
      if (run.status !== 0) throw new Error(`reproduce exited with ${run.status}: ${run.stderr}`);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
    process.stdout.write(`run ${r + 1}/${RUNS}: ${seconds[r].toFixed(1)} s\n`);
  }
  const med = median(seconds);
  const result = {
    benchmark: "reproduce",
    date: new Date().toISOString(),
    node: process.version,
    machine: "shared 2-core machine; other jobs may run at the same time (load averages at start and end below)",
    loadAverage: { start: startLoad, end: loadavg() },
    work: "two-circuits reproduce --out DIR (paper preset): train 5 seeds × 300 epochs, analyse every epoch, write report.html with Figures 2, 3 and 5 as SVG and PNG; a fresh process and directory per run",
    runs: RUNS,
    secondsPerRun: seconds,
    medianSeconds: med,
    targetSeconds: TARGET_SECONDS,
    withinTarget: med <= TARGET_SECONDS,
    baselines: { authorsPyTorch: { seconds: AUTHORS_SECONDS, source: "../shared/PERFORMANCE.md: train + analysis, 5 seeds (not re-measured: torch is not installed here)", ratio: AUTHORS_SECONDS / med } },
  };
  const out = join(ROOT, "bench", "results", "reproduce.json");
  writeJsonAtomic(out, result);
  process.stdout.write(`median ${med.toFixed(1)} s (target ${TARGET_SECONDS} s; authors ${AUTHORS_SECONDS} s, ×${(AUTHORS_SECONDS / med).toFixed(0)}); written to ${out}\n`);
}

main();
