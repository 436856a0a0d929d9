import { readFileSync } from "node:fs";
import { createNetwork, type Network } from "../net/network.js";
import { defineSchema, type Infer } from "./schema.js";
import { InputError } from "../errors.js";
import { decodeToFloat64, encode, parseSafetensors, serialize, type Tensor } from "./safetensors.js";
import { writeFileAtomic, writeJsonAtomic } from "./atomic.js";

/** A small network as JSON: W as p rows of n, b and u of length p. */
export const CheckpointSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "n", "p", "W", "b", "u"],
  properties: {
    format: { const: "two-circuits/checkpoint@1" },
    n: { type: "integer", minimum: 1 },
    p: { type: "integer", minimum: 0 },
    W: { type: "array", items: { type: "array", items: { type: "number" } } },
    b: { type: "array", items: { type: "number" } },
    u: { type: "array", items: { type: "number" } },
    meta: { type: "object", additionalProperties: { type: ["string", "number", "boolean", "null", "array"] } },
  },
} as const);

export type Checkpoint = Infer<typeof CheckpointSchema>;

/** The reference model's state_dict names (the authors' PyTorch code): linear1 = (W, b), linear2 = u without bias. */
export interface TensorNames {
  readonly W: string;
  readonly b: string;
  readonly u: string;
}

export const PYTORCH_NAMES: TensorNames = { W: "linear1.weight", b: "linear1.bias", u: "linear2.weight" };

function checkShapeAndFinite(net: Network, what: string): Network {
  for (const [name, a] of [["W", net.W], ["b", net.b], ["u", net.u]] as const) {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) throw new InputError(`${what}: ${name} has a non-finite value (${a[i]}) at flat index ${i}`);
    }
  }
  return net;
}

export function checkpointToNetwork(c: Checkpoint, what: string): Network {
  if (c.W.length !== c.p) throw new InputError(`${what}: W has ${c.W.length} rows but p is ${c.p}`);
  if (c.b.length !== c.p) throw new InputError(`${what}: b has ${c.b.length} entries but p is ${c.p}`);
  if (c.u.length !== c.p) throw new InputError(`${what}: u has ${c.u.length} entries but p is ${c.p}`);
  const net = createNetwork(c.n, c.p);
  c.W.forEach((row, i) => {
    if (row.length !== c.n) throw new InputError(`${what}: row ${i} of W has ${row.length} entries but n is ${c.n}`);
    net.W.set(row, i * c.n);
  });
  net.b.set(c.b);
  net.u.set(c.u);
  return checkShapeAndFinite(net, what);
}

export function networkToCheckpoint(net: Network, meta?: Record<string, string | number | boolean | null>): Checkpoint {
  const W: number[][] = [];
  for (let i = 0; i < net.p; i++) W.push(Array.from(net.W.subarray(i * net.n, (i + 1) * net.n)));
  return { format: "two-circuits/checkpoint@1", n: net.n, p: net.p, W, b: Array.from(net.b), u: Array.from(net.u), ...(meta ? { meta } : {}) };
}

/** Reads W [p, n], b [p] and u [1, p] (or [p]) from safetensors bytes, float32 or float64 (or any numeric dtype). */
export function networkFromSafetensors(bytes: Uint8Array, what: string, names: TensorNames = PYTORCH_NAMES): Network {
  const file = parseSafetensors(bytes, what);
  const get = (name: string): Tensor => {
    const t = file.tensor(name);
    if (!t) throw new InputError(`${what}: no tensor named '${name}' (found: ${[...file.header.tensors.keys()].join(", ") || "none"}); map names with --names`);
    if (t.dtype === "BOOL") throw new InputError(`${what}: tensor '${name}' has dtype BOOL, expected a float`);
    return t;
  };
  const W = get(names.W);
  const b = get(names.b);
  const u = get(names.u);
  if (W.shape.length !== 2) throw new InputError(`${what}: '${names.W}' must have shape [p, n], got [${W.shape.join(", ")}]`);
  const [p, n] = W.shape;
  if (n < 1) throw new InputError(`${what}: '${names.W}' has no input columns`);
  if (b.shape.length !== 1 || b.shape[0] !== p) throw new InputError(`${what}: '${names.b}' must have shape [${p}], got [${b.shape.join(", ")}]`);
  const uOk = (u.shape.length === 2 && u.shape[0] === 1 && u.shape[1] === p) || (u.shape.length === 1 && u.shape[0] === p);
  if (!uOk) throw new InputError(`${what}: '${names.u}' must have shape [1, ${p}], got [${u.shape.join(", ")}]`);
  const net: Network = { n, p, W: decodeToFloat64(W.data, W.dtype), b: decodeToFloat64(b.data, b.dtype), u: decodeToFloat64(u.data, u.dtype) };
  return checkShapeAndFinite(net, what);
}

export function networkToSafetensors(net: Network, dtype: "F32" | "F64" = "F32", metadata: Record<string, string> = {}, names: TensorNames = PYTORCH_NAMES): Uint8Array[] {
  return serialize(
    [
      { name: names.W, dtype, shape: [net.p, net.n], data: encode(net.W, dtype) },
      { name: names.b, dtype, shape: [net.p], data: encode(net.b, dtype) },
      { name: names.u, dtype, shape: [1, net.p], data: encode(net.u, dtype) },
    ],
    metadata,
  );
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  return bytes.find((c) => c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09);
}

/**
 * A safetensors file starts with a header length L that fits the file, followed by
 * '{'. Its first byte is L's low byte, which may itself be '{' (L ≡ 123 mod 256), so
 * the first byte alone cannot tell it from JSON; a JSON text's first 8 bytes read as
 * a length far beyond any file size.
 */
function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 9) return false;
  const len = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return 8n + len <= BigInt(bytes.length) && bytes[8] === 0x7b;
}

/** Loads a network from a `.safetensors` file or a JSON checkpoint, deciding by content. */
export function loadNetwork(path: string, names: TensorNames = PYTORCH_NAMES): Network {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!path.endsWith(".safetensors") && !looksLikeSafetensors(bytes) && firstNonSpace(bytes) === 0x7b /* { */) {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(bytes).toString("utf8"));
    } catch {
      throw new InputError(`${path}: not valid JSON`);
    }
    return checkpointToNetwork(CheckpointSchema.parse(json, path), path);
  }
  return networkFromSafetensors(bytes, path, names);
}

/** Saves a network; `.safetensors` paths get safetensors (state_dict names), anything else JSON. */
export function saveNetwork(path: string, net: Network, opts: { dtype?: "F32" | "F64"; metadata?: Record<string, string> } = {}): void {
  if (path.endsWith(".safetensors")) writeFileAtomic(path, networkToSafetensors(net, opts.dtype ?? "F32", opts.metadata ?? {}));
  else writeJsonAtomic(path, networkToCheckpoint(net, opts.metadata));
}
