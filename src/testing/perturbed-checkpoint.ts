import fc from "fast-check";
import { cloneNetwork, type Network } from "../net/network.js";
import { RandomStream } from "../random/stream.js";

export interface PerturbationConstraints {
  /** Largest relative change of a parameter: v ↦ v·(1 + ε), |ε| ≤ scale. Default 0.01. */
  readonly scale?: number;
  /** Largest absolute noise added to every parameter (it moves zeros too). Default 0. */
  readonly absolute?: number;
}

/**
 * Copies of a checkpoint with every parameter of W, b and u perturbed, for asking
 * whether a property of a trained network survives small changes of its weights.
 * The noise comes from a seeded stream scaled by a magnitude in [0, 1] that shrinks
 * to 0, so a failing case shrinks towards the least perturbation that fails; this
 * stays cheap for a 1000 × 40 network.
 */
export function perturbedCheckpoint(net: Network, c: PerturbationConstraints = {}): fc.Arbitrary<Network> {
  const scale = c.scale ?? 0.01;
  const absolute = c.absolute ?? 0;
  return fc.tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.double({ min: 0, max: 1, noNaN: true })).map(([seed, magnitude]) => {
    const rng = new RandomStream(seed, "arbitrary");
    const out = cloneNetwork(net);
    for (const a of [out.W, out.b, out.u]) {
      for (let i = 0; i < a.length; i++) a[i] = a[i] * (1 + magnitude * scale * rng.uniform(-1, 1)) + magnitude * absolute * rng.uniform(-1, 1);
    }
    return out;
  });
}
