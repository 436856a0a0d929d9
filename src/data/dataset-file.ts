import { readFileSync } from "node:fs";
import type { Dataset } from "./dataset.js";
import { decodeToFloat64, encode, parseSafetensors, serialize, type Tensor } from "../io/safetensors.js";
import { InputError } from "../errors.js";

/**
 * Datasets on disk: safetensors with `<prefix>.X` [size, n] and `<prefix>.y` [size] (I8, ±1).
 * A run stores `train` and `test` in one file; a user's `--data FILE` may hold either
 * prefix, or plain `X` and `y`.
 */
export function datasetTensors(prefix: string, data: Dataset): Tensor[] {
  const p = prefix === "" ? "" : `${prefix}.`;
  return [
    { name: `${p}X`, dtype: "I8", shape: [data.size, data.n], data: encode(data.X, "I8") },
    { name: `${p}y`, dtype: "I8", shape: [data.size], data: encode(data.y, "I8") },
  ];
}

export function serializeDatasets(sets: Record<string, Dataset>, metadata: Record<string, string> = {}): Uint8Array[] {
  return serialize(Object.entries(sets).flatMap(([prefix, d]) => datasetTensors(prefix, d)), metadata);
}

function toSigns(values: Float64Array, name: string, what: string): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 1 && v !== -1) throw new InputError(`${what}: '${name}' must hold only ±1, found ${v} at flat index ${i}`);
    out[i] = v;
  }
  return out;
}

/** Reads the dataset stored under `prefix` (tries `prefix.X`, then plain `X`). */
export function readDataset(bytes: Uint8Array, what: string, prefixes: readonly string[] = ["train", "", "test"]): { dataset: Dataset; prefix: string; metadata: Record<string, string> } {
  const file = parseSafetensors(bytes, what);
  for (const prefix of prefixes) {
    const p = prefix === "" ? "" : `${prefix}.`;
    const X = file.tensor(`${p}X`);
    const y = file.tensor(`${p}y`);
    if (!X || !y) continue;
    if (X.shape.length !== 2 || y.shape.length !== 1 || y.shape[0] !== X.shape[0]) {
      throw new InputError(`${what}: '${p}X' must be [size, n] and '${p}y' [size]; got [${X.shape.join(", ")}] and [${y.shape.join(", ")}]`);
    }
    if (X.dtype === "BOOL" || y.dtype === "BOOL") throw new InputError(`${what}: dataset tensors must be numeric`);
    const dataset: Dataset = { n: X.shape[1], size: X.shape[0], X: toSigns(decodeToFloat64(X.data, X.dtype), `${p}X`, what), y: toSigns(decodeToFloat64(y.data, y.dtype), `${p}y`, what) };
    return { dataset, prefix, metadata: { ...file.header.metadata } };
  }
  throw new InputError(`${what}: no dataset found (expected tensors ${prefixes.map((p) => (p ? `${p}.X/${p}.y` : "X/y")).join(" or ")})`);
}

export function loadDatasetFile(path: string, prefixes?: readonly string[]): { dataset: Dataset; prefix: string; metadata: Record<string, string> } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return readDataset(bytes, path, prefixes);
}
