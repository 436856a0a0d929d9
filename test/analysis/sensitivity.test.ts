import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, preActivation, subnetwork, type Network } from "../../src/net/network.js";
import { datasetRow, type Dataset } from "../../src/data/dataset.js";
import { FlipSensitivity, sensitivity, sensitivityOf } from "../../src/analysis/sensitivity.js";
import { packInputs, sweepNeurons } from "../../src/analysis/hidden-layer.js";
import { networkAndData } from "./arbitraries.js";

/** Sensitivity of the subnetwork of `keep` (all neurons when omitted) by the flip counter, every point's flips counted. */
function counted(net: Network, data: Dataset, keep?: number[]): number {
  const acc = new FlipSensitivity(data.n, data.X, Int32Array.from({ length: data.size }, (_, r) => r));
  const order = Int32Array.from({ length: net.p }, (_, i) => i);
  acc.begin(net, order);
  sweepNeurons(net, order, packInputs(data.X, data.n, data.size), (_i, rank, h) => acc.record(rank, h));
  const ranks = keep === undefined ? order : Int32Array.from(keep).sort();
  const value = sensitivityOf(acc.changedFlips(ranks), 0, data.size);
  acc.end();
  return value;
}

/** Whether some flipped point has a pre-activation or a nonzero output within rounding distance of 0. */
function nearZeroFlip(net: Network, data: Dataset): boolean {
  const x = new Int8Array(data.n);
  for (let r = 0; r < data.size; r++) {
    x.set(datasetRow(data, r));
    for (let j = 0; j <= data.n; j++) {
      if (j < data.n) x[j] = -x[j];
      for (let i = 0; i < net.p; i++) if (Math.abs(preActivation(net, i, x)) < 1e-9) return true;
      const g = evaluate(net, x);
      if (g !== 0 && Math.abs(g) < 1e-9) return true;
      if (j < data.n) x[j] = -x[j];
    }
  }
  return false;
}

describe("sensitivity", () => {
  it("the flip accumulator equals evaluating every flipped point, for any subnetwork", () => {
    fc.assert(
      fc.property(
        networkAndData({}, { min: 1, max: 12 }).chain(({ net, data }) => fc.record({ net: fc.constant(net), data: fc.constant(data), keep: fc.uniqueArray(fc.integer({ min: 0, max: net.p - 1 })) })),
        ({ net, data, keep }) => {
          const sorted = [...keep].sort((a, b) => a - b);
          expect(counted(net, data, keep)).toBe(sensitivity(subnetwork(net, sorted), data));
        },
      ),
      { numRuns: 300 },
    );
  });

  // Finding (fast-check, seeds 839746071 and 745696743): on non-dyadic weights a flipped
  // pre-activation can be exactly 0 mathematically (two equal weights, say), and then its
  // sign is decided by rounding, differently by the plain evaluation and by the flip
  // accumulator. The sign of such an output is not defined by the arithmetic (the
  // authors' float32 code has the same ambiguity), so the comparison skips those cases;
  // exact zeros that are structural (every neuron off) must and do agree.
  it("agrees with evaluating every flipped point on non-dyadic weights, away from rounding-decided zeros", () => {
    const weight = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 997);
    fc.assert(
      fc.property(networkAndData({ weight, p: { min: 1, max: 6 } }, { min: 1, max: 12 }), ({ net, data }) => {
        fc.pre(!nearZeroFlip(net, data));
        expect(counted(net, data)).toBe(sensitivity(net, data));
      }),
      { numRuns: 300 },
    );
  });

  it("gives an exact zero output, not a rounding residue, when every neuron of the subnetwork is off", () => {
    // One neuron on at x and off at every flip of x: g(x^j) = 0 exactly, so sgn changes on all n flips.
    const net = { n: 3, p: 2, W: Float64Array.from([0.1, 0.1, 0.1, 0.7, 0.7, 0.7]), b: Float64Array.from([-0.15, -2]), u: Float64Array.from([0.3, 1]) };
    const data = { n: 3, size: 1, X: Int8Array.from([1, 1, 1]), y: Int8Array.from([1]) };
    expect(counted(net, data)).toBe(3);
    expect(sensitivity(net, data)).toBe(3);
  });

  it("is n for a network computing the parity of all n bits, 0 for a constant one", () => {
    // f(x) = x_0 · 1: relu(x_0) − relu(−x_0) = x_0, the parity of one bit; every flip of bit 0 changes it.
    const net = { n: 1, p: 2, W: Float64Array.from([1, -1]), b: new Float64Array(2), u: Float64Array.from([1, -1]) };
    const data = { n: 1, size: 2, X: Int8Array.from([1, -1]), y: Int8Array.from([1, -1]) };
    expect(sensitivity(net, data)).toBe(1);
    const constant = { n: 3, p: 1, W: new Float64Array(3), b: Float64Array.from([1]), u: Float64Array.from([1]) };
    expect(sensitivity(constant, { n: 3, size: 1, X: Int8Array.from([1, 1, -1]), y: Int8Array.from([1]) })).toBe(0);
  });
});
