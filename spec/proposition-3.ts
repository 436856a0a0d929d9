import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { embed, type Placement, type SupportNetwork } from "./embed.js";

/**
 * Proposition 3 (paper Appendix D, credited to a reviewer): the 4-neuron threshold
 * network for k = 3 on X = x1 + x2 + x3, with the paper's exact weights:
 * h1 = 1 (= σ(0·x + 1), a neuron with zero incoming weights), h2 = σ(X − 1),
 * h3 = σ(X + 1), h4 = σ(−X − 1); output h1 + 2h2 − h3 − h4.
 */
export const PROPOSITION_3: SupportNetwork = {
  k: 3,
  W: [
    [0, 0, 0],
    [1, 1, 1],
    [1, 1, 1],
    [-1, -1, -1],
  ],
  b: [1, -1, 1, -1],
  u: [1, 2, -1, -1],
};

export function proposition3(placement: Placement = {}): { net: Network; task: ParityTask } {
  return embed(PROPOSITION_3, placement);
}
