import fc from "fast-check";
import { createNetwork, type Network } from "../net/network.js";

export interface ReluNetworkConstraints {
  /** Input dimension, or a range. */
  readonly n?: number | { min: number; max: number };
  /** Hidden width, or a range. */
  readonly p?: number | { min: number; max: number };
  /**
   * Parameter values. The default mixes small integers (exact ties: pre-activations and
   * outputs that are exactly 0) with arbitrary finite doubles in [−2, 2].
   */
  readonly weight?: fc.Arbitrary<number>;
}

export const defaultWeight: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }),
);

function intArb(v: number | { min: number; max: number } | undefined, dflt: { min: number; max: number }): fc.Arbitrary<number> {
  return typeof v === "number" ? fc.constant(v) : fc.integer(v ?? dflt);
}

/** One-hidden-layer ReLU networks f(x) = uᵀσ(Wx + b) (paper §2). */
export function reluNetwork(c: ReluNetworkConstraints = {}): fc.Arbitrary<Network> {
  const weight = c.weight ?? defaultWeight;
  return fc.tuple(intArb(c.n, { min: 1, max: 8 }), intArb(c.p, { min: 1, max: 6 })).chain(([n, p]) =>
    fc.array(weight, { minLength: p * (n + 2), maxLength: p * (n + 2) }).map((values) => {
      const net = createNetwork(n, p);
      net.W.set(values.slice(0, p * n));
      net.b.set(values.slice(p * n, p * n + p));
      net.u.set(values.slice(p * n + p));
      return net;
    }),
  );
}
