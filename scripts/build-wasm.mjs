// Compiles the WebAssembly SIMD training kernel (assembly/train-kernel.ts, the twin of
// src/train/kernel/'s TypeScript loops) to dist/wasm/train-kernel.wasm. Run by
// `npm run build`; without it the package falls back to the TypeScript kernel.
import asc from "assemblyscript/asc";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "wasm", "train-kernel.wasm");
mkdirSync(dirname(out), { recursive: true });
const { error, stderr } = await asc.main(
  [join(root, "assembly", "train-kernel.ts"), "--outFile", out, "-O3", "--runtime", "stub", "--noAssert", "--enable", "simd", "--initialMemory", "1024"],
  {},
);
if (error) {
  process.stderr.write(stderr.toString());
  process.stderr.write(`build-wasm: ${error.message}\n`);
  process.exit(1);
}
