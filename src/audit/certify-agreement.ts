import type { Network } from "../net/network.js";
import { DEFAULT_BUDGET, searchCube, type CubeJudge } from "./cube-search.js";
import { certificateFrom, type Certificate } from "./certificate.js";
import type { CertifyOptions } from "./certify-parity.js";

/**
 * Decides whether sgn f(x) = sgn g(x) for every x ∈ {±1}^n, where g keeps only the
 * given neurons of f (e.g. its active subnetwork, paper §2.1): the pointwise
 * equivalence the active subnetwork is defined by on X, extended to the whole cube.
 * Both outputs are bounded at every node; a node where their sign sets are the same
 * singleton is good, one where they cannot meet is bad. `first` gives bits to branch
 * on first (the support, when known); the rest go by influence.
 */
export function certifyAgreement(net: Network, neurons: readonly number[], opts: CertifyOptions & { first?: readonly number[] } = {}): Certificate {
  const judge: CubeJudge = {
    judge(f, g) {
      if ((f & g) === 0) return "bad";
      if (f === g && (f & (f - 1)) === 0) return "good";
      return "open";
    },
  };
  const budget = opts.budget ?? DEFAULT_BUDGET;
  // Every neuron left out has u_i = 0: g ≡ f term by term, nothing to search.
  const inGroup = new Set(neurons);
  if (net.u.every((u, i) => u === 0 || inGroup.has(i))) {
    const total = 1n << BigInt(net.n);
    return certificateFrom({ good: total, bad: 0n, total, nodes: 0, budgetExhausted: false, firstBad: null, order: [], exactLeaves: 0, relaxedNodes: 0 }, budget);
  }
  return certificateFrom(searchCube(net, judge, { first: opts.first ?? [], group: neurons, budget, stopAtFirstBad: !opts.exhaustive, relax: opts.relax }), budget);
}
