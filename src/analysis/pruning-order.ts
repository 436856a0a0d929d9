import { neuronNorms, type Network } from "../net/network.js";

/**
 * The pruning order of paper §2.1: hidden neurons ranked by the norm of their incoming
 * weights ‖W_i‖₂ (bias excluded), largest first. f_k keeps the first k neurons of this
 * order. Equal norms are ranked by the lower neuron index first, so the order, and
 * with it every f_k, is a function of the weights alone (the authors' numpy argsort
 * leaves ties to the sort algorithm).
 */
export function pruningOrder(norms: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: norms.length }, (_, i) => i);
  order.sort((a, b) => {
    const d = norms[b] - norms[a];
    return d !== 0 ? d : a - b;
  });
  return order;
}

/** The pruning order of a network, from its own weights. */
export function pruningOrderOf(net: Network): Int32Array {
  return pruningOrder(neuronNorms(net));
}

/** The first k neurons of the order: the hidden layer of f_k. */
export function topNeurons(order: Int32Array, k: number): Int32Array {
  return order.slice(0, k);
}
