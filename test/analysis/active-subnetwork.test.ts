import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, subnetwork, type Network } from "../../src/net/network.js";
import { datasetRow, type Dataset } from "../../src/data/dataset.js";
import { activeSubnetwork, effectiveSparsity, type EffectiveSparsity } from "../../src/analysis/active-subnetwork.js";
import { pruningOrder, pruningOrderOf } from "../../src/analysis/pruning-order.js";
import { anyWeight, networkAndData } from "./arbitraries.js";

const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** The definitions of paper §2.1 taken literally: evaluate every f_k on every x. */
function naiveSparsity(net: Network, data: Dataset): EffectiveSparsity {
  const order = pruningOrderOf(net);
  const signs = (k: number) => {
    const sub = subnetwork(net, order.subarray(0, k));
    return Array.from({ length: data.size }, (_, r) => sgn(evaluate(sub, datasetRow(data, r))));
  };
  const all = Array.from({ length: net.p + 1 }, (_, k) => signs(k));
  const full = all[net.p];
  const agrees = all.map((s) => s.every((v, r) => v === full[r]));
  const correct = all.map((s) => s.filter((v, r) => v === data.y[r]).length);
  const pointwise = agrees.indexOf(true);
  const accuracy = correct.indexOf(correct[net.p]);
  let stable = net.p;
  while (stable > 0 && agrees[stable - 1]) stable--;
  return { pointwise, accuracy, stable };
}

describe("pruning order", () => {
  it("ranks by norm, largest first, equal norms by the lower index", () => {
    expect(Array.from(pruningOrder([1, 3, 2, 3, 0]))).toEqual([1, 3, 2, 0, 4]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 }), (norms) => {
        const order = pruningOrder(norms);
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(norms.map((_, i) => i));
        // Started from any permutation, the same order.
        expect([...pruningOrder(norms, Int32Array.from(order).reverse())]).toEqual([...order]);
        expect([...pruningOrder(norms, order)]).toEqual([...order]);
        for (let r = 1; r < order.length; r++) {
          const [a, b] = [order[r - 1], order[r]];
          expect(norms[a] > norms[b] || (norms[a] === norms[b] && a < b)).toBe(true);
        }
      }),
    );
  });
});

describe("pruning order of any norms", () => {
  it("is the same from any hint, and ranks NaN norms last, by index", () => {
    const norm = fc.oneof(fc.double({ min: 0, max: 4 }), fc.constantFrom(0, 1, NaN, Infinity));
    fc.assert(
      fc.property(fc.array(norm, { maxLength: 40 }).chain((norms) => fc.tuple(fc.constant(norms), fc.shuffledSubarray(norms.map((_, i) => i), { minLength: norms.length }))), ([norms, hint]) => {
        const order = pruningOrder(norms);
        expect([...pruningOrder(norms, Int32Array.from(hint))]).toEqual([...order]);
        const rank = (i: number) => (Number.isNaN(norms[i]) ? -Infinity : norms[i]);
        for (let r = 1; r < order.length; r++) {
          const [a, b] = [order[r - 1], order[r]];
          expect(rank(a) > rank(b) || (rank(a) === rank(b) && a < b)).toBe(true);
        }
      }),
    );
  });
});

describe("effective sparsity (paper §2.1)", () => {
  it("the prefix-sum search equals the naive search over every f_k", () => {
    fc.assert(
      fc.property(networkAndData(), ({ net, data }) => {
        expect(effectiveSparsity(net, data)).toEqual(naiveSparsity(net, data));
      }),
      { numRuns: 400 },
    );
  });

  it("the prefix-sum search equals the naive search when many neurons tie and outputs are zero", () => {
    const coarse = fc.constantFrom(-1, 0, 0, 1);
    fc.assert(
      fc.property(networkAndData({ n: { min: 1, max: 4 }, p: { min: 1, max: 10 }, weight: coarse }), ({ net, data }) => {
        expect(effectiveSparsity(net, data)).toEqual(naiveSparsity(net, data));
      }),
      { numRuns: 300 },
    );
  });

  it("stable ≥ pointwise ≥ accuracy, all within 0..p", () => {
    fc.assert(
      fc.property(networkAndData({ weight: anyWeight }), ({ net, data }) => {
        const s = effectiveSparsity(net, data);
        expect(s.stable).toBeGreaterThanOrEqual(s.pointwise);
        expect(s.pointwise).toBeGreaterThanOrEqual(s.accuracy);
        expect(s.accuracy).toBeGreaterThanOrEqual(0);
        expect(s.stable).toBeLessThanOrEqual(net.p);
      }),
      { numRuns: 300 },
    );
  });

  it("the active subnetwork reproduces every prediction on X", () => {
    fc.assert(
      fc.property(networkAndData(), ({ net, data }) => {
        const sub = subnetwork(net, activeSubnetwork(net, data));
        for (let r = 0; r < data.size; r++) expect(sgn(evaluate(sub, datasetRow(data, r)))).toBe(sgn(evaluate(net, datasetRow(data, r))));
      }),
      { numRuns: 200 },
    );
  });

  it("finds non-monotone pruning: f_1 agrees with f, f_2 does not", () => {
    // Neuron 0 (norm 3) gives +3 on x = (1); neuron 1 (norm 2) gives −4; neuron 2 (norm 1) gives +2. f = f_1 > 0, f_2 < 0.
    const net: Network = { n: 1, p: 3, W: Float64Array.from([3, 2, 1]), b: new Float64Array(3), u: Float64Array.from([1, -2, 2]) };
    const data: Dataset = { n: 1, size: 1, X: Int8Array.from([1]), y: Int8Array.from([1]) };
    expect(effectiveSparsity(net, data)).toEqual({ pointwise: 1, accuracy: 1, stable: 3 });
  });
});
