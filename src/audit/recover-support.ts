import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";

/** How the support S used by the audit was obtained. */
export interface SupportChoice {
  readonly support: number[];
  readonly source: "given" | "recovered";
  /** For a recovered support: Σ_i |u_i|·|w_ij| over the neurons looked at, per bit j (largest first, as [bit, mass]). */
  readonly masses?: [number, number][];
  /** For a recovered support: mass of the weakest chosen bit over that of the strongest other bit. */
  readonly gapRatio?: number;
  /** Whether every labelled point of the data satisfies y = ∏_{j∈S} x_j (null without data). */
  readonly consistentWithData: boolean | null;
  /** How a recovered support was chosen, in words. */
  readonly method?: string;
}

/** The data search: subsets of the bits (heaviest first) up to this size, at most this many of them. */
export const SEARCH_MAX_K = 4;
export const SEARCH_MAX_SUBSETS = 300_000;

function* subsets(items: readonly number[], k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i < items.length; i++) yield* subsets(items, k, i + 1, [...prefix, items[i]]);
}

export function labelsMatchParity(data: Dataset, support: readonly number[]): boolean {
  for (let r = 0; r < data.size; r++) {
    let t = 1;
    for (const j of support) t *= data.X[r * data.n + j];
    if (t !== data.y[r]) return false;
  }
  return true;
}

/**
 * Recovers the support from the weights: rank bits by their output-weighted mass
 * Σ_{i∈neurons} |u_i|·|w_ij| (a grokked network's circuit neurons put nearly all their
 * weight on S, paper §3.3) and cut the ranking at the largest ratio between
 * consecutive masses. `maxK` bounds the support size considered.
 */
export function recoverSupport(net: Network, neurons: readonly number[], data: Dataset | null = null, maxK = Math.min(net.n - 1, 16)): SupportChoice {
  // The cut and the search look at the weights only; the data, when given, confirms or picks among candidates.
  const { n, W, u } = net;
  const mass = new Float64Array(n);
  for (const i of neurons) for (let j = 0; j < n; j++) mass[j] += Math.abs(u[i]) * Math.abs(W[i * n + j]);
  const bits = Array.from({ length: n }, (_, j) => j).sort((a, b) => mass[b] - mass[a] || a - b);
  let bestK = Math.min(1, n);
  let bestRatio = -Infinity;
  for (let k = 1; k <= Math.max(1, maxK) && k < n; k++) {
    const ratio = mass[bits[k]] === 0 ? (mass[bits[k - 1]] > 0 ? Infinity : 1) : mass[bits[k - 1]] / mass[bits[k]];
    if (ratio > bestRatio) {
      bestRatio = ratio;
      bestK = k;
    }
  }
  const cut = bits.slice(0, bestK).sort((a, b) => a - b);
  const masses = bits.map((j) => [j, mass[j]] as [number, number]);
  const base = { source: "recovered" as const, masses, gapRatio: bestRatio };
  if (!data) return { ...base, support: cut, consistentWithData: null, method: "the bits before the largest gap in output-weighted mass" };
  if (labelsMatchParity(data, cut)) return { ...base, support: cut, consistentWithData: true, method: "the bits before the largest gap in output-weighted mass, confirmed by the data labels" };
  // The weights do not single out the support (a network before grokking): look among the heaviest bits
  // for the smallest set whose parity is the data's labels, heavier sets first.
  let tried = 0;
  for (let k = 1; k <= Math.min(SEARCH_MAX_K, n) && tried < SEARCH_MAX_SUBSETS; k++) {
    for (const subset of subsets(bits, k)) {
      if (++tried > SEARCH_MAX_SUBSETS) break;
      if (labelsMatchParity(data, subset)) {
        return { ...base, support: [...subset].sort((a, b) => a - b), consistentWithData: true, method: `the smallest set of bits, heaviest first, whose parity matches the data labels (the largest mass gap gave {${cut.join(", ")}}, which does not)` };
      }
    }
  }
  return { ...base, support: cut, consistentWithData: false, method: `the bits before the largest gap in output-weighted mass; none of the first ${Math.min(tried, SEARCH_MAX_SUBSETS)} sets of at most ${SEARCH_MAX_K} bits matches the data labels` };
}

export function givenSupport(support: readonly number[], data: Dataset | null = null): SupportChoice {
  const s = [...support].sort((a, b) => a - b);
  return { support: s, source: "given", consistentWithData: data ? labelsMatchParity(data, s) : null };
}
