import { neuronNorms, type Network } from "../net/network.js";

/**
 * The pruning order of paper §2.1: hidden neurons ranked by the norm of their incoming
 * weights ‖W_i‖₂ (bias excluded), largest first. f_k keeps the first k neurons of this
 * order. Equal norms are ranked by the lower neuron index first, so the order, and
 * with it every f_k, is a function of the weights alone (the authors' numpy argsort
 * leaves ties to the sort algorithm). A NaN norm (from a NaN weight) ranks last. A `hint`
 * (any permutation, typically the previous epoch's order) only makes it faster.
 */
export function pruningOrder(norms: ArrayLike<number>, hint?: Int32Array): Int32Array {
  const p = norms.length;
  const key = Float64Array.from(norms);
  if (hint !== undefined && hint.length === p) {
    const order = fromHint(key, hint);
    if (order !== null) return order;
  }
  // A merge sort with the comparison written out: Int32Array.sort with a comparator calls
  // back into JavaScript for each of its ~p·log p comparisons, which took a fifth of a
  // millisecond per network, as long as everything else in the sweep's bookkeeping.
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

/**
 * The order by insertion sort from `hint` (a permutation, say the previous epoch's order,
 * which the norms change little), or null when that would take more than ~8p moves. The
 * order is total, so this is the same order as the merge sort's.
 */
function fromHint(key: Float64Array, hint: Int32Array): Int32Array | null {
  const p = key.length;
  const order = Int32Array.from(hint);
  const seen = new Uint8Array(p);
  for (let r = 0; r < p; r++) {
    const i = order[r];
    if (!(i >= 0 && i < p) || seen[i] === 1) return null;
    seen[i] = 1;
  }
  let budget = 8 * p;
  for (let r = 1; r < p; r++) {
    const i = order[r];
    let q = r - 1;
    while (q >= 0 && ranksFirst(key, i, order[q])) {
      order[q + 1] = order[q];
      q--;
      if (--budget < 0) return null;
    }
    order[q + 1] = i;
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
