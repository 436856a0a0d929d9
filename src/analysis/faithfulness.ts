import { evaluate, subnetwork, type Network } from "../net/network.js";
import { datasetRow, type Dataset } from "../data/dataset.js";

/**
 * Faithfulness of a subnetwork (paper §3.2, Figure 3 right): the fraction of points on
 * which the subnetwork alone — the network with every other hidden neuron masked out —
 * predicts what the full network predicts, sgn g(x) = sgn f(x). A zero output is its
 * own sign, as in the authors' torch.sign comparison.
 */
export function signAgreement(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  if (to <= from) return NaN;
  let same = 0;
  for (let r = from; r < to; r++) {
    const x = a[r];
    const y = b[r];
    if ((x > 0 ? 1 : x < 0 ? -1 : 0) === (y > 0 ? 1 : y < 0 ? -1 : 0)) same++;
  }
  return same / (to - from);
}

/** Accuracy of outputs against labels: sgn f(x) = y, so a zero output is wrong. */
export function accuracyOf(outputs: ArrayLike<number>, y: ArrayLike<number>, from = 0, to = y.length): number {
  if (to <= from) return NaN;
  let correct = 0;
  for (let r = from; r < to; r++) if (outputs[r] * y[r] > 0) correct++;
  return correct / (to - from);
}

/** Faithfulness of the subnetwork on `neurons` to `net` on `data`, by plain evaluation. */
export function faithfulness(net: Network, neurons: ArrayLike<number>, data: Dataset): number {
  const sub = subnetwork(net, neurons);
  const full = new Float64Array(data.size);
  const part = new Float64Array(data.size);
  for (let r = 0; r < data.size; r++) {
    const x = datasetRow(data, r);
    full[r] = evaluate(net, x);
    part[r] = evaluate(sub, x);
  }
  return signAgreement(part, full);
}
