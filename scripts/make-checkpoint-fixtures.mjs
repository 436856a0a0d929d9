#!/usr/bin/env node
// Regenerates fixtures/checkpoints: trains the paper config (5 seeds, 300 epochs) unless
// --run names a finished run of it, then stores each seed's memorisation-epoch and
// final-epoch networks (F32 safetensors), its data file and manifest.json.
// Usage: npm run build && node scripts/make-checkpoint-fixtures.mjs [--run DIR] [--out DIR] [--threads N]
import { parseArgs } from "node:util";
import { makeCheckpointFixtures } from "../dist/src/audit/checkpoint-fixtures.js";
import { InputError } from "../dist/src/errors.js";

const { values } = parseArgs({ options: { run: { type: "string" }, out: { type: "string", default: "fixtures/checkpoints" }, threads: { type: "string" } } });
try {
  const manifest = await makeCheckpointFixtures({ run: values.run, out: values.out, threads: values.threads ? Number(values.threads) : undefined });
  for (const c of manifest.checkpoints) console.log(`${c.file}: seed ${c.seed}, ${c.phase} epoch ${c.epoch}, train acc ${c.trainAcc}, test acc ${c.testAcc}`);
} catch (e) {
  if (e instanceof InputError) {
    console.error(`make-checkpoint-fixtures: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
