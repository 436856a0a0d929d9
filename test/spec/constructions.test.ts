import { describe, expect, it } from "vitest";
import { preActivation } from "../../src/net/network.js";
import {
  CONSTRUCTIONS,
  holdsByDefinition,
  parityClaim,
  PROPOSITION_2,
  PROPOSITION_3,
  proposition1,
  proposition2,
  proposition3,
  thresholdNetwork,
  thresholdLocal,
} from "../../spec/index.js";
import { patternOf } from "../../proofs/pattern-order.js";
import { InputError } from "../../src/errors.js";

const X3 = (t: number) => patternOf(t, 3);

describe("Proposition 1", () => {
  it("has exactly one neuron active per support pattern, with value 1 and output weight = parity", () => {
    for (const k of [1, 2, 3, 4, 6]) {
      const support = Array.from({ length: k }, (_, j) => 2 * j + 1);
      const { net, task } = proposition1(k, { n: 2 * k + 2, support });
      expect(net.p).toBe(2 ** k);
      for (let t = 0; t < 2 ** k; t++) {
        const z = patternOf(t, k);
        const x = new Array(task.n).fill(-1);
        support.forEach((c, j) => (x[c] = z[j]));
        const active = Array.from({ length: net.p }, (_, i) => preActivation(net, i, x)).flatMap((h, i) => (h > 0 ? [[i, h]] : []));
        expect(active).toHaveLength(1);
        expect(active[0][1]).toBe(1);
        expect(net.u[active[0][0]]).toBe(z.reduce<number>((a, v) => a * v, 1));
      }
    }
  });
});

describe("the paper's exact weights", () => {
  it("Proposition 2: h1..h6 encode the logical conditions stated in the paper", () => {
    const conds = [
      (x: number[]) => (x[0] === -1 || x[1] === -1) && x[2] === 1,
      (x: number[]) => x[0] === -1 && x[1] === -1 && x[2] === 1,
      (x: number[]) => x[0] === 1 && x[1] === 1 && x[2] === 1,
      (x: number[]) => (x[0] === 1 || x[1] === -1) && x[2] === -1,
      (x: number[]) => x[0] === -1 && x[1] === 1 && x[2] === -1,
      (x: number[]) => x[0] === 1 && x[1] === -1 && x[2] === -1,
    ];
    const { net } = proposition2();
    for (let t = 0; t < 8; t++) {
      const x = X3(t);
      conds.forEach((c, i) => expect(preActivation(net, i, x) > 0).toBe(c(x)));
    }
    expect(PROPOSITION_2.u).toEqual([-1, 10, 10, -1, 10, 10]);
  });

  it("Proposition 3: the four cases X = −3, −1, 1, 3 give outputs −1, 1, −1, 1", () => {
    const { net } = proposition3();
    expect(PROPOSITION_3.W[0]).toEqual([0, 0, 0]); // h1 = σ(0·x + 1)
    for (let t = 0; t < 8; t++) {
      const x = X3(t);
      const X = x[0] + x[1] + x[2];
      const h = [0, 1, 2, 3].map((i) => Math.max(0, preActivation(net, i, x)));
      expect(h).toEqual([1, Math.max(0, X - 1), Math.max(0, X + 1), Math.max(0, -X - 1)]);
      expect(h[0] + 2 * h[1] - h[2] - h[3]).toBe(X === -3 || X === 1 ? -1 : 1);
    }
  });
});

describe("generalised threshold network", () => {
  it("has k + 1 integer neurons, interpolates the parity as a function of X exactly (±1)", () => {
    for (let k = 1; k <= 9; k++) {
      const local = thresholdLocal(k);
      expect(local.W).toHaveLength(k + 1);
      for (const v of [...local.W.flat(), ...local.b, ...local.u]) expect(Number.isInteger(v)).toBe(true);
      for (let m = 0; m <= k; m++) {
        const X = -k + 2 * m;
        let f = 0;
        local.W.forEach((row, i) => (f += local.u[i] * Math.max(0, row.reduce((a, w) => a + w, 0) * (X / k) + local.b[i])));
        expect(f).toBeCloseTo((k - m) % 2 === 0 ? 1 : -1, 12);
      }
    }
  });
  it("coincides in width with Proposition 3 at k = 3", () => {
    expect(thresholdNetwork(3).net.p).toBe(proposition3().net.p);
  });
});

describe("embedding and the definition", () => {
  it("every construction computes parity by the literal definition at small n, for several supports", () => {
    for (const c of CONSTRUCTIONS) {
      for (const support of [[0, 1, 2], [1, 3, 4], [4, 0, 2]]) {
        const { net, task } = c.build(3, { n: 5, support });
        expect(holdsByDefinition(net, task)).toBe(true);
        for (let i = 0; i < net.p; i++) for (let j = 0; j < 5; j++) if (!task.support.includes(j)) expect(net.W[i * 5 + j]).toBe(0);
      }
    }
  });
  it("the definition is strict: f = 0 somewhere is a failure", () => {
    const { net, task } = proposition1(2, { n: 2 });
    net.u[0] = 0; // pattern (+1, +1) now outputs 0
    expect(holdsByDefinition(net, task)).toBe(false);
  });
  it("bad claims are InputErrors", () => {
    expect(() => parityClaim(3, [0, 3])).toThrow(InputError);
    expect(() => parityClaim(3, [1, 1])).toThrow(InputError);
    expect(() => parityClaim(3, [])).toThrow(InputError);
    expect(parityClaim(5, [4, 0, 2]).support).toEqual([0, 2, 4]);
  });
});
