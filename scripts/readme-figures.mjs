#!/usr/bin/env node
// Copies the README's figures out of a reproduced run: `two-circuits reproduce --out runs/paper`
// writes them to runs/paper/report/, this puts the ones the README shows into docs/figures/.
// Usage: node scripts/readme-figures.mjs [RUN_DIR=runs/paper] [PREFIX=paper]
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const run = process.argv[2] ?? "runs/paper";
const prefix = process.argv[3] ?? "paper";
const figures = ["figure-2.png", "figure-3.png", "figure-5-seed-0.png"];
mkdirSync("docs/figures", { recursive: true });
for (const f of figures) {
  const from = join(run, "report", f);
  if (!existsSync(from)) {
    console.error(`readme-figures: ${from} is missing; run 'npx two-circuits reproduce --out ${run}' first`);
    process.exit(2);
  }
  copyFileSync(from, join("docs/figures", `${prefix}-${f}`));
  console.log(`docs/figures/${prefix}-${f}`);
}
