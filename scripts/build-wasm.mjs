// Compiles the WebAssembly SIMD kernels (assembly/train-kernel.ts, the twin of
// src/train/kernel/'s TypeScript loops, and assembly/analysis-kernel.ts, the twin of
// src/analysis/sensitivity.ts's flipped ReLUs) to dist/wasm/. Run by
// `npm run build`; without it the package falls back to the TypeScript kernel.
import asc from "assemblyscript/asc";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const flags = ["-O3", "--runtime", "stub", "--noAssert", "--enable", "simd"];
// The analysis kernel's memory is sized at instantiation so that it never grows: growing
// detaches the views JavaScript holds, after which V8 checks every typed-array access.
const modules = [
  { source: "train-kernel.ts", wasm: "train-kernel.wasm", extra: ["--initialMemory", "1024"] },
  { source: "analysis-kernel.ts", wasm: "analysis-kernel.wasm", extra: ["--initialMemory", "512"] },
];
for (const { source, wasm, extra } of modules) {
  const out = join(root, "dist", "wasm", wasm);
  mkdirSync(dirname(out), { recursive: true });
  const { error, stderr } = await asc.main([join(root, "assembly", source), "--outFile", out, ...flags, ...extra], {});
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${error.message}\n`);
    process.exit(1);
  }
}
