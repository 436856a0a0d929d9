import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { competingSubnetworks, meanNorm } from "../../src/analysis/subnetworks.js";
import { faithfulness, signAgreement } from "../../src/analysis/faithfulness.js";
import { anyWeight, networkAndData } from "./arbitraries.js";

const generalizingArb = fc.integer({ min: 1, max: 60 }).chain((p) => fc.record({ p: fc.constant(p), g: fc.uniqueArray(fc.integer({ min: 0, max: p - 1 }), { maxLength: p }), seed: fc.nat() }));

describe("competing subnetworks (paper §3.2)", () => {
  it("generalizing and complementary partition the neurons; control is a same-size set of distinct neurons", () => {
    fc.assert(
      fc.property(generalizingArb, ({ p, g, seed }) => {
        const s = competingSubnetworks(p, g, seed);
        expect(Array.from(s.generalizing)).toEqual(g);
        const union = [...s.generalizing, ...s.complementary].sort((a, b) => a - b);
        expect(union).toEqual(Array.from({ length: p }, (_, i) => i));
        expect(s.control.length).toBe(g.length);
        expect(new Set(s.control).size).toBe(g.length);
        for (const i of s.control) expect(i >= 0 && i < p).toBe(true);
        expect(Array.from(s.control)).toEqual(Array.from(competingSubnetworks(p, g, seed).control));
      }),
    );
  });

  it("rejects a generalizing set with a repeated or out-of-range neuron", () => {
    expect(() => competingSubnetworks(4, [1, 1], 0)).toThrow(RangeError);
    expect(() => competingSubnetworks(4, [4], 0)).toThrow(RangeError);
  });

  it("mean norm of a set", () => {
    expect(meanNorm([1, 2, 3, 6], [1, 3])).toBe(4);
    expect(meanNorm([1, 2], [])).toBe(0);
  });
});

describe("faithfulness", () => {
  it("the full network is faithful to itself", () => {
    fc.assert(
      fc.property(networkAndData({ weight: anyWeight }, { min: 1, max: 20 }), ({ net, data }) => {
        expect(faithfulness(net, Array.from({ length: net.p }, (_, i) => i), data)).toBe(1);
      }),
    );
  });

  it("counts sign agreement, zero being its own sign", () => {
    expect(signAgreement([1, -2, 0, 0.5], [3, 2, 0, -1])).toBe(0.5);
    expect(signAgreement([1], [1], 0, 0)).toBeNaN();
  });
});
