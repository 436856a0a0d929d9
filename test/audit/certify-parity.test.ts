import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createNetwork, evaluate, type Network } from "../../src/net/network.js";
import { certifyParity } from "../../src/audit/certify-parity.js";
import { reluNetwork, parityTask, signPattern } from "../../src/testing/index.js";
import { bruteParity, exactSigns } from "./brute-force.js";

/** Proposition 1's DNF net on `support` inside {±1}^n: one AND neuron per pattern, a = 1, b = 1 − k. */
function dnfNetwork(n: number, support: readonly number[], extra = 0): Network {
  const k = support.length;
  const net = createNetwork(n, 2 ** k + extra);
  for (let t = 0; t < 2 ** k; t++) {
    let parity = 1;
    support.forEach((j, s) => {
      const v = (t >> s) & 1 ? -1 : 1;
      net.W[t * n + j] = v;
      parity *= v;
    });
    net.b[t] = 1 - k;
    net.u[t] = parity;
  }
  return net;
}

/** Adds a neuron that fires on x0 alone (an AND of all n bits) and outvotes the DNF there: right everywhere else. */
function withBump(net: Network, x0: Int8Array, strength = 10): Network {
  const { n } = net;
  const i = net.p - 1;
  for (let j = 0; j < n; j++) net.W[i * n + j] = x0[j];
  net.b[i] = 1 - n;
  net.u[i] = -strength * evaluate(net, x0) ;
  return net;
}

const checkAgainstBruteForce = (net: Network, support: readonly number[]) => {
  const cert = certifyParity(net, support, { exhaustive: true });
  const brute = bruteParity(net, support);
  expect(cert.total).toBe(String(brute.total));
  expect(cert.verdict).toBe(brute.correct === brute.total ? "certified" : "counterexample");
  expect(cert.exactRate).toBe(brute.correct / brute.total);
  expect(cert.holds).toBe(String(brute.correct));
  if (cert.counterexample) {
    const t = support.reduce((a, j) => a * cert.counterexample![j], 1);
    expect(exactSigns(net, cert.counterexample)[0]).not.toBe(t);
  }
  const first = certifyParity(net, support);
  expect(first.verdict).toBe(cert.verdict);
  // The interval bounds alone, without the linear relaxation, reach the same exact counts.
  const plain = certifyParity(net, support, { exhaustive: true, relax: false });
  expect(plain.holds).toBe(cert.holds);
  expect(plain.fails).toBe(cert.fails);
};

describe("certifyParity is sound and complete on small cubes (brute force)", () => {
  it("matches enumeration on random networks, n ≤ 10", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 1, max: 10 }, k: { min: 1, max: 3 } }).chain((task) => fc.tuple(fc.constant(task), reluNetwork({ n: task.n, p: { min: 1, max: 6 } }))), ([task, net]) => {
        checkAgainstBruteForce(net, task.support);
      }),
      { numRuns: 150 },
    );
  });

  it("matches enumeration on networks with integer weights (exact zeros and ties), n ≤ 12", () => {
    fc.assert(
      fc.property(
        parityTask({ n: { min: 6, max: 12 }, k: { min: 1, max: 3 } }).chain((task) => fc.tuple(fc.constant(task), reluNetwork({ n: task.n, p: { min: 1, max: 5 }, weight: fc.integer({ min: -2, max: 2 }) }))),
        ([task, net]) => checkAgainstBruteForce(net, task.support),
      ),
      { numRuns: 60 },
    );
  });

  it("matches enumeration with decimal weights (k/10: sums that are 0 in exact decimals but not in binary), n ≤ 10", () => {
    fc.assert(
      fc.property(
        parityTask({ n: { min: 2, max: 10 }, k: { min: 1, max: 3 } }).chain((task) => fc.tuple(fc.constant(task), reluNetwork({ n: task.n, p: { min: 1, max: 6 }, weight: fc.integer({ min: -5, max: 5 }).map((v) => v / 10) }))),
        ([task, net]) => checkAgainstBruteForce(net, task.support),
      ),
      { numRuns: 150 },
    );
  });

  it("matches enumeration on noisy DNF networks near the boundary, n = 14", () => {
    fc.assert(
      fc.property(parityTask({ n: 14, k: 3 }), fc.array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: 8 * 14, maxLength: 8 * 14 }), (task, noise) => {
        const net = dnfNetwork(14, task.support);
        noise.forEach((v, q) => (net.W[q] += v));
        checkAgainstBruteForce(net, task.support);
      }),
      { numRuns: 20 },
    );
  });
});

describe("networks right on a sample but wrong elsewhere", () => {
  it("finds the single wrong input of a DNF net with a bump, n ≤ 12, and counts it exactly", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 4, max: 12 }, k: 3 }).chain((task) => fc.tuple(fc.constant(task), signPattern(task.n))), ([task, x0]) => {
        const net = withBump(dnfNetwork(task.n, task.support, 1), x0);
        const cert = certifyParity(net, task.support, { exhaustive: true });
        expect(cert.verdict).toBe("counterexample");
        expect(cert.counterexample).toEqual(Array.from(x0));
        expect(BigInt(cert.fails)).toBe(1n);
        expect(bruteParity(net, task.support).correct).toBe(2 ** task.n - 1);
      }),
      { numRuns: 40 },
    );
  });

  it("finds the one wrong input among 2^40 of a paper-sized input", () => {
    fc.assert(
      fc.property(parityTask({ n: 40, k: 3 }).chain((task) => fc.tuple(fc.constant(task), signPattern(40))), ([task, x0]) => {
        const net = withBump(dnfNetwork(40, task.support, 1), x0);
        const cert = certifyParity(net, task.support, { exhaustive: true, budget: 100_000 });
        expect(cert.verdict).toBe("counterexample");
        expect(cert.counterexample).toEqual(Array.from(x0));
        expect(cert.fails).toBe("1");
        expect(cert.exactRate).toBe(1 - 2 ** -40);
        const t = task.support.reduce((a, j) => a * x0[j], 1);
        expect(Math.sign(evaluate(net, x0))).toBe(-t);
      }),
      { numRuns: 10 },
    );
  });

  it("certifies Proposition 1's network on (40, 3) without branching off the support", () => {
    const net = dnfNetwork(40, [3, 17, 29]);
    const cert = certifyParity(net, [3, 17, 29]);
    expect(cert.verdict).toBe("certified");
    expect(cert.exactRate).toBe(1);
    expect(cert.nodes).toBe(15);
  });

  it("says undecided, with the fraction decided, when the budget runs out", () => {
    // A neuron and its copy with the opposite output weight cancel exactly, but interval
    // bounds cannot see that until nearly every bit is fixed.
    const net = dnfNetwork(40, [0, 1, 2], 2);
    for (const [i, u] of [[8, 1], [9, -1]]) {
      for (let j = 3; j < 40; j++) net.W[i * 40 + j] = 0.1;
      net.u[i] = u;
    }
    const cert = certifyParity(net, [0, 1, 2], { budget: 2000 });
    expect(cert.verdict).toBe("undecided");
    expect(cert.decidedFraction).toBeGreaterThan(0);
    expect(cert.decidedFraction).toBeLessThan(1);
    expect(cert.counterexample).toBeNull();
    expect(cert.nodes).toBe(2000);
  });
});
