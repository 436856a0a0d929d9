import fc from "fast-check";
import { createNetwork, type Network } from "../../src/net/network.js";
import type { Dataset } from "../../src/data/dataset.js";

/**
 * Small random networks and data for the analysis properties. Weights are dyadic
 * (multiples of 1/4 in [−4, 4]), so every sum is exact in float64: any two ways of
 * computing f_k agree bit for bit, and exact ties in ‖W_i‖ and exact zeros of f — the
 * cases the definitions must get right — come up often.
 */
export const dyadic = fc.integer({ min: -16, max: 16 }).map((v) => v / 4);

/** Any finite weight, for the properties that hold up to rounding. */
export const anyWeight = fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

export function networkArb(opts: { n?: { min: number; max: number }; p?: { min: number; max: number }; weight?: fc.Arbitrary<number> } = {}): fc.Arbitrary<Network> {
  const nr = opts.n ?? { min: 1, max: 20 };
  const pr = opts.p ?? { min: 1, max: 12 };
  const w = opts.weight ?? dyadic;
  return fc
    .record({ n: fc.integer(nr), p: fc.integer(pr) })
    .chain(({ n, p }) =>
      fc.record({
        W: fc.array(w, { minLength: p * n, maxLength: p * n }),
        b: fc.array(w, { minLength: p, maxLength: p }),
        u: fc.array(w, { minLength: p, maxLength: p }),
      }).map(({ W, b, u }) => {
        const net = createNetwork(n, p);
        net.W.set(W);
        net.b.set(b);
        net.u.set(u);
        return net;
      }),
    );
}

export function datasetArb(n: number, size: { min: number; max: number } = { min: 0, max: 24 }): fc.Arbitrary<Dataset> {
  const sign = fc.constantFrom(-1, 1);
  return fc.integer(size).chain((count) =>
    fc
      .record({
        X: fc.array(sign, { minLength: count * n, maxLength: count * n }),
        y: fc.array(sign, { minLength: count, maxLength: count }),
      })
      .map(({ X, y }) => ({ n, size: count, X: Int8Array.from(X), y: Int8Array.from(y) })),
  );
}

/** A network together with a dataset of the same n. */
export function networkAndData(opts: Parameters<typeof networkArb>[0] = {}, size?: { min: number; max: number }): fc.Arbitrary<{ net: Network; data: Dataset }> {
  return networkArb(opts).chain((net) => datasetArb(net.n, size).map((data) => ({ net, data })));
}
