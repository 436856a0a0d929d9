import { readFileSync } from "node:fs";

/** The parts of the WebAssembly API used here (the project's lib settings do not declare it). */
const { WebAssembly: WA } = globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } };
};

/**
 * Instantiates a kernel compiled by scripts/build-wasm.mjs into dist/wasm/, trying each
 * candidate path relative to `from` (the caller's import.meta.url), so that the same code
 * finds it from the build and from the TypeScript sources under vitest. Null when the
 * module was not built: callers then keep to their TypeScript twins.
 */
export function loadWasmModule<Exports>(name: string, from: string): Exports | null {
  for (const rel of [`../../../wasm/${name}`, `../../../dist/wasm/${name}`]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(new URL(rel, from));
    } catch {
      continue;
    }
    return new WA.Instance(new WA.Module(bytes), {}).exports as Exports;
  }
  return null;
}
