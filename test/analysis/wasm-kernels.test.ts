import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadedAnalysisWasm, type AnalysisWasm } from "../../src/analysis/wasm/analysis-wasm.js";
import { FlipSensitivity } from "../../src/analysis/sensitivity.js";
import { createNetwork } from "../../src/net/network.js";
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
const MAX_POINTS = 40;
const space = (() => {
  const w = kernel();
  const f64 = (length: number) => w.f64(length) ?? fail();
  const i32 = (length: number) => w.i32(length) ?? fail();
  const fail = (): never => {
    throw new Error("analysis kernel memory used up");
  };
  return { h: f64(MAX_POINTS) };
})();

describe("analysis wasm kernels", () => {
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

  it("flipCounts: the float32 pass with float64 where it cannot decide counts the same flips as the TypeScript twin, and its float64 flips are the twin's bits", () => {
    // Weights of every size and sign that a network may hold: finite. Dyadic ones put flipped outputs exactly on 0
    // (which float32 must leave to float64) and pre-activations exactly on the edges ±reach between the kinds of neurons.
    // Rarely, weights past float32's safe range (2^57 and up), which send the network to the twin.
    const weight = fc.oneof(
      { arbitrary: dyadic, weight: 20 },
      { arbitrary: fc.double({ min: -4, max: 4, noNaN: true }), weight: 20 },
      { arbitrary: fc.constantFrom(0, -0, 5e-324, -(2 ** -140), 3 * 2 ** -1074, 2 ** -126), weight: 4 },
      { arbitrary: fc.constantFrom(2 ** 57, -(2 ** 61)), weight: 1 },
    );
    let inKernelRuns = 0;
    fc.assert(
      fc.property(
        networkAndData({ n: { min: 1, max: 40 }, p: { min: 1, max: 8 }, weight }, { min: 1, max: 10 }),
        fc.boolean(),
        fc.func(fc.boolean()),
        ({ net, data }, inKernel, keeps) => {
          const order = Int32Array.from({ length: net.p }, (_, i) => net.p - 1 - i);
          const fs = new FlipSensitivity(data.n, data.X, Int32Array.from({ length: data.size }, (_, r) => r), kernel());
          fs.begin(net, order);
          const hk = space.h.subarray(0, data.size);
          // h in the kernel's memory (as sweepNeurons hands it for n = 33..40) is recorded by the kernel, elsewhere by TypeScript.
          sweepNeuronsTypeScript(net, order, packInputs(data.X, data.n, data.size), (_i, rank, h) => {
            if (inKernel) hk.set(h);
            fs.record(rank, inKernel ? hk : h);
          });
          const ranks = Int32Array.from({ length: net.p }, (_, r) => r).filter((r) => keeps(r));
          const lanes = Math.ceil(data.n / 8) * 8;
          const twin = Int32Array.from(fs.changedFlips(ranks, { typescript: true }));
          const twinValues = Float64Array.from(fs.flippedOutputs());
          const fast = Int32Array.from(fs.changedFlips(ranks));
          expect([...fast]).toEqual([...twin]);
          if (fs.simd) {
            inKernelRuns++;
            fs.flippedOutputs().fill(NaN);
            const exact = Int32Array.from(fs.changedFlips(ranks, { margin: Infinity }));
            expect([...exact]).toEqual([...twin]);
            const values = fs.flippedOutputs();
            for (let m = 0; m < data.size; m++) {
              sameBits(values.subarray(m * lanes, m * lanes + data.n), twinValues.subarray(m * lanes, m * lanes + data.n));
            }
          }
          fs.end();
        },
      ),
      { numRuns: 300 },
    );
    // Most networks drawn are ones float32 is safe for; the others go to the twin, as they must.
    expect(inKernelRuns).toBeGreaterThan(100);
  });

  it("flipCounts leaves to float64 the flips whose float32 value rounding could get wrong: near-cancelling neuron pairs", () => {
    // Each neuron has a twin with weights scaled by 1 + δ and the opposite output weight, so
    // that every flipped output is a small difference of large terms: float32 gets most signs
    // wrong, and only a sound error bound keeps the counts equal to float64's.
    const caseArb = fc.record({
      n: fc.integer({ min: 33, max: 40 }),
      pairs: fc.integer({ min: 1, max: 6 }),
      // Mostly 10^-8.5 .. 10^-5.5, where the float32 difference is rounding noise about as large as the true one; sometimes up to 10^-2.
      scale: fc.oneof({ arbitrary: fc.double({ min: -8.5, max: -5.5, noNaN: true }), weight: 4 }, { arbitrary: fc.double({ min: -5.5, max: -2, noNaN: true }), weight: 1 }).map((e) => 10 ** e),
      seed: fc.integer(),
    });
    let decidedByFloat32 = 0;
    let leftToFloat64 = 0;
    fc.assert(
      fc.property(caseArb, ({ n, pairs, scale, seed }) => {
        const rng = fc.sample(fc.double({ min: -1, max: 1, noNaN: true }), { seed, numRuns: pairs * (n + 3) + 12 * n });
        const net = createNetwork(n, 2 * pairs);
        for (let q = 0; q < pairs; q++) {
          const delta = scale * rng[q * (n + 3)];
          for (let j = 0; j < n; j++) {
            const w = rng[q * (n + 3) + 1 + j] / 4;
            net.W[2 * q * n + j] = w;
            net.W[(2 * q + 1) * n + j] = w * (1 + delta);
          }
          net.b[2 * q] = net.b[2 * q + 1] = rng[q * (n + 3) + n + 1] / 4;
          net.u[2 * q] = rng[q * (n + 3) + n + 2];
          net.u[2 * q + 1] = -net.u[2 * q];
        }
        const X = Int8Array.from(rng.slice(pairs * (n + 3)), (v) => (v < 0 ? -1 : 1));
        const size = X.length / n;
        const order = Int32Array.from({ length: net.p }, (_, i) => i);
        const fs = new FlipSensitivity(n, X, Int32Array.from({ length: size }, (_, r) => r), kernel());
        fs.begin(net, order);
        sweepNeurons(net, order, packInputs(X, n, size), (_i, rank, h) => fs.record(rank, h));
        expect(fs.simd).toBe(true);
        const lanes = Math.ceil(n / 8) * 8;
        fs.flippedOutputs().fill(NaN);
        const fast = Int32Array.from(fs.changedFlips(order));
        for (let m = 0; m < size; m++) {
          for (let j = 0; j < n; j++) {
            if (Number.isNaN(fs.flippedOutputs()[m * lanes + j])) decidedByFloat32++;
            else leftToFloat64++;
          }
        }
        expect([...fast]).toEqual([...fs.changedFlips(order, { typescript: true })]);
        fs.end();
      }),
      { numRuns: 400 },
    );
    // Both paths are taken: float32 decides the larger differences (δ = 10⁻²), float64 the small ones.
    expect(decidedByFloat32).toBeGreaterThan(0);
    expect(leftToFloat64).toBeGreaterThan(0);
  });

  it("flipCounts uses the kernel on the paper's networks and agrees with the twin on every point", () => {
    // n = 40, weights of PyTorch's default initialisation scale, many neurons near their threshold at every point.
    const weight = fc.double({ min: -0.16, max: 0.16, noNaN: true });
    fc.assert(
      fc.property(networkAndData({ n: { min: 40, max: 40 }, p: { min: 20, max: 60 }, weight }, { min: 1, max: 12 }), ({ net, data }) => {
        const order = Int32Array.from({ length: net.p }, (_, i) => i);
        const fs = new FlipSensitivity(data.n, data.X, Int32Array.from({ length: data.size }, (_, r) => r), kernel());
        fs.begin(net, order);
        sweepNeurons(net, order, packInputs(data.X, data.n, data.size), (_i, rank, h) => fs.record(rank, h));
        expect(fs.simd).toBe(true);
        expect([...fs.changedFlips(order)]).toEqual([...fs.changedFlips(order, { typescript: true })]);
        fs.end();
      }),
      { numRuns: 60 },
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
