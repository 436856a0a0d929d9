import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { parseSafetensors, serialize, encode, decodeToFloat64, MAX_HEADER_BYTES } from "../../src/io/safetensors.js";
import { CheckpointSchema, checkpointToNetwork, loadNetwork, networkFromSafetensors, networkToCheckpoint, networkToSafetensors } from "../../src/io/checkpoint.js";
import { readDataset, serializeDatasets } from "../../src/data/dataset-file.js";
import { reluNetwork, parityDataset } from "../../src/testing/index.js";
import type { Network } from "../../src/net/network.js";

/** Runs a reader: it must return or throw an InputError with a one-line message; anything else is a crash. */
function outcome<T>(read: () => T): { ok: T } | { error: string } {
  try {
    return { ok: read() };
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`reader crashed instead of an InputError: ${(e as Error)?.stack ?? e}`);
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeGreaterThan(0);
    return { error: e.message };
  }
}

const concat = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));

function checkNetwork(net: Network): void {
  expect(net.W.length).toBe(net.p * net.n);
  expect(net.b.length).toBe(net.p);
  expect(net.u.length).toBe(net.p);
  for (const a of [net.W, net.b, net.u]) for (const v of a) expect(Number.isFinite(v)).toBe(true);
}

const smallNet = reluNetwork({ n: { min: 1, max: 6 }, p: { min: 1, max: 4 } });

/** A corruption of a byte string: flip bytes, truncate, extend, or overwrite the length field. */
const corruption = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("extend" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("length" as const), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
);

type Corruption = { kind: "flip"; at: number; value: number } | { kind: "truncate"; at: number } | { kind: "extend"; bytes: Uint8Array } | { kind: "length"; value: bigint };

function corrupt(bytes: Buffer, cs: readonly Corruption[]): Buffer {
  let out = Buffer.from(bytes);
  for (const c of cs) {
    if (c.kind === "flip" && out.length > 0) out[c.at % out.length] = c.value;
    else if (c.kind === "truncate") out = out.subarray(0, c.at % (out.length + 1));
    else if (c.kind === "extend") out = Buffer.concat([out, Buffer.from(c.bytes)]);
    else if (c.kind === "length" && out.length >= 8) out.writeBigUInt64LE(c.value, 0);
  }
  return out;
}

describe("safetensors reader never crashes", () => {
  it("random bytes: an InputError or a valid file", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void outcome(() => parseSafetensors(bytes, "fuzz"))), { numRuns: 500 });
  });

  it("a valid header length followed by random JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.uint8Array({ maxLength: 64 }), (header, data) => {
        const json = Buffer.from(JSON.stringify(header) ?? "null");
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(BigInt(json.length));
        void outcome(() => networkFromSafetensors(Buffer.concat([len, json, data]), "fuzz"));
      }),
      { numRuns: 300 },
    );
  });

  it("random header entries (dtypes, shapes, offsets, some lying)", () => {
    const entry = fc.record({
      dtype: fc.oneof(fc.constantFrom("F64", "F32", "F16", "BF16", "I64", "I32", "I8", "U8", "BOOL", "F8", "constructor", "toString", ""), fc.anything()),
      shape: fc.oneof(fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 3 }), fc.anything()),
      data_offsets: fc.oneof(fc.tuple(fc.integer({ min: -2, max: 200 }), fc.integer({ min: -2, max: 200 })), fc.anything()),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("linear1.weight", "linear1.bias", "linear2.weight", "__metadata__", "x"), entry), fc.nat({ max: 200 }), (header, dataSize) => {
        const json = Buffer.from(JSON.stringify(header));
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(BigInt(json.length));
        const r = outcome(() => networkFromSafetensors(Buffer.concat([len, json, Buffer.alloc(dataSize, 0x3f)]), "fuzz"));
        if ("ok" in r) checkNetwork(r.ok);
      }),
      { numRuns: 500 },
    );
  });

  it("random corruptions of a valid network file: an InputError, or a finite network of consistent shape", () => {
    fc.assert(
      fc.property(smallNet, fc.constantFrom("F32" as const, "F64" as const), fc.array(corruption, { minLength: 1, maxLength: 3 }), (net, dtype, cs) => {
        const bytes = corrupt(concat(networkToSafetensors(net, dtype)), cs);
        const r = outcome(() => networkFromSafetensors(bytes, "fuzz"));
        if ("ok" in r) checkNetwork(r.ok);
      }),
      { numRuns: 500 },
    );
  });

  it("round trip: F64 exactly, F32 as Math.fround", () => {
    fc.assert(
      fc.property(smallNet, (net) => {
        const back64 = networkFromSafetensors(concat(networkToSafetensors(net, "F64")), "rt");
        expect(Array.from(back64.W)).toEqual(Array.from(net.W));
        expect(Array.from(back64.u)).toEqual(Array.from(net.u));
        const back32 = networkFromSafetensors(concat(networkToSafetensors(net, "F32")), "rt");
        expect(Array.from(back32.b)).toEqual(Array.from(net.b, Math.fround));
      }),
      { numRuns: 100 },
    );
  });
});

describe("one clear line for each kind of bad safetensors file", () => {
  const net = { n: 2, p: 1, W: Float64Array.from([1, -1]), b: Float64Array.from([0.5]), u: Float64Array.from([2]) };
  const good = concat(networkToSafetensors(net, "F32"));
  const headerLen = Number(good.readBigUInt64LE(0));
  const withHeader = (header: object, data: Uint8Array) => {
    const json = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([len, json, Buffer.from(data)]);
  };
  const cases: [string, Buffer, RegExp][] = [
    ["empty file", Buffer.alloc(0), /shorter than its 8-byte header length/],
    ["truncated data", good.subarray(0, good.length - 3), /outside the \d+-byte data section|truncated or padded/],
    ["padded data", Buffer.concat([good, Buffer.alloc(4)]), /truncated or padded/],
    ["header longer than the file", (() => { const b = Buffer.from(good); b.writeBigUInt64LE(BigInt(good.length), 0); return b; })(), /claims \d+ bytes but the file has only/],
    ["oversized header", (() => { const b = Buffer.from(good); b.writeBigUInt64LE(BigInt(MAX_HEADER_BYTES) + 1n, 0); return b; })(), /exceeds the 100000000-byte limit/],
    ["header not JSON", (() => { const b = Buffer.from(good); b[8] = 0x5b; return b; })(), /not valid UTF-8 JSON|not a JSON object/],
    ["unknown dtype", withHeader({ "linear1.weight": { dtype: "F8_E4M3", shape: [1, 2], data_offsets: [0, 2] } }, new Uint8Array(2)), /unknown dtype "F8_E4M3"/],
    ["offsets past the data", withHeader({ "linear1.weight": { dtype: "F32", shape: [1, 2], data_offsets: [0, 800] } }, new Uint8Array(8)), /outside the 8-byte data section/],
    ["overlapping offsets", withHeader({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] }, c: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), /overlapping or gapped/],
    ["shape and offsets disagree", withHeader({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs 12 bytes but its offsets span 8/],
    ["wrong shape of W", concat(serialize([{ name: "linear1.weight", dtype: "F32", shape: [2], data: encode([1, 2], "F32") }, { name: "linear1.bias", dtype: "F32", shape: [1], data: encode([0], "F32") }, { name: "linear2.weight", dtype: "F32", shape: [1, 1], data: encode([1], "F32") }])), /must have shape \[p, n\]/],
    ["wrong shape of u", concat(serialize([{ name: "linear1.weight", dtype: "F32", shape: [1, 2], data: encode([1, 2], "F32") }, { name: "linear1.bias", dtype: "F32", shape: [1], data: encode([0], "F32") }, { name: "linear2.weight", dtype: "F32", shape: [2, 1], data: encode([1, 1], "F32") }])), /'linear2.weight' must have shape \[1, 1\]/],
    ["NaN weight", concat(networkToSafetensors({ ...net, W: Float64Array.from([NaN, 1]) }, "F32")), /W has a non-finite value \(NaN\)/],
    ["infinite weight", concat(networkToSafetensors({ ...net, u: Float64Array.from([Infinity]) }, "F64")), /u has a non-finite value \(Infinity\)/],
    ["missing tensor", concat(serialize([{ name: "w", dtype: "F32", shape: [1], data: encode([1], "F32") }])), /no tensor named 'linear1.weight' \(found: w\); map names with --names/],
  ];
  it.each(cases)("%s", (_name, bytes, message) => {
    expect(headerLen).toBeGreaterThan(0);
    const r = outcome(() => networkFromSafetensors(bytes, "bad.safetensors"));
    expect(r).toHaveProperty("error");
    expect((r as { error: string }).error).toMatch(message);
    expect((r as { error: string }).error.startsWith("bad.safetensors: ")).toBe(true);
  });
});

describe("JSON checkpoints", () => {
  it("random JSON values: an InputError or a valid network", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ format: fc.constant("two-circuits/checkpoint@1"), n: fc.integer({ min: -1, max: 3 }), p: fc.integer({ min: -1, max: 3 }), W: fc.array(fc.array(fc.double(), { maxLength: 3 }), { maxLength: 3 }), b: fc.array(fc.double(), { maxLength: 3 }), u: fc.array(fc.double(), { maxLength: 3 }) })), (value) => {
        const r = outcome(() => checkpointToNetwork(CheckpointSchema.parse(JSON.parse(JSON.stringify(value) ?? "null"), "fuzz.json"), "fuzz.json"));
        if ("ok" in r) checkNetwork(r.ok);
      }),
      { numRuns: 500 },
    );
  });

  it("loadNetwork tells safetensors from JSON by content, even when the header length's low byte is '{'", () => {
    const dir = mkdtempSync(join(tmpdir(), "tc-io-"));
    fc.assert(
      fc.property(smallNet, fc.string({ maxLength: 40 }), (net, meta) => {
        const bytes = concat(networkToSafetensors(net, "F64", { note: meta }));
        const path = join(dir, "model.bin");
        writeFileSync(path, bytes);
        const back = loadNetwork(path);
        expect(Array.from(back.W)).toEqual(Array.from(net.W));
        writeFileSync(join(dir, "model.json"), JSON.stringify(networkToCheckpoint(net)));
        // JSON has no −0: compare values, not signs of zero.
        expect(Array.from(loadNetwork(join(dir, "model.json")).u, (v) => v + 0)).toEqual(Array.from(net.u, (v) => v + 0));
      }),
      { numRuns: 150 },
    );
  });

  it("a safetensors file whose header length is 379 = 0x17b (first byte '{') loads as safetensors", () => {
    const dir = mkdtempSync(join(tmpdir(), "tc-io-"));
    const header = { "linear1.weight": { dtype: "F32", shape: [1, 1], data_offsets: [0, 4] }, "linear1.bias": { dtype: "F32", shape: [1], data_offsets: [4, 8] }, "linear2.weight": { dtype: "F32", shape: [1, 1], data_offsets: [8, 12] } };
    let json = JSON.stringify(header);
    json += " ".repeat(379 - json.length);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(379n);
    const file = Buffer.concat([len, Buffer.from(json), Buffer.from(encode([0.5, -1, 2], "F32"))]);
    expect(file[0]).toBe(0x7b);
    writeFileSync(join(dir, "model"), file);
    const net = loadNetwork(join(dir, "model"));
    expect([net.W[0], net.b[0], net.u[0]]).toEqual([0.5, -1, 2]);
  });

  it("a file that is neither: one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "tc-io-"));
    writeFileSync(join(dir, "x.json"), "{ not json");
    expect(outcome(() => loadNetwork(join(dir, "x.json")))).toEqual({ error: `${join(dir, "x.json")}: not valid JSON` });
    expect(outcome(() => loadNetwork(join(dir, "missing.json")))).toHaveProperty("error");
  });
});

describe("dataset files", () => {
  it("random corruptions of a valid dataset file: an InputError or ±1 data of consistent shape", () => {
    fc.assert(
      fc.property(parityDataset({ n: { min: 1, max: 6 }, size: { min: 1, max: 8 } }), fc.array(corruption, { minLength: 1, maxLength: 3 }), ({ data }, cs) => {
        const bytes = corrupt(concat(serializeDatasets({ train: data })), cs);
        const r = outcome(() => readDataset(bytes, "fuzz"));
        if ("ok" in r) {
          const d = r.ok.dataset;
          expect(d.X.length).toBe(d.size * d.n);
          expect(d.y.length).toBe(d.size);
          for (const v of [...d.X, ...d.y]) expect(Math.abs(v)).toBe(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("values other than ±1 are named", () => {
    const bytes = concat(serialize([{ name: "X", dtype: "I8", shape: [1, 2], data: encode([1, 0], "I8") }, { name: "y", dtype: "I8", shape: [1], data: encode([1], "I8") }]));
    expect(outcome(() => readDataset(bytes, "d.safetensors"))).toEqual({ error: "d.safetensors: 'X' must hold only ±1, found 0 at flat index 1" });
    expect(decodeToFloat64(encode([1, -1], "I8"), "I8")).toEqual(Float64Array.from([1, -1]));
  });
});

describe("float tensor decoding", () => {
  it("gives the bytes' little-endian values at any byte offset, aligned or not, from a Buffer or a Uint8Array", () => {
    fc.assert(
      fc.property(fc.constantFrom("F32" as const, "F64" as const), fc.array(fc.double(), { maxLength: 20 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (dtype, values, shift, asBuffer) => {
        const width = dtype === "F32" ? 4 : 8;
        const data = encode(values, dtype);
        const backing = new Uint8Array(shift + data.length);
        backing.set(data, shift);
        const bytes = asBuffer ? Buffer.from(backing.buffer, shift, data.length) : backing.subarray(shift);
        const view = new DataView(backing.buffer, shift, data.length);
        const want = Float64Array.from({ length: values.length }, (_, i) => (width === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true)));
        const got = decodeToFloat64(bytes, dtype);
        expect(got.length).toBe(want.length);
        want.forEach((v, i) => expect(Object.is(got[i], v) || (Number.isNaN(v) && Number.isNaN(got[i]))).toBe(true));
      }),
    );
  });
});
