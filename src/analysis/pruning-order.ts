import { neuronNorms, type Network } from "../net/network.js";

/**
 * The pruning order of paper §2.1: hidden neurons ranked by the norm of their incoming
 * weights ‖W_i‖₂ (bias excluded), largest first. f_k keeps the first k neurons of this
 * order. Equal norms are ranked by the lower neuron index first, so the order, and
 * with it every f_k, is a function of the weights alone (the authors' numpy argsort
 * leaves ties to the sort algorithm). A NaN norm (from a NaN weight) ranks last.
 */
export function pruningOrder(norms: ArrayLike<number>): Int32Array {
  // A merge sort with the comparison written out: Int32Array.sort with a comparator calls
  // back into JavaScript for each of its ~p·log p comparisons, which took a fifth of a
  // millisecond per network, as long as everything else in the sweep's bookkeeping.
  const p = norms.length;
  const key = Float64Array.from(norms);
  let order = Int32Array.from({ length: p }, (_, i) => i);
  let spare = new Int32Array(p);
  for (let width = 1; width < p; width *= 2) {
    for (let lo = 0; lo < p; lo += 2 * width) {
      const mid = Math.min(lo + width, p);
      const hi = Math.min(lo + 2 * width, p);
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) spare[k++] = ranksFirst(key, order[b], order[a]) ? order[b++] : order[a++];
      while (a < mid) spare[k++] = order[a++];
      while (b < hi) spare[k++] = order[b++];
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** Whether neuron i comes before neuron j: larger norm first, equal norms by lower index, NaN norms last. */
function ranksFirst(norm: Float64Array, i: number, j: number): boolean {
  const a = norm[i];
  const b = norm[j];
  if (a > b) return true;
  if (a < b) return false;
  const aNaN = a !== a;
  const bNaN = b !== b;
  if (aNaN !== bNaN) return bNaN;
  return i < j;
}

/** The pruning order of a network, from its own weights. */
export function pruningOrderOf(net: Network): Int32Array {
  return pruningOrder(neuronNorms(net));
}

/** The first k neurons of the order: the hidden layer of f_k. */
export function topNeurons(order: Int32Array, k: number): Int32Array {
  return order.slice(0, k);
}
