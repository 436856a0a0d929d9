import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { embed, type Placement, type SupportNetwork } from "./embed.js";

/**
 * Proposition 2 (paper Appendix D): the 6-neuron network for k = 3, with the paper's
 * exact weights. h1 and h4 carry output weight −1, h2, h3, h5, h6 carry +10.
 */
export const PROPOSITION_2: SupportNetwork = {
  k: 3,
  W: [
    [-1, -1, 10],
    [-1, -1, 1],
    [1, 1, 1],
    [1, -1, -10],
    [-1, 1, -1],
    [1, -1, -1],
  ],
  b: [-9, -2, -2, -9, -2, -2],
  u: [-1, 10, 10, -1, 10, 10],
};

export function proposition2(placement: Placement = {}): { net: Network; task: ParityTask } {
  return embed(PROPOSITION_2, placement);
}
