import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cloneNetwork, evaluate, type Network } from "../../src/net/network.js";
import { neuronArities, supportPatterns, supportProfile } from "../../src/audit/neuron-structure.js";
import { ExactEvaluator, exactSumSign, dyadic } from "../../src/audit/exact-output.js";
import { parityTask, reluNetwork, signPattern } from "../../src/testing/index.js";
import { cube, exactSigns } from "./brute-force.js";

const smallInts = fc.integer({ min: -3, max: 3 });

describe("supportProfile against enumeration of the completions", () => {
  it("on/off/depends per pattern is what the completions show; the restricted status is the sign of the centre", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 2, max: 9 }, k: { min: 1, max: 3 } }).chain((task) => fc.tuple(fc.constant(task), reluNetwork({ n: task.n, p: 1 }))), ([task, net]) => {
        const profile = supportProfile(net, 0, task.support);
        supportPatterns(task.support.length).forEach((pattern, t) => {
          let on = 0, off = 0;
          for (const x of cube(net.n)) {
            if (!task.support.every((j, s) => x[j] === pattern[s])) continue;
            const terms = [net.b[0], ...Array.from({ length: net.n }, (_, j) => net.W[j] * x[j])];
            if (exactSumSign(terms) > 0) on++;
            else off++;
          }
          expect(profile.status[t]).toBe(off === 0 ? "on" : on === 0 ? "off" : "depends");
          const centre = [net.b[0], ...task.support.map((j, s) => net.W[j] * pattern[s])];
          expect(profile.restrictedStatus[t]).toBe(exactSumSign(centre) > 0 ? "on" : "off");
        });
      }),
      { numRuns: 200 },
    );
  });
});

/** Arity by its definition, plainly: zero all but the top a weights of neuron i and compare sgn f on X. */
function plainArity(net: Network, i: number, X: Int8Array): number {
  const { n } = net;
  const m = X.length / n;
  const w = Array.from(net.W.subarray(i * n, (i + 1) * n));
  const order = w.map((_, j) => j).sort((a, c) => Math.abs(w[c]) - Math.abs(w[a]) || a - c);
  const signs = (q: Network) => Array.from({ length: m }, (_, s) => Math.sign(evaluate(q, X.subarray(s * n, (s + 1) * n))));
  const reference = signs(net);
  for (let a = 0; a <= n; a++) {
    const q = cloneNetwork(net);
    for (const j of order.slice(a)) q.W[i * n + j] = 0;
    if (signs(q).every((v, s) => v === reference[s])) return a;
  }
  return n;
}

describe("neuronArities (the authors' arity) against the plain definition", () => {
  it("equal on integer-weight networks, where float sums are exact", () => {
    fc.assert(
      fc.property(
        reluNetwork({ n: { min: 1, max: 8 }, p: { min: 1, max: 5 }, weight: smallInts }).chain((net) => fc.tuple(fc.constant(net), fc.array(signPattern(net.n), { minLength: 1, maxLength: 12 }))),
        ([net, points]) => {
          const X = new Int8Array(points.flatMap((x) => Array.from(x)));
          const all = Array.from({ length: net.p }, (_, i) => i);
          expect(neuronArities(net, all, X)).toEqual(all.map((i) => plainArity(net, i, X)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("ExactEvaluator", () => {
  it("dyadic(v) is exact: m·2^e = v", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
      const { m, e } = dyadic(v);
      expect(Number(m) * 2 ** e).toBe(v === 0 ? 0 : v);
    }));
  });

  it("signs equal the independent brute-force reference on random networks and subnetworks", () => {
    fc.assert(
      fc.property(reluNetwork({ n: { min: 1, max: 10 }, p: { min: 1, max: 6 } }).chain((net) => fc.tuple(fc.constant(net), signPattern(net.n), fc.subarray(Array.from({ length: net.p }, (_, i) => i)))), ([net, x, group]) => {
        const mask = new Uint8Array(net.p);
        for (const i of group) mask[i] = 1;
        expect(new ExactEvaluator(net).signs(x, mask)).toEqual(exactSigns(net, x, new Set(group)));
      }),
      { numRuns: 300 },
    );
  });
});
