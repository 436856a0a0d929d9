import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { packInputs, sweepNeurons } from "./hidden-layer.js";
import { PrefixSignTracker, type PruningProfile } from "./pruning-profile.js";
import { pruningOrderOf } from "./pruning-order.js";

/**
 * Active subnetworks and effective sparsity (paper §2.1). f_k keeps the k neurons of
 * largest ‖W_i‖₂ (see pruning-order.ts); k runs over 0..p, f_0 ≡ 0 and f_p = f.
 *
 * - `pointwise` (the paper's definition, the default): the least k with
 *   sgn f_k(x) = sgn f(x) for every x in the support X.
 * - `accuracy` (the authors' code): the least k whose accuracy on X equals f's. Their
 *   `circuit_discovery_binary` finds such a k by binary search, which assumes the
 *   criterion is monotone in k; here every k is looked at, so this is the least one
 *   (their `circuit_discovery_linear`, which starts at k = 1; k = 0 is f_0 ≡ 0).
 * - `stable`: the least k such that every k' ≥ k agrees pointwise. It differs from
 *   `pointwise` exactly when pruning is not monotone: some f_k agrees with f on X but a
 *   larger f_k' does not.
 *
 * Agreement with f implies equal accuracy, so stable ≥ pointwise ≥ accuracy.
 * The effective sparsity is the k of the active subnetwork f_k.
 */
export const SPARSITY_DEFINITIONS = ["pointwise", "accuracy", "stable"] as const;
export type SparsityDefinition = (typeof SPARSITY_DEFINITIONS)[number];

export type EffectiveSparsity = { readonly [D in SparsityDefinition]: number };

export function sparsityFromProfile(profile: PruningProfile): EffectiveSparsity {
  const { p, disagreements, correct } = profile;
  let pointwise = p;
  for (let k = 0; k <= p; k++) {
    if (disagreements[k] === 0) {
      pointwise = k;
      break;
    }
  }
  let accuracy = p;
  for (let k = 0; k <= p; k++) {
    if (correct[k] === correct[p]) {
      accuracy = k;
      break;
    }
  }
  let stable = 0;
  for (let k = p; k >= 0; k--) {
    if (disagreements[k] !== 0) {
      stable = k + 1;
      break;
    }
  }
  return { pointwise, accuracy, stable };
}

/** The pruning profile of `net` on the support X, in one pass over its hidden layer. */
export function pruningProfile(net: Network, support: Dataset, order: Int32Array = pruningOrderOf(net)): PruningProfile {
  const points = packInputs(support.X, support.n, support.size);
  const tracker = new PrefixSignTracker(net.p, support.y, null);
  sweepNeurons(net, order, points, (i, _rank, h) => tracker.add(net.u[i], h));
  return tracker.profile();
}

/** Effective sparsity of `net` on the support X by all three definitions. */
export function effectiveSparsity(net: Network, support: Dataset, order: Int32Array = pruningOrderOf(net)): EffectiveSparsity {
  return sparsityFromProfile(pruningProfile(net, support, order));
}

/** The neurons of the active subnetwork (in pruning order) by the given definition. */
export function activeSubnetwork(net: Network, support: Dataset, definition: SparsityDefinition = "pointwise", order: Int32Array = pruningOrderOf(net)): Int32Array {
  const k = effectiveSparsity(net, support, order)[definition];
  return order.slice(0, k);
}

/** Pruning is not monotone when some f_k agrees with f on X while a larger f_k' does not. */
export function isNonMonotone(s: EffectiveSparsity): boolean {
  return s.stable !== s.pointwise;
}
