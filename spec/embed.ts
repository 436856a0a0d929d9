import { createNetwork, type Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { firstBits, parityClaim } from "./computes-parity.js";

/**
 * A network on the k support bits only: row i of `W` holds neuron i's weights on
 * x_{S_1}, …, x_{S_k} (the paper writes them x_1, x_2, x_3).
 */
export interface SupportNetwork {
  readonly k: number;
  readonly W: readonly (readonly number[])[];
  readonly b: readonly number[];
  readonly u: readonly number[];
}

/** Where to put a construction: input dimension n and support S (default: n = k, S = the first k bits). */
export interface Placement {
  readonly n?: number;
  readonly support?: readonly number[];
}

export function placementTask(k: number, placement: Placement = {}): ParityTask {
  const support = placement.support ?? firstBits(k);
  const n = placement.n ?? Math.max(k, support.length === 0 ? k : Math.max(...support) + 1);
  const task = parityClaim(n, support);
  if (task.support.length !== k) throw new RangeError(`this construction is for k = ${k}, but the support has ${task.support.length} coordinates`);
  return task;
}

/**
 * Embeds a support network at input dimension n with support S: column j of the local
 * network becomes column S_j; every weight outside S is exactly zero, which is what the
 * support lemma of proofs/ relies on.
 */
export function embed(local: SupportNetwork, placement: Placement = {}): { net: Network; task: ParityTask } {
  const task = placementTask(local.k, placement);
  const p = local.W.length;
  if (local.b.length !== p || local.u.length !== p) throw new RangeError("W, b and u disagree on the width");
  const net = createNetwork(task.n, p);
  for (let i = 0; i < p; i++) {
    const row = local.W[i];
    if (row.length !== local.k) throw new RangeError(`row ${i} has ${row.length} weights, expected k = ${local.k}`);
    for (let j = 0; j < local.k; j++) net.W[i * task.n + task.support[j]] = row[j];
    net.b[i] = local.b[i];
    net.u[i] = local.u[i];
  }
  return { net, task };
}
