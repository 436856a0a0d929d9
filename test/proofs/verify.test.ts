import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createNetwork, evaluate, type Network } from "../../src/net/network.js";
import { holdsByDefinition, proposition3, thresholdNetwork } from "../../spec/index.js";
import { decide, verifyByBruteForce, verifyBySupport } from "../../proofs/verify.js";
import { fromFloat64, parseRational, toNumber, toText, rational } from "../../proofs/rational.js";
import { exhaustivePass, fitsSafely, scaleNetwork } from "../../proofs/scaled-network.js";
import { precedes } from "../../proofs/pattern-order.js";
import { InputError } from "../../src/errors.js";

/** A random small network with integer weights on the support (and optionally off it). */
const smallNetwork = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), p: fc.integer({ min: 1, max: 5 }), seed: fc.integer(), offSupport: fc.boolean() })
  .chain(({ n, p, offSupport }) =>
    fc.record({
      n: fc.constant(n),
      p: fc.constant(p),
      support: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
      W: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: p * n, maxLength: p * n }),
      b: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: p, maxLength: p }),
      u: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: p, maxLength: p }),
      offSupport: fc.constant(offSupport),
    }),
  )
  .map(({ n, p, support, W, b, u, offSupport }) => {
    const net = createNetwork(n, p);
    const S = [...support].sort((a, c) => a - c);
    for (let i = 0; i < p; i++) for (let j = 0; j < n; j++) if (offSupport || S.includes(j)) net.W[i * n + j] = W[i * n + j];
    net.b.set(b);
    net.u.set(u);
    return { net, task: { n, support: S } };
  });

describe("exact rationals", () => {
  it("fromFloat64 is exact for every finite double", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const q = fromFloat64(x);
      expect(toNumber(q)).toBe(x === 0 ? 0 : x);
      expect(parseRational(toText(q))).toEqual(q);
    }));
    expect(toText(fromFloat64(0.1))).toBe("3602879701896397/36028797018963968");
    expect(toText(rational(6n, -4n))).toBe("-3/2");
  });
});

describe("methods (a) and (b)", () => {
  it("agree with each other and with the literal definition on random integer networks", () => {
    fc.assert(fc.property(smallNetwork, ({ net, task }) => {
      const b = verifyByBruteForce(net, task);
      expect(b.holds).toBe(holdsByDefinition(net, task));
      const v = decide(net, task)!;
      expect(v.holds).toBe(b.holds);
      if (v.method === "support-lemma+patterns") {
        expect(v.minMargin).toEqual(b.minMargin);
        expect(v.counterexample?.input).toEqual(b.counterexample?.input);
      }
      if (!b.holds) {
        const cx = b.counterexample!;
        expect(cx.parity * evaluate(net, cx.input)).toBeLessThanOrEqual(0);
        expect(toNumber(cx.output)).toBe(evaluate(net, cx.input));
      }
    }), { numRuns: 300 });
  });

  it("names the smallest counterexample (fewest −1 entries, then the least index)", () => {
    fc.assert(fc.property(smallNetwork, ({ net, task }) => {
      const v = verifyByBruteForce(net, task);
      if (v.holds) return;
      const cxIndex = v.counterexample!.input.reduce((a, x, j) => a + (x < 0 ? 2 ** j : 0), 0);
      for (let t = 0; t < 2 ** task.n; t++) {
        if (!precedes(t, cxIndex)) continue;
        const x = Array.from({ length: task.n }, (_, j) => ((t >> j) & 1 ? -1 : 1));
        const y = task.support.reduce((a, s) => a * x[s], 1);
        expect(y * evaluate(net, x)).toBeGreaterThan(0);
      }
    }), { numRuns: 150 });
  });

  it("the BigInt path and the safe-integer path agree (huge and dyadic weights)", () => {
    const { net, task } = proposition3({ n: 4, support: [0, 1, 3] });
    const big: Network = { ...net, W: net.W.map((w) => w * 2 ** 60), b: net.b.map((v) => v * 2 ** 60), u: net.u.slice() };
    const s = scaleNetwork(big, task.support);
    expect(fitsSafely(s)).toBe(false);
    const vBig = verifyBySupport(big, task, { collect: true });
    const vSmall = verifyBySupport(net, task, { collect: true });
    expect(vBig.holds).toBe(true);
    expect(vBig.outputs!.map((o) => toText(o))).toEqual(vSmall.outputs!.map((o) => toText(rational(o.num * 2n ** 60n, o.den))));
    const frac: Network = { ...net, u: net.u.map((v) => v / 1024) };
    const vf = verifyBySupport(frac, task, { collect: true });
    expect(toText(vf.minMargin)).toBe("1/1024");
    expect(exhaustivePass(scaleNetwork(frac, task.support), [true, true, true], false).minMargin).toBe(1n);
  });

  it("is exact where floating point is not: a margin of 2^-1074 is still positive", () => {
    const { net, task } = thresholdNetwork(1, { n: 1 });
    // f(+1) = u0 + 2 u1, f(−1) = u0: make both margins tiny but nonzero.
    net.u[0] = -Number.MIN_VALUE;
    net.u[1] = Number.MIN_VALUE;
    const v = verifyBySupport(net, task);
    expect(v.holds).toBe(true);
    expect(toText(v.minMargin)).toBe(`1/${2n ** 1074n}`);
  });

  it("the support lemma refuses networks with off-support weights; decide falls back to brute force", () => {
    const { net, task } = proposition3({ n: 5, support: [0, 1, 2] });
    net.W[4] = 1e-300;
    expect(() => verifyBySupport(net, task)).toThrow(InputError);
    expect(decide(net, task)!.method).toBe("brute-force");
    const wide = proposition3({ n: 30, support: [0, 1, 2] });
    wide.net.W[29] = 0.5;
    expect(decide(wide.net, wide.task)).toBeNull();
  });
});
