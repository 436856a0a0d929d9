import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";
import { InputError } from "../errors.js";

/** Whether typed arrays read little-endian bytes as they are (then float tensors are copied, not decoded one by one). */
const LITTLE_ENDIAN = endianness() === "LE";

/**
 * safetensors (https://huggingface.co/docs/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header, then the raw little-endian tensors. The
 * reader trusts nothing in the header: a length, offset, shape or dtype that does not
 * fit the file is an InputError, never a crash.
 */
export type Dtype = "F64" | "F32" | "F16" | "BF16" | "I64" | "I32" | "I16" | "I8" | "U8" | "BOOL";

export const DTYPE_BYTES: Record<Dtype, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1,
};

/** safetensors' own limit on the header, which keeps a lying length from allocating gigabytes. */
export const MAX_HEADER_BYTES = 100_000_000;

export interface TensorInfo {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** Byte offsets into the data section, [begin, end). */
  readonly begin: number;
  readonly end: number;
}

export interface SafetensorsHeader {
  readonly tensors: ReadonlyMap<string, TensorInfo>;
  readonly metadata: Readonly<Record<string, string>>;
  /** Byte offset of the data section in the file: 8 + header length. */
  readonly dataStart: number;
}

/** Validates the header of a safetensors file of `fileSize` bytes whose first bytes are `head`. */
export function parseHeader(head: Uint8Array, fileSize: number, what: string): SafetensorsHeader {
  if (fileSize < 8 || head.length < 8) throw new InputError(`${what}: not a safetensors file (shorter than its 8-byte header length)`);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const lenBig = view.getBigUint64(0, true);
  if (lenBig > BigInt(MAX_HEADER_BYTES)) throw new InputError(`${what}: safetensors header length ${lenBig} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const len = Number(lenBig);
  if (8 + len > fileSize) throw new InputError(`${what}: safetensors header claims ${len} bytes but the file has only ${fileSize - 8} after the length`);
  if (head.length < 8 + len) throw new RangeError("parseHeader: head too short");
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(8, 8 + len)));
  } catch {
    throw new InputError(`${what}: safetensors header is not valid UTF-8 JSON`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new InputError(`${what}: safetensors header is not a JSON object`);
  const dataStart = 8 + len;
  const dataSize = fileSize - dataStart;
  const tensors = new Map<string, TensorInfo>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry) || Object.values(entry).some((v) => typeof v !== "string")) {
        throw new InputError(`${what}: __metadata__ must map strings to strings`);
      }
      metadata = entry as Record<string, string>;
      continue;
    }
    tensors.set(name, parseEntry(name, entry, dataSize, what));
  }
  const sorted = [...tensors.values()].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const t of sorted) {
    if (t.begin !== cursor) {
      throw new InputError(`${what}: tensor '${t.name}' starts at byte ${t.begin} of the data, expected ${cursor} (overlapping or gapped offsets)`);
    }
    cursor = t.end;
  }
  if (cursor !== dataSize) throw new InputError(`${what}: tensors cover ${cursor} bytes but the data section has ${dataSize} (truncated or padded file)`);
  return { tensors, metadata, dataStart };
}

function parseEntry(name: string, entry: unknown, dataSize: number, what: string): TensorInfo {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (entry === null || typeof entry !== "object") throw new InputError(`${what}: tensor '${name}' has no header entry object`);
  if (typeof e.dtype !== "string" || !Object.hasOwn(DTYPE_BYTES, e.dtype)) throw new InputError(`${what}: tensor '${name}' has unknown dtype ${JSON.stringify(e.dtype)}`);
  const dtype = e.dtype as Dtype;
  if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new InputError(`${what}: tensor '${name}' has an invalid shape`);
  const off = e.data_offsets;
  if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new InputError(`${what}: tensor '${name}' has invalid data_offsets`);
  const [begin, end] = off as [number, number];
  if (begin > end || end > dataSize) throw new InputError(`${what}: tensor '${name}' has data_offsets [${begin}, ${end}] outside the ${dataSize}-byte data section`);
  const count = (e.shape as number[]).reduce((a, d) => a * d, 1);
  if (count * DTYPE_BYTES[dtype] !== end - begin) {
    throw new InputError(`${what}: tensor '${name}' of shape [${(e.shape as number[]).join(", ")}] ${dtype} needs ${count * DTYPE_BYTES[dtype]} bytes but its offsets span ${end - begin}`);
  }
  return { name, dtype, shape: e.shape as number[], begin, end };
}

/** Decodes raw little-endian tensor bytes into float64 values. */
export function decodeToFloat64(bytes: Uint8Array, dtype: Dtype): Float64Array {
  const count = bytes.length / DTYPE_BYTES[dtype];
  if (LITTLE_ENDIAN && (dtype === "F32" || dtype === "F64")) {
    // A typed-array view needs an aligned offset; new Uint8Array(bytes) copies to a fresh buffer, at offset 0
    // (bytes.slice() would not: on a Buffer it is a view).
    const aligned = bytes.byteOffset % DTYPE_BYTES[dtype] === 0 ? bytes : new Uint8Array(bytes);
    return dtype === "F64" ? new Float64Array(new Float64Array(aligned.buffer, aligned.byteOffset, count)) : new Float64Array(new Float32Array(aligned.buffer, aligned.byteOffset, count));
  }
  const out = new Float64Array(count);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (dtype) {
    case "F64": for (let i = 0; i < count; i++) out[i] = v.getFloat64(8 * i, true); break;
    case "F32": for (let i = 0; i < count; i++) out[i] = v.getFloat32(4 * i, true); break;
    case "F16": for (let i = 0; i < count; i++) out[i] = halfToFloat(v.getUint16(2 * i, true)); break;
    case "BF16": for (let i = 0; i < count; i++) out[i] = bf16ToFloat(v.getUint16(2 * i, true)); break;
    case "I64": for (let i = 0; i < count; i++) out[i] = Number(v.getBigInt64(8 * i, true)); break;
    case "I32": for (let i = 0; i < count; i++) out[i] = v.getInt32(4 * i, true); break;
    case "I16": for (let i = 0; i < count; i++) out[i] = v.getInt16(2 * i, true); break;
    case "I8": for (let i = 0; i < count; i++) out[i] = v.getInt8(i); break;
    case "U8": case "BOOL": for (let i = 0; i < count; i++) out[i] = v.getUint8(i); break;
  }
  return out;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function bf16ToFloat(h: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setUint32(0, h << 16);
  return b.getFloat32(0);
}

/** Encodes values as little-endian bytes of the given float or integer dtype. */
export function encode(values: ArrayLike<number>, dtype: "F64" | "F32" | "I8" | "I32"): Uint8Array {
  const size = DTYPE_BYTES[dtype];
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (dtype === "F64") v.setFloat64(8 * i, values[i], true);
    else if (dtype === "F32") v.setFloat32(4 * i, values[i], true);
    else if (dtype === "I32") v.setInt32(4 * i, values[i], true);
    else v.setInt8(i, values[i]);
  }
  return out;
}

export interface TensorSpec {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
}

/** A header for tensors stored back to back in the given order; the header is padded with spaces to a multiple of 8 bytes. */
export function planLayout(specs: readonly TensorSpec[], metadata: Record<string, string> = {}): { header: Uint8Array; offsets: Map<string, [number, number]>; dataBytes: number } {
  const obj: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) obj.__metadata__ = metadata;
  const offsets = new Map<string, [number, number]>();
  let cursor = 0;
  for (const s of specs) {
    const bytes = s.shape.reduce((a, d) => a * d, 1) * DTYPE_BYTES[s.dtype];
    offsets.set(s.name, [cursor, cursor + bytes]);
    obj[s.name] = { dtype: s.dtype, shape: s.shape, data_offsets: [cursor, cursor + bytes] };
    cursor += bytes;
  }
  let json = JSON.stringify(obj);
  json += " ".repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const body = Buffer.from(json, "utf8");
  const header = new Uint8Array(8 + body.length);
  new DataView(header.buffer).setBigUint64(0, BigInt(body.length), true);
  header.set(body, 8);
  return { header, offsets, dataBytes: cursor };
}

export interface Tensor {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** The whole file as byte chunks (header first), ready for writeFileAtomic. */
export function serialize(tensors: readonly Tensor[], metadata: Record<string, string> = {}): Uint8Array[] {
  const { header } = planLayout(tensors, metadata);
  return [header, ...tensors.map((t) => t.data)];
}

/** Parses a whole safetensors file held in memory. */
export function parseSafetensors(bytes: Uint8Array, what: string): { header: SafetensorsHeader; tensor(name: string): Tensor | undefined } {
  const header = parseHeader(bytes, bytes.length, what);
  return {
    header,
    tensor(name: string) {
      const t = header.tensors.get(name);
      if (!t) return undefined;
      return { name, dtype: t.dtype, shape: t.shape, data: bytes.subarray(header.dataStart + t.begin, header.dataStart + t.end) };
    },
  };
}

/** Random access to a large safetensors file without reading it whole. */
export class SafetensorsFile {
  readonly header: SafetensorsHeader;
  private readonly fd: number;

  constructor(readonly path: string, what = path) {
    this.fd = openSync(path, "r");
    try {
      const size = fstatSync(this.fd).size;
      const first = Buffer.alloc(Math.min(size, 8));
      readSync(this.fd, first, 0, first.length, 0);
      let headLen = 8;
      if (size >= 8) {
        const len = first.readBigUInt64LE(0);
        headLen = len > BigInt(MAX_HEADER_BYTES) || 8n + len > BigInt(size) ? 8 : 8 + Number(len);
      }
      const head = Buffer.alloc(Math.min(headLen, size));
      readSync(this.fd, head, 0, head.length, 0);
      this.header = parseHeader(head, size, what);
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  has(name: string): boolean {
    return this.header.tensors.has(name);
  }

  info(name: string): TensorInfo {
    const t = this.header.tensors.get(name);
    if (!t) throw new InputError(`${this.path}: no tensor named '${name}'`);
    return t;
  }

  read(name: string): Tensor {
    const t = this.info(name);
    const data = new Uint8Array(t.end - t.begin);
    let off = 0;
    while (off < data.length) {
      const got = readSync(this.fd, data, off, data.length - off, this.header.dataStart + t.begin + off);
      if (got === 0) throw new InputError(`${this.path}: file ended inside tensor '${name}'`);
      off += got;
    }
    return { name, dtype: t.dtype, shape: t.shape, data };
  }

  readFloat64(name: string): Float64Array {
    const t = this.read(name);
    return decodeToFloat64(t.data, t.dtype);
  }

  close(): void {
    closeSync(this.fd);
  }
}
