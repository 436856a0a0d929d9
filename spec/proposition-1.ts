import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { embed, type Placement, type SupportNetwork } from "./embed.js";
import { parityOfPattern } from "./computes-parity.js";

/**
 * Proposition 1 (paper Appendix D): 2^k neurons, one AND term per sign pattern a of the
 * support bits. Neuron a is σ(a·z − (k − 1)): a·z = k − 2·d(a, z), so it is 1 when z = a and
 * ≤ 0 otherwise ("the bias term is crucial here"). Its output weight is the parity of a.
 * Neuron order: pattern index t, bit j of t set ⇔ a_j = −1.
 */
export function proposition1Local(k: number): SupportNetwork {
  if (!Number.isSafeInteger(k) || k < 1 || k > 20) throw new RangeError(`Proposition 1 is built for 1 ≤ k ≤ 20, got ${k}`);
  const W: number[][] = [];
  const b: number[] = [];
  const u: number[] = [];
  for (let t = 0; t < 2 ** k; t++) {
    const a = Array.from({ length: k }, (_, j) => ((t >> j) & 1 ? -1 : 1));
    W.push(a);
    b.push(-(k - 1));
    u.push(parityOfPattern(a));
  }
  return { k, W, b, u };
}

export function proposition1(k: number, placement: Placement = {}): { net: Network; task: ParityTask } {
  return embed(proposition1Local(k), placement);
}
