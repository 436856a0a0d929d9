import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cloneNetwork, type Network } from "../../src/net/network.js";
import { classifyCircuit, signedSumSpread, type NeuronShape } from "../../src/audit/classify-circuit.js";
import { supportProfile } from "../../src/audit/neuron-structure.js";
import { certifyParity } from "../../src/audit/certify-parity.js";
import { parityTask } from "../../src/testing/index.js";
import { proposition1, proposition2, proposition3 } from "./constructions.js";

function shapes(net: Network, support: readonly number[]): NeuronShape[] {
  return Array.from({ length: net.p }, (_, i) => {
    const profile = supportProfile(net, i, support);
    return { neuron: i, u: net.u[i], status: profile.status, supportWeights: profile.supportWeights, tolerance: profile.offSupportMass };
  });
}

/** Applies a symmetry of the cube to a network on S: permute S, flip some bits (negating u when an odd number is flipped, so that it still computes parity). */
function transformed(net: Network, support: readonly number[], perm: readonly number[], flips: readonly boolean[]): Network {
  const out = cloneNetwork(net);
  const { n } = net;
  for (let i = 0; i < net.p; i++) {
    support.forEach((j, s) => (out.W[i * n + support[perm[s]]] = net.W[i * n + j] * (flips[s] ? -1 : 1)));
  }
  if (flips.filter(Boolean).length % 2 === 1) for (let i = 0; i < net.p; i++) out.u[i] = -net.u[i];
  return out;
}

const symmetry = fc.tuple(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }));

describe("classification of the paper's constructions (App. D)", () => {
  it("Proposition 1 is dnf, for every k ≤ 4 and every support", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 4, max: 40 }, k: { min: 1, max: 4 } }), (task) => {
        const net = proposition1(task.n, task.support);
        const c = classifyCircuit(shapes(net, task.support), task.support.length);
        expect(c.class).toBe("dnf");
        expect(c.live).toBe(2 ** task.support.length);
      }),
      { numRuns: 30 },
    );
  });

  it("Proposition 2 is dnf-6 under every symmetry of the cube, and the transformed net still computes parity", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 3, max: 40 }, k: 3 }), symmetry, (task, [perm, flips]) => {
        const net = transformed(proposition2(task.n, task.support), task.support, perm, flips);
        expect(certifyParity(net, task.support).verdict).toBe("certified");
        const c = classifyCircuit(shapes(net, task.support), 3);
        expect(c.class).toBe("dnf-6");
      }),
      { numRuns: 60 },
    );
  });

  it("Proposition 3 is threshold, also after a symmetry, and not dnf or dnf-6", () => {
    fc.assert(
      fc.property(parityTask({ n: { min: 3, max: 40 }, k: 3 }), symmetry, (task, [perm, flips]) => {
        const net = transformed(proposition3(task.n, task.support), task.support, perm, flips);
        expect(certifyParity(net, task.support).verdict).toBe("certified");
        const c = classifyCircuit(shapes(net, task.support), 3);
        expect(c.class).toBe("threshold");
        expect(c.reasons).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("small off-support weights that never change a neuron's on/off table keep the class", () => {
    const S = [0, 5, 9];
    for (const build of [proposition1, proposition2]) {
      const net = build(40, S);
      for (let i = 0; i < net.p; i++) for (let j = 0; j < 40; j++) if (!S.includes(j)) net.W[i * 40 + j] = ((i * 7 + j * 13) % 11 - 5) * 1e-3;
      expect(classifyCircuit(shapes(net, S), 3).class).toBe(build === proposition1 ? "dnf" : "dnf-6");
      expect(certifyParity(net, S).verdict).toBe("certified");
    }
  });

  it("a neuron whose on/off table depends on bits off the support makes the class other, with the reason", () => {
    const S = [0, 1, 2];
    const net = proposition1(10, S);
    net.W[0 * 10 + 7] = 1.5;
    const c = classifyCircuit(shapes(net, S), 3);
    expect(c.class).toBe("other");
    expect(c.reasons[0]).toMatch(/dnf, dnf-6: neurons 0 are on or off depending on bits off the support/);
  });

  it("wrong output signs and missing patterns are named", () => {
    const S = [0, 1, 2];
    const flipped = proposition1(5, S);
    flipped.u[3] = -flipped.u[3];
    expect(classifyCircuit(shapes(flipped, S), 3).reasons.join(" ")).toMatch(/dnf: neurons 3 have an output sign opposite/);
    const missing = proposition1(5, S);
    missing.u[5] = 0;
    expect(classifyCircuit(shapes(missing, S), 3).reasons.join(" ")).toMatch(/dnf: no neuron for patterns/);
  });

  it("Proposition 3 with unequal support weights and noise off the support is threshold by its weights, within the off-support mass only", () => {
    const S = [1, 2, 3];
    const net = proposition3(12, S);
    // neuron 3: −(1, 1.05, 0.95)·x_S − 1, so its on/off table at X = −1 is no longer a function of X.
    net.W[3 * 12 + 2] = -1.05;
    net.W[3 * 12 + 3] = -0.95;
    const noisy = cloneNetwork(net);
    for (let i = 0; i < 4; i++) for (const j of [0, 5, 9]) noisy.W[i * 12 + j] = 0.05;
    const c = classifyCircuit(shapes(noisy, S), 3);
    expect(c.class).toBe("threshold");
    expect(c.detail).toMatch(/by its weights/);
    // Without bits off S to excuse it, the spread of 0.1 exceeds the tolerance of 0.
    expect(classifyCircuit(shapes(net, S), 3).class).toBe("other");
  });

  it("signedSumSpread: 0 for ±a·s, the L1 spread of magnitudes otherwise, ∞ for mixed signs", () => {
    expect(signedSumSpread([2, -2, 2], [1, -1, 1])).toBe(0);
    expect(signedSumSpread([-2, 2, -2], [1, -1, 1])).toBe(0);
    expect(signedSumSpread([1, -2, 3], [1, -1, 1])).toBeCloseTo(2);
    expect(signedSumSpread([1, 2, 3], [1, -1, 1])).toBe(Infinity);
    expect(signedSumSpread([0, 0, 0], [1, 1, 1])).toBe(0);
  });
});
