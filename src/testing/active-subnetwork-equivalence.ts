import fc from "fast-check";
import { evaluate, subnetwork, type Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { activeSubnetwork } from "../audit/active-subnetwork.js";
import { signPattern } from "./sign-pattern.js";

export interface ActiveSubnetworkEquivalence {
  /** Effective sparsity on X. */
  readonly size: number;
  /** The active subnetwork's neurons (rank order by ‖W_i‖₂). */
  readonly neurons: readonly number[];
  /** sgn f(x) = sgn f_k(x), both evaluated plainly. */
  agreesAt(x: ArrayLike<number>): boolean;
  /** A fast-check property: agreement on uniformly random points of the cube. */
  onCube(): fc.IPropertyWithHooks<[Int8Array]>;
}

/**
 * The active subnetwork of `net` on the points X (paper §2.1, pointwise definition) and
 * the equivalence it promises. By definition it holds on every point of X; whether it
 * holds elsewhere on the cube is the question the property answers (a grokked network
 * is expected to pass, a memorising one to fail).
 */
export function activeSubnetworkEquivalence(net: Network, X: Dataset | Int8Array): ActiveSubnetworkEquivalence {
  const points = X instanceof Int8Array ? X : X.X;
  const active = activeSubnetwork(net, points);
  const sub = subnetwork(net, active.neurons);
  const agreesAt = (x: ArrayLike<number>) => Math.sign(evaluate(net, x)) === Math.sign(evaluate(sub, x));
  return {
    size: active.size,
    neurons: active.neurons,
    agreesAt,
    onCube: () => fc.property(signPattern(net.n), (x) => agreesAt(x)),
  };
}
