import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { referenceMetrics, referenceStep, type Hyper, type Metrics } from "./reference.js";

export type { Hyper, Metrics };

/**
 * Applies SGD steps on the given batches (row indices into `train`), in order, mutating
 * `net`; on return `net` holds the exact current weights.
 */
export function trainBatches(net: Network, train: Dataset, batches: readonly ArrayLike<number>[], hp: Hyper): void {
  for (const batch of batches) referenceStep(net, train, batch, hp);
}

/** Mean hinge loss and accuracy on a whole set. */
export function measure(net: Network, data: Dataset): Metrics {
  return referenceMetrics(net, data);
}
