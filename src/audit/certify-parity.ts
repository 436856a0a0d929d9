import type { Network } from "../net/network.js";
import { DEFAULT_BUDGET, NEG, POS, searchCube, type CubeJudge } from "./cube-search.js";
import { certificateFrom, type Certificate } from "./certificate.js";

export interface CertifyOptions {
  /** Node budget of the branch and bound. */
  readonly budget?: number;
  /**
   * Keep searching after the first counterexample so as to count the whole cube
   * (exact population accuracy); by default the search stops at the first one.
   */
  readonly exhaustive?: boolean;
  /** Tighten open nodes with linear bounds (default true); false: interval bounds only. */
  readonly relax?: boolean;
}

/**
 * Decides whether sgn f(x) = ∏_{i∈S} x_i for every x ∈ {±1}^n (paper App. D: the net
 * "computes parity" iff f(x) > 0 when the parity is 1 and f(x) < 0 otherwise; f(x) = 0
 * is never correct). The support bits are branched on first, so that the target is
 * known at every node below depth |S|; for a grokked network the other bits then
 * rarely need branching. The rate of the certificate is the population accuracy.
 */
export function certifyParity(net: Network, support: readonly number[], opts: CertifyOptions = {}): Certificate {
  const k = new Set(support).size;
  const judge: CubeJudge = {
    judge(f, _g, x, depth) {
      if (!(f & (POS | NEG))) return "bad";
      if (depth < k) return "open";
      let t = 1;
      for (const j of support) t *= x[j];
      const want = t > 0 ? POS : NEG;
      if (f === want) return "good";
      return f & want ? "open" : "bad";
    },
  };
  const budget = opts.budget ?? DEFAULT_BUDGET;
  return certificateFrom(searchCube(net, judge, { first: support, budget, stopAtFirstBad: !opts.exhaustive, relax: opts.relax }), budget);
}
