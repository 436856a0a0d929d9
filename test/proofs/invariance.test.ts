import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cloneNetwork, createNetwork, neuronNorms, subnetwork, type Network } from "../../src/net/network.js";
import type { ParityTask } from "../../src/data/parity.js";
import { CONSTRUCTIONS } from "../../spec/index.js";
import { verifyByBruteForce, verifyBySupport, type Verdict } from "../../proofs/verify.js";
import { toText } from "../../proofs/rational.js";

/**
 * The verdict is a property of the function f and the claim, so it must not change under
 * the symmetries that preserve them: moving S by permuting input coordinates, permuting the
 * hidden neurons, and the positive rescaling (w_i, b_i) → c(w_i, b_i), u_i → u_i / c.
 */
const base = fc
  .record({
    which: fc.integer({ min: 0, max: CONSTRUCTIONS.length - 1 }),
    k: fc.integer({ min: 1, max: 4 }),
    extra: fc.integer({ min: 0, max: 2 }),
    mutate: fc.option(fc.record({ neuron: fc.nat(), col: fc.nat(), delta: fc.integer({ min: -2, max: 2 }) })),
    uScale: fc.constantFrom(1, 3, 5),
  })
  .map(({ which, k: k0, extra, mutate, uScale }) => {
    const c = CONSTRUCTIONS[which];
    const k = c.onlyK ?? k0;
    const n = k + extra;
    const { net, task } = c.build(k, { n, support: Array.from({ length: k }, (_, j) => j + extra) });
    if (mutate) {
      const i = mutate.neuron % net.p;
      const j = task.support[mutate.col % k];
      net.W[i * n + j] += mutate.delta;
    }
    for (let i = 0; i < net.p; i++) net.u[i] *= uScale;
    return { net, task, uScale };
  });

function summary(v: Verdict) {
  return { holds: v.holds, minMargin: toText(v.minMargin), outputs: v.outputs?.map(toText).sort() };
}

function permuteInputs(net: Network, task: ParityTask, pi: readonly number[]): { net: Network; task: ParityTask } {
  const m = createNetwork(net.n, net.p);
  for (let i = 0; i < net.p; i++) for (let j = 0; j < net.n; j++) m.W[i * net.n + pi[j]] = net.W[i * net.n + j];
  m.b.set(net.b);
  m.u.set(net.u);
  return { net: m, task: { n: task.n, support: task.support.map((s) => pi[s]).sort((a, b) => a - b) } };
}

function rescale(net: Network, i: number, c: number): Network {
  const m = cloneNetwork(net);
  for (let j = 0; j < net.n; j++) m.W[i * net.n + j] *= c;
  m.b[i] *= c;
  m.u[i] /= c;
  return m;
}

describe("invariance of the verdict", () => {
  it("under permuting input coordinates (moving S)", () => {
    fc.assert(fc.property(base.chain((x) => fc.record({ x: fc.constant(x), pi: fc.shuffledSubarray([...Array(x.net.n).keys()], { minLength: x.net.n, maxLength: x.net.n }) })), ({ x, pi }) => {
      const moved = permuteInputs(x.net, x.task, pi);
      expect(summary(verifyBySupport(moved.net, moved.task, { collect: true }))).toEqual(summary(verifyBySupport(x.net, x.task, { collect: true })));
      expect(verifyByBruteForce(moved.net, moved.task).holds).toBe(verifyByBruteForce(x.net, x.task).holds);
    }), { numRuns: 150 });
  });

  it("under permuting hidden neurons", () => {
    fc.assert(fc.property(base.chain((x) => fc.record({ x: fc.constant(x), order: fc.shuffledSubarray([...Array(x.net.p).keys()], { minLength: x.net.p, maxLength: x.net.p }) })), ({ x, order }) => {
      const permuted = subnetwork(x.net, order);
      const a = verifyBySupport(permuted, x.task, { collect: true });
      const b = verifyBySupport(x.net, x.task, { collect: true });
      expect(a.outputs!.map(toText)).toEqual(b.outputs!.map(toText));
      expect(a.holds).toBe(b.holds);
    }), { numRuns: 150 });
  });

  it("under positive rescaling (w_i, b_i) → c(w_i, b_i), u_i → u_i/c (f unchanged exactly)", () => {
    const arb = base.chain((x) => fc.record({ x: fc.constant(x), i: fc.nat({ max: x.net.p - 1 }), c: fc.constantFrom(0.125, 0.25, 0.5, 2, 4, 1024, x.uScale) }));
    fc.assert(fc.property(arb, ({ x, i, c }) => {
      const r = rescale(x.net, i, c);
      const a = verifyBySupport(r, x.task, { collect: true });
      const b = verifyBySupport(x.net, x.task, { collect: true });
      expect(a.outputs!.map(toText)).toEqual(b.outputs!.map(toText));
      expect(a.holds).toBe(b.holds);
    }), { numRuns: 150 });
  });
});

/** Least t such that the t neurons of largest ‖W_i‖ compute parity (the paper's pruning order, §2.1). */
function prunedWidth(net: Network, task: ParityTask): number {
  const norms = neuronNorms(net);
  const order = [...norms.keys()].sort((a, b) => norms[b] - norms[a] || a - b);
  for (let t = 1; t <= net.p; t++) if (verifyBySupport(subnetwork(net, order.slice(0, t)), task).holds) return t;
  return Infinity;
}

describe("rescaling and the pruning order by ‖W_i‖", () => {
  it("a generated example: rescaling leaves f unchanged but moves a dead neuron from first to last, changing the pruned width", () => {
    const arb = fc.record({
      which: fc.integer({ min: 0, max: CONSTRUCTIONS.length - 1 }),
      k: fc.integer({ min: 1, max: 4 }),
      a: fc.integer({ min: 3, max: 8 }),
      u: fc.integer({ min: -4, max: 4 }).filter((v) => v !== 0),
      e: fc.integer({ min: 6, max: 12 }),
    });
    fc.assert(fc.property(arb, ({ which, k: k0, a, u, e }) => {
      const con = CONSTRUCTIONS[which];
      const k = con.onlyK ?? k0;
      const { net, task } = con.build(k);
      // A neuron that is never active on the cube: a·Σx − (a·k + 1) < 0, with a large norm a√k.
      const withDead = createNetwork(k, net.p + 1);
      withDead.W.set(net.W, k);
      withDead.b.set(net.b, 1);
      withDead.u.set(net.u, 1);
      for (let j = 0; j < k; j++) withDead.W[j] = a * (j === 0 ? 3 : 1);
      withDead.b[0] = -(a * (k + 2) + 1);
      withDead.u[0] = u;
      const c = 2 ** -e;
      const rescaled = rescale(withDead, 0, c);
      // f is unchanged, exactly, on every input…
      const before = verifyBySupport(withDead, task, { collect: true });
      const after = verifyBySupport(rescaled, task, { collect: true });
      expect(after.outputs!.map(toText)).toEqual(before.outputs!.map(toText));
      expect(after.holds).toBe(true);
      // …but the ranking by ‖W_i‖ is not: the dead neuron goes from first to behind every
      // neuron with nonzero incoming weights…
      const rank = (m: Network) => [...neuronNorms(m).keys()].sort((x, y) => neuronNorms(m)[y] - neuronNorms(m)[x] || x - y);
      const norms = Array.from(neuronNorms(net));
      if (a * Math.sqrt(k + 8) > Math.max(...norms)) expect(rank(withDead)[0]).toBe(0);
      const nonzero = norms.filter((v) => v > 0).length;
      expect(rank(rescaled).indexOf(0)).toBe(nonzero);
      // …so the pruned width the ranking yields shrinks while f does not change. (A neuron with
      // zero incoming weights, like Proposition 3's h1 = σ(1), always ranks last, so there the
      // dead neuron still sits in front of it and the width stays.)
      if (rank(withDead)[0] === 0) {
        const wBefore = prunedWidth(withDead, task);
        const wAfter = prunedWidth(rescaled, task);
        if (nonzero === net.p) expect(wAfter).toBe(wBefore - 1);
        else expect(wAfter).toBeLessThanOrEqual(wBefore);
      }
    }), { numRuns: 60 });
  });
});
