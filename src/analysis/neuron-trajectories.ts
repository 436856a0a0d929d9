import { pruningOrder } from "./pruning-order.js";

/**
 * Individual neurons over training (paper Appendix B, Figure 5 left): the neurons of
 * largest ‖W_i‖₂ at the memorisation epoch (the first epoch with train accuracy > 98%)
 * and at the final epoch, followed through every epoch. (Figure 5 right, all neurons,
 * is the trajectory's per-epoch norms.)
 */
export const NEURON_ROLES = ["memorization-dominant", "final-dominant"] as const;
export type NeuronRole = (typeof NEURON_ROLES)[number];

/** How many dominant neurons Figure 5 follows per role. */
export const DOMINANT_COUNT = 5;

/** The `count` neurons of largest norm, largest first (ties by lower index, as the pruning order). */
export function dominantNeurons(norms: ArrayLike<number>, count = DOMINANT_COUNT): Int32Array {
  return pruningOrder(norms).slice(0, Math.min(count, norms.length));
}

export interface TrackedNeuron {
  readonly role: NeuronRole;
  readonly rank: number;
  readonly neuron: number;
}

/** The neurons followed for Figure 5; a role whose epoch never came (no memorisation) is left out. */
export function trackedNeurons(byRole: Partial<Record<NeuronRole, Int32Array | null>>): TrackedNeuron[] {
  const out: TrackedNeuron[] = [];
  for (const role of NEURON_ROLES) {
    const idx = byRole[role];
    if (!idx) continue;
    idx.forEach((neuron, rank) => out.push({ role, rank, neuron }));
  }
  return out;
}
