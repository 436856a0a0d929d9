import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, subnetwork, type Network } from "../../src/net/network.js";
import type { Dataset } from "../../src/data/dataset.js";
import { parityOf } from "../../src/data/parity.js";
import * as testing from "../../src/testing/index.js";
import { activeSubnetworkEquivalence, parityDataset, perturbedCheckpoint, pruningMonotonicity, reluNetwork, signPattern } from "../../src/testing/index.js";

describe("two-circuits/testing arbitraries", () => {
  it("signPattern: n entries, all ±1", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50 }).chain((n) => fc.tuple(fc.constant(n), signPattern(n))), ([n, x]) => {
      expect(x.length).toBe(n);
      for (const v of x) expect(Math.abs(v)).toBe(1);
    }));
  });

  it("parityDataset: labels are the parity of the support, sizes as constrained", () => {
    fc.assert(
      fc.property(parityDataset({ n: { min: 1, max: 10 }, k: { min: 1, max: 4 }, size: { min: 1, max: 30 } }), ({ task, data }) => {
        expect(task.support.length).toBeGreaterThanOrEqual(1);
        expect(task.support.length).toBeLessThanOrEqual(Math.min(4, task.n));
        expect(new Set(task.support).size).toBe(task.support.length);
        expect(data.X.length).toBe(data.size * data.n);
        for (let r = 0; r < data.size; r++) expect(data.y[r]).toBe(parityOf(task, data.X.subarray(r * data.n, (r + 1) * data.n)));
      }),
    );
  });

  it("reluNetwork: shapes as constrained, finite parameters", () => {
    fc.assert(fc.property(reluNetwork({ n: { min: 1, max: 9 }, p: 3 }), (net) => {
      expect(net.p).toBe(3);
      expect(net.W.length).toBe(net.p * net.n);
      for (const a of [net.W, net.b, net.u]) for (const v of a) expect(Number.isFinite(v)).toBe(true);
    }));
  });

  it("perturbedCheckpoint: every parameter within its relative bound; magnitude 0 is the original", () => {
    fc.assert(
      fc.property(reluNetwork().chain((net) => fc.tuple(fc.constant(net), perturbedCheckpoint(net, { scale: 0.05 }))), ([net, q]) => {
        for (const [a, b] of [[net.W, q.W], [net.b, q.b], [net.u, q.u]] as const) a.forEach((v, i) => expect(Math.abs(b[i] - v)).toBeLessThanOrEqual(0.05 * Math.abs(v) + 1e-12));
      }),
    );
    const net = fc.sample(reluNetwork({ n: 4, p: 2 }), { seed: 1, numRuns: 1 })[0];
    const shrunk = fc.check(fc.property(perturbedCheckpoint(net, { scale: 0.5, absolute: 0.1 }), () => false), { seed: 1 });
    expect(Array.from((shrunk.counterexample![0] as typeof net).W)).toEqual(Array.from(net.W));
  });

  it("the index re-exports the certifiers for users' suites", () => {
    expect(typeof testing.certifyParity).toBe("function");
    expect(typeof testing.certifyAgreement).toBe("function");
  });
});

describe("two-circuits/testing property helpers", () => {
  // Found by this property: src/analysis/pruning-profile.ts adds u·σ(h) as (u/2)·(h + |h|), and u/2
  // underflows to 0 for a subnormal u = 5e−324, so f_k ≡ 0 and the active subnetwork comes out empty.
  const subnormalOutput: [Dataset, Network] = [
    { n: 2, size: 2, X: Int8Array.from([-1, 1, 1, 1]), y: Int8Array.from([1, 1]) },
    { n: 2, p: 2, W: Float64Array.from([0, 2, 0, 0]), b: Float64Array.from([0, 1]), u: Float64Array.from([0, 5e-324]) },
  ];
  // Weights on a dyadic grid make every pre-activation and output exact in float64 whatever the
  // summation order. With arbitrary doubles this property also fails, and that is a finding about
  // floating point, not pruning: fast-check (seed 1825326793) found W_2 = (−3, 0, −1, 2, 5e−324, 0, −2),
  // whose pre-activation cancels to exactly 0 before the subnormal term is added in one order and not
  // in another, so the analysis' table sums and plain left-to-right evaluation see different signs of f.
  // The exact certifier (src/audit) decides such points in rational arithmetic.
  const dyadic = fc.integer({ min: -(2 ** 12), max: 2 ** 12 }).map((v) => v / 2 ** 8);
  it("activeSubnetworkEquivalence holds on every point of X, by definition", () => {
    fc.assert(
      fc.property(parityDataset({ n: { min: 2, max: 8 }, size: { min: 1, max: 20 } }).chain(({ data }) => fc.tuple(fc.constant(data), reluNetwork({ n: data.n, p: { min: 1, max: 8 }, weight: dyadic }))), ([data, net]) => {
        const eq = activeSubnetworkEquivalence(net, data);
        for (let r = 0; r < data.size; r++) expect(eq.agreesAt(data.X.subarray(r * data.n, (r + 1) * data.n))).toBe(true);
        const sub = subnetwork(net, eq.neurons);
        expect(eq.neurons.length).toBe(eq.size);
        expect(Number.isFinite(evaluate(sub, data.X.subarray(0, data.n)))).toBe(true);
      }),
      { examples: [[subnormalOutput]] },
    );
  });

  it("pruning is not monotone in general: fast-check finds a network where A(k) drops, and it is real", () => {
    const arb = parityDataset({ n: { min: 2, max: 6 }, size: { min: 1, max: 12 } }).chain(({ data }) => fc.tuple(fc.constant(data), reluNetwork({ n: data.n, p: { min: 1, max: 6 } })));
    const out = fc.check(fc.property(arb, ([data, net]) => pruningMonotonicity(net, data).monotone), { seed: 7, numRuns: 2000 });
    expect(out.failed).toBe(true);
    const [[data, net]] = out.counterexample!;
    const m = pruningMonotonicity(net, data);
    const { k, from, to } = m.firstDrop!;
    expect(to).toBeLessThan(from);
    expect(m.agreement[k]).toBe(from);
    expect(m.agreement[net.p]).toBe(data.size);
    expect(m.stableFrom).toBeGreaterThanOrEqual(m.effectiveSparsity);
  });
});
