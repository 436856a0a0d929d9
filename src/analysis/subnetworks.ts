import { RandomStream } from "../random/stream.js";

/**
 * The competing subnetworks of paper §3.2 (Figure 3):
 * - generalizing: the final epoch's active subnetwork (pointwise definition), listed in
 *   the final epoch's pruning order;
 * - complementary: every other hidden neuron, in increasing index;
 * - control: a random set of the same size as the generalizing one, drawn uniformly from
 *   all p neurons (it may overlap the generalizing set, as the paper's "random neurons"
 *   do), in increasing index, from the stream RandomStream(seed, "control").
 */
export const SUBNETWORK_NAMES = ["generalizing", "complementary", "control"] as const;
export type SubnetworkName = (typeof SUBNETWORK_NAMES)[number];

export type CompetingSubnetworks = { readonly [K in SubnetworkName]: Int32Array };

export function competingSubnetworks(p: number, generalizing: ArrayLike<number>, seed: number): CompetingSubnetworks {
  const inside = new Uint8Array(p);
  for (let r = 0; r < generalizing.length; r++) {
    const i = generalizing[r];
    if (!(Number.isInteger(i) && i >= 0 && i < p)) throw new RangeError(`generalizing neuron ${i} is not in 0..${p - 1}`);
    if (inside[i]) throw new RangeError(`generalizing neuron ${i} is listed twice`);
    inside[i] = 1;
  }
  const complementary = new Int32Array(p - generalizing.length);
  for (let i = 0, c = 0; i < p; i++) if (!inside[i]) complementary[c++] = i;
  const control = Int32Array.from(new RandomStream(seed, "control").sample(p, generalizing.length));
  return { generalizing: Int32Array.from(generalizing), complementary, control };
}

/** Membership masks over the p neurons, one per subnetwork. */
export function membership(p: number, sets: CompetingSubnetworks): { readonly [K in SubnetworkName]: Uint8Array } {
  const mask = (idx: Int32Array) => {
    const m = new Uint8Array(p);
    for (const i of idx) m[i] = 1;
    return m;
  };
  return { generalizing: mask(sets.generalizing), complementary: mask(sets.complementary), control: mask(sets.control) };
}

/** Mean ‖W_i‖₂ over a set of neurons (Figure 3 left); 0 for an empty set. */
export function meanNorm(norms: ArrayLike<number>, neurons: ArrayLike<number>): number {
  if (neurons.length === 0) return 0;
  let s = 0;
  for (let r = 0; r < neurons.length; r++) s += norms[neurons[r]];
  return s / neurons.length;
}
