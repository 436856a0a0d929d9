import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadedAnalysisWasm, type AnalysisWasm } from "../../src/analysis/wasm/analysis-wasm.js";
import { addFlippedReLUs, addRow, FlipSensitivity } from "../../src/analysis/sensitivity.js";
import { NeuronTable, neuronPreActivations, packInputs, sweepNeurons, sweepNeuronsTypeScript } from "../../src/analysis/hidden-layer.js";
import { PrefixSignTracker } from "../../src/analysis/pruning-profile.js";
import { dyadic, networkAndData } from "./arbitraries.js";

/**
 * The WebAssembly SIMD kernels (assembly/analysis-kernel.ts) against their TypeScript
 * twins, bit for bit, on any float64 inputs: ±0, subnormals, huge values, ±∞ and NaN.
 * Both perform the same IEEE operations in the same order, so every result is the same
 * number, −0 and +0 told apart; a NaN only has to be a NaN in both (wasm leaves a NaN's
 * sign and payload unspecified, and nothing downstream reads them).
 */
const wasmOrNull = loadedAnalysisWasm();

function kernel(): AnalysisWasm {
  if (wasmOrNull === null) throw new Error("dist/wasm/analysis-kernel.wasm is not built: run npm run build");
  return wasmOrNull;
}

/** Doubles of every kind: fc.double's own bias covers ±0, subnormals, the extremes, ±∞ and NaN. */
const anyDouble = fc.oneof(fc.double(), fc.double({ min: -8, max: 8 }), fc.constantFrom(0, -0, 2, -2, 5e-324, -5e-324, 2 ** 1020, Number.MAX_VALUE, -Infinity, NaN));

function sameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (Number.isNaN(e)) expect(a, `entry ${k}`).toBeNaN();
    else expect(Object.is(a, e), `entry ${k}: wasm ${a}, TypeScript ${e}`).toBe(true);
  }
}

/** Buffers in the kernel's memory, taken once: its memory is never given back. */
const MAX_N = 13;
const MAX_M = 8;
const MAX_POINTS = 40;
const space = (() => {
  const w = kernel();
  const f64 = (length: number) => w.f64(length) ?? fail();
  const i32 = (length: number) => w.i32(length) ?? fail();
  const fail = (): never => {
    throw new Error("analysis kernel memory used up");
  };
  return { acc: f64(MAX_M * MAX_N), twoX: f64(MAX_M * MAX_N), w: f64(MAX_N), list: i32(4 * MAX_M), listH: f64(4 * MAX_M), h: f64(MAX_POINTS) };
})();

const rowsCase = fc.record({ n: fc.integer({ min: 1, max: MAX_N }), m: fc.integer({ min: 1, max: MAX_M }) }).chain(({ n, m }) =>
  fc.record({
    n: fc.constant(n),
    acc: fc.array(anyDouble, { minLength: m * n, maxLength: m * n }),
    twoX: fc.array(fc.oneof(fc.constantFrom(2, -2), anyDouble), { minLength: m * n, maxLength: m * n }),
    w: fc.array(anyDouble, { minLength: n, maxLength: n }),
    // Points may repeat: the kernel, like its twin, adds them one after the other.
    list: fc.array(fc.record({ m: fc.integer({ min: 0, max: m - 1 }), h: anyDouble }), { maxLength: 4 * MAX_M }),
    halfU: anyDouble,
  }),
);

describe("analysis wasm kernels", () => {
  it("addFlippedReLUs: the SIMD twin of the flipped ReLUs gives the same bits", () => {
    fc.assert(
      fc.property(rowsCase, ({ n, acc, twoX, w, list, halfU }) => {
        const expected = Float64Array.from(acc);
        for (const { m, h } of list) addFlippedReLUs(expected, m * n, h, Float64Array.from(twoX), Float64Array.from(w), 0, halfU, n);
        const a = space.acc.subarray(0, acc.length);
        a.set(acc);
        space.twoX.set(twoX);
        space.w.set(w);
        list.forEach(({ m, h }, k) => {
          space.list[k] = m;
          space.listH[k] = h;
        });
        kernel().addFlippedReLUs(space.acc, space.twoX, space.w, space.list, space.listH, list.length, halfU, n);
        sameBits(a, expected);
      }),
      { numRuns: 400 },
    );
  });

  it("addRows: the SIMD twin of the input-gradient rows gives the same bits", () => {
    fc.assert(
      fc.property(rowsCase, ({ n, acc, w, list }) => {
        const expected = Float64Array.from(acc);
        for (const { m } of list) addRow(expected, m * n, Float64Array.from(w), n);
        const a = space.acc.subarray(0, acc.length);
        a.set(acc);
        space.w.set(w);
        list.forEach(({ m }, k) => (space.list[k] = m));
        kernel().addRows(space.acc, space.w, space.list, list.length, n);
        sameBits(a, expected);
      }),
      { numRuns: 400 },
    );
  });

  it("preActivationPair5 and sweepNeurons: two neurons' tables and gathers give the same bits as one neuron at a time", () => {
    fc.assert(
      fc.property(networkAndData({ n: { min: 33, max: 40 }, p: { min: 1, max: 5 }, weight: anyDouble }, { min: 0, max: 12 }), ({ net, data }) => {
        const points = packInputs(data.X, data.n, data.size);
        const expected: Float64Array[] = [];
        const table = new NeuronTable(net.n);
        for (let i = 0; i < net.p; i++) {
          const h = new Float64Array(data.size);
          table.fill(net, i);
          neuronPreActivations(table, points, h);
          expected.push(h);
        }
        const order = Int32Array.from({ length: net.p }, (_, i) => net.p - 1 - i);
        const seen: Float64Array[] = [];
        const twin: Float64Array[] = [];
        sweepNeurons(net, order, points, (i, rank, h) => {
          expect(order[rank]).toBe(i);
          seen[i] = Float64Array.from(h);
        });
        sweepNeuronsTypeScript(net, order, points, (i, _rank, h) => (twin[i] = Float64Array.from(h)));
        for (let i = 0; i < net.p; i++) {
          sameBits(seen[i], expected[i]);
          sameBits(twin[i], expected[i]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("FlipSensitivity accumulates the same sums and counts the same changed flips at every point with the wasm kernel as with the TypeScript loops", () => {
    // Weights of every size and sign (the accumulator's exact fallbacks included), but finite: a network has finite weights.
    // Dyadic weights put pre-activations exactly on the edges ±reach between the kinds of points.
    const weight = fc.oneof(dyadic, fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(0, -0, 5e-324, 2 ** 1000, -(2 ** 1021), 3 * 2 ** -1074));
    fc.assert(
      // h in the kernel's memory (as sweepNeurons hands it for n = 33..40) takes the whole of `add` to the kernel; elsewhere only its two loops.
      fc.property(networkAndData({ n: { min: 1, max: 40 }, p: { min: 1, max: 6 }, weight }, { min: 1, max: 10 }), fc.boolean(), ({ net, data }, inKernel) => {
        const index = Int32Array.from({ length: data.size }, (_, r) => r);
        const simd = new FlipSensitivity(data.n, data.X, index, kernel());
        const plain = new FlipSensitivity(data.n, data.X, index, null);
        expect(simd.simd).toBe(true);
        expect(plain.simd).toBe(false);
        const hk = space.h.subarray(0, data.size);
        sweepNeuronsTypeScript(net, Int32Array.from({ length: net.p }, (_, i) => i), packInputs(data.X, data.n, data.size), (i, _r, h) => {
          if (inKernel) hk.set(h);
          simd.add(net, i, inKernel ? hk : h);
          plain.add(net, i, h);
        });
        const a = simd.accumulated();
        const b = plain.accumulated();
        sameBits(a.base, b.base);
        sameBits(a.linear, b.linear);
        sameBits(a.grad, b.grad);
        sameBits(a.flipped, b.flipped);
        for (let r = 0; r < data.size; r++) expect(simd.changedFlips(r, r + 1), `point ${r}`).toBe(plain.changedFlips(r, r + 1));
      }),
      { numRuns: 300 },
    );
  });

  it("PrefixSignTracker: the kernel's fast path with plain settling gives the same f, subnetwork output and pruning profile", () => {
    const caseArb = fc.integer({ min: 1, max: MAX_POINTS }).chain((size) =>
      fc.record({
        y: fc.array(fc.constantFrom(-1, 1), { minLength: size, maxLength: size }),
        support: fc.option(fc.array(fc.constantFrom(0, 1), { minLength: size, maxLength: size })),
        neurons: fc.array(fc.record({ u: anyDouble, h: fc.array(fc.oneof(anyDouble, fc.constantFrom(0, -0)), { minLength: size, maxLength: size }), also: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ y, support, neurons }) => {
        const size = y.length;
        const ys = Int8Array.from(y);
        const mask = support === null ? null : Uint8Array.from(support);
        const simd = new PrefixSignTracker(neurons.length, ys, mask, kernel());
        const plain = new PrefixSignTracker(neurons.length, ys, mask, null);
        const alsoSimd = new Float64Array(size);
        const alsoPlain = new Float64Array(size);
        const hk = space.h.subarray(0, size);
        for (const { u, h, also } of neurons) {
          hk.set(h);
          simd.add(u, hk, also ? alsoSimd : null);
          plain.add(u, Float64Array.from(h), also ? alsoPlain : null);
        }
        sameBits(alsoSimd, alsoPlain);
        sameBits(simd.f, plain.f);
        const a = simd.profile();
        const b = plain.profile();
        expect(a.supportSize).toBe(b.supportSize);
        expect([...a.disagreements]).toEqual([...b.disagreements]);
        expect([...a.correct]).toEqual([...b.correct]);
      }),
      { numRuns: 400 },
    );
  });
});
