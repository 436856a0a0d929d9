import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createNetwork, type Network } from "../../src/net/network.js";
import { PrefixSignTracker } from "../../src/analysis/pruning-profile.js";
import { FlipSensitivity } from "../../src/analysis/sensitivity.js";

/**
 * The hot loops of the pruning profile and of the flip accumulator take ReLUs branch-free
 * and skip work they can prove changes nothing. These properties check them bit for bit
 * against the plain loops they replace (max(h, 0), one branch per point), on values that
 * reach every corner of float64: ±0, subnormals, numbers near 2^1023, ±∞ and NaN.
 */
const extreme = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 5e-324, -5e-324, 2 ** -1022, -(2 ** -1022), 2 ** 1022, -(2 ** 1022), 2 ** 1023, -(2 ** 1023), Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN),
  fc.integer({ min: -8, max: 8 }).map((v) => v / 4),
);

const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** Bit-for-bit equality of two float arrays (−0 differs from +0, NaN equals NaN). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, r) => Object.is(v, b[r]));
}

describe("pruning profile kernel", () => {
  it("gives the plain prefix sums f += u·max(h, 0) bit for bit, and the signs of every f_k", () => {
    const caseArb = fc.record({ p: fc.integer({ min: 1, max: 6 }), size: fc.integer({ min: 1, max: 8 }) }).chain(({ p, size }) =>
      fc.record({
        u: fc.array(extreme, { minLength: p, maxLength: p }),
        h: fc.array(fc.array(extreme, { minLength: size, maxLength: size }), { minLength: p, maxLength: p }),
        y: fc.array(fc.constantFrom(-1, 1), { minLength: size, maxLength: size }),
        alsoFor: fc.array(fc.boolean(), { minLength: p, maxLength: p }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ u, h, y, alsoFor }) => {
        const p = u.length;
        const size = y.length;
        const tracker = new PrefixSignTracker(p, Int8Array.from(y), null);
        const also = new Float64Array(size);
        const f = new Float64Array(size);
        const plainAlso = new Float64Array(size);
        const signs: number[][] = [Array.from(f, sgn)];
        for (let k = 0; k < p; k++) {
          const hk = Float64Array.from(h[k]);
          tracker.add(u[k], hk, alsoFor[k] ? also : null);
          for (let r = 0; r < size; r++) {
            const c = u[k] * Math.max(hk[r], 0);
            f[r] += c;
            if (alsoFor[k]) plainAlso[r] += c;
          }
          signs.push(Array.from(f, sgn));
        }
        expect(sameBits(tracker.f, f)).toBe(true);
        expect(sameBits(also, plainAlso)).toBe(true);
        const profile = tracker.profile();
        for (let k = 0; k <= p; k++) {
          expect(profile.disagreements[k]).toBe(signs[k].filter((s, r) => s !== signs[p][r]).length);
          expect(profile.correct[k]).toBe(signs[k].filter((s, r) => s === y[r]).length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** The flip accumulator as first written: one branch per point, max(v, 0) for every ReLU. Counts changed flips per point. */
function plainFlipCounts(net: Network, neurons: number[], hs: Float64Array[], X: Int8Array, m: number): number[] {
  const { n } = net;
  const base = new Float64Array(m);
  const linear = new Float64Array(m);
  const grad = new Float64Array(m * n);
  const flipped = new Float64Array(m * n);
  neurons.forEach((i, k) => {
    const u = net.u[i];
    let reach = 0;
    for (let j = 0; j < n; j++) if (Math.abs(net.W[i * n + j]) > reach) reach = Math.abs(net.W[i * n + j]);
    reach *= 2;
    for (let r = 0; r < m; r++) {
      const hv = hs[k][r];
      if (hv + reach <= 0) continue;
      if (hv - reach > 0) {
        base[r] += u * hv;
        linear[r] += u * hv;
        for (let j = 0; j < n; j++) grad[r * n + j] += u * net.W[i * n + j];
      } else {
        base[r] += u * Math.max(hv, 0);
        for (let j = 0; j < n; j++) flipped[r * n + j] += u * Math.max(hv - 2 * X[r * n + j] * net.W[i * n + j], 0);
      }
    }
  });
  return Array.from({ length: m }, (_, r) => {
    let c = 0;
    for (let j = 0; j < n; j++) if (sgn(linear[r] - 2 * X[r * n + j] * grad[r * n + j] + flipped[r * n + j]) !== sgn(base[r])) c++;
    return c;
  });
}

describe("flip accumulator kernel", () => {
  it("counts the same changed flips as the plain accumulator, point by point, for any weights and pre-activations", () => {
    const caseArb = fc.record({ n: fc.integer({ min: 1, max: 9 }), p: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 6 }) }).chain(({ n, p, m }) =>
      fc.record({
        W: fc.array(extreme, { minLength: p * n, maxLength: p * n }),
        u: fc.array(extreme, { minLength: p, maxLength: p }),
        X: fc.array(fc.constantFrom(-1, 1), { minLength: m * n, maxLength: m * n }),
        neurons: fc.uniqueArray(fc.integer({ min: 0, max: p - 1 }), { minLength: 1, maxLength: p }),
        h: fc.array(fc.array(extreme, { minLength: m, maxLength: m }), { minLength: p, maxLength: p }),
        reuse: fc.boolean(),
      }).map((c) => ({ ...c, n, p, m })),
    );
    fc.assert(
      fc.property(caseArb, ({ n, p, m, W, u, X, neurons, h, reuse }) => {
        const net = createNetwork(n, p);
        net.W.set(W);
        net.u.set(u);
        const x = Int8Array.from(X);
        // The counter sums over the neurons in rank order; with the identity order, that is increasing index.
        const sorted = [...neurons].sort((a, b) => a - b);
        const hs = sorted.map((i) => Float64Array.from(h[i]));
        const order = Int32Array.from({ length: p }, (_, i) => i);
        const acc = new FlipSensitivity(n, x, Int32Array.from({ length: m }, (_, r) => r));
        if (reuse) {
          // A counter used for another network first must behave as a new one.
          acc.begin(net, order);
          for (let i = 0; i < p; i++) acc.record(i, Float64Array.from({ length: m }, () => 1));
          acc.changedFlips(order);
          acc.end();
        }
        acc.begin(net, order);
        sorted.forEach((i, k) => acc.record(i, hs[k]));
        const got = acc.changedFlips(Int32Array.from(sorted));
        const want = plainFlipCounts(net, sorted, hs, x, m);
        for (let r = 0; r < m; r++) expect(got[r], `point ${r}`).toBe(want[r]);
        acc.end();
      }),
      { numRuns: 500 },
    );
  });
});
