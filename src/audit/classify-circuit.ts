import { networkFromArrays } from "../net/network.js";
import { patternParity, supportPatterns, supportProfile, type PatternStatus } from "./neuron-structure.js";

/**
 * The DNF audit (paper §3.3 and App. D): which of the paper's circuit shapes a
 * subnetwork has, judged from each neuron's exact on/off table over the 2^k support
 * patterns and the sign of its output weight.
 *   dnf       Proposition 1: each neuron on for exactly one pattern, u_i's sign that pattern's parity, every pattern covered.
 *   dnf-6     Proposition 2 (k = 3): the six neurons' on-sets and output signs equal the paper's up to a symmetry of the cube
 *             (permuting support bits; flipping some, with all output signs flipped when an odd number is flipped).
 *   threshold Proposition 3: every neuron is a function of one common signed sum X = Σ_{j∈S} s_j x_j: either its
 *             on/off table is constant on the level sets of X, or its support weights are ±a·s up to a spread
 *             Σ_j ||w_j| − a| no larger than its tolerance (the audit passes the neuron's off-support mass: the
 *             deviation from a function of X is then no larger than what the other bits already move it by).
 *   other     none of these; the reasons say what does not fit.
 * Neurons off on every pattern for every completion contribute nothing on the cube and are left out.
 */
export type CircuitClass = "dnf" | "dnf-6" | "threshold" | "other";

export interface NeuronShape {
  readonly neuron: number;
  readonly u: number;
  readonly status: readonly PatternStatus[];
  /** w_j for j ∈ S, for the weight form of the threshold test. */
  readonly supportWeights?: readonly number[];
  /** Allowed spread of |w_j| around their mean in that test (default 0: exactly equal magnitudes). */
  readonly tolerance?: number;
}

export interface Classification {
  readonly class: CircuitClass;
  /** Neurons that are on somewhere on the cube. */
  readonly live: number;
  /** For `dnf`: how many patterns have more than one neuron. For `threshold`: the signed sum as ±1 per support bit. */
  readonly detail: string;
  /** Why each other shape does not fit (empty entries omitted). */
  readonly reasons: string[];
  /** A short description of each neuron's role. */
  readonly roles: { neuron: number; role: string }[];
}

export function patternLabel(pattern: readonly number[]): string {
  return pattern.map((v) => (v > 0 ? "+" : "-")).join("");
}

function onMask(status: readonly PatternStatus[]): number {
  return status.reduce((m, s, t) => (s === "on" ? m | (1 << t) : m), 0);
}

/** "3, 7, 12" — or the first ten and how many in all, so that a reason stays one readable line. */
function listNeurons(shapes: readonly NeuronShape[]): string {
  const ids = shapes.map((s) => s.neuron);
  return ids.length <= 10 ? ids.join(", ") : `${ids.slice(0, 10).join(", ")}, … (${ids.length} in all)`;
}

function popcount(v: number): number {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
}

/** Proposition 2's six neurons (App. D weights), as (on-set mask, sign of u). */
function proposition2Signature(): [number, number][] {
  const W = [[-1, -1, 10], [-1, -1, 1], [1, 1, 1], [1, -1, -10], [-1, 1, -1], [1, -1, -1]];
  const net = networkFromArrays(W, [-9, -2, -2, -9, -2, -2], [-1, 10, 10, -1, 10, 10]);
  return W.map((_, i) => [onMask(supportProfile(net, i, [0, 1, 2]).status), Math.sign(net.u[i])]);
}

/** All symmetries of the k-cube as maps on pattern indices, with the output-sign change each implies. */
function cubeSymmetries(k: number): { map: number[]; outSign: number }[] {
  const perms: number[][] = [];
  const permute = (prefix: number[], left: number[]) => {
    if (left.length === 0) perms.push(prefix);
    left.forEach((v, i) => permute([...prefix, v], [...left.slice(0, i), ...left.slice(i + 1)]));
  };
  permute([], Array.from({ length: k }, (_, i) => i));
  const out: { map: number[]; outSign: number }[] = [];
  for (const perm of perms) {
    for (let flips = 0; flips < 1 << k; flips++) {
      const map = Array.from({ length: 1 << k }, (_, t) => {
        let image = 0;
        for (let s = 0; s < k; s++) if ((((t >> perm[s]) & 1) ^ ((flips >> s) & 1)) === 1) image |= 1 << s;
        return image;
      });
      out.push({ map, outSign: popcount(flips) % 2 ? -1 : 1 });
    }
  }
  return out;
}

function mapMask(mask: number, map: number[]): number {
  let out = 0;
  map.forEach((image, t) => {
    if ((mask >> t) & 1) out |= 1 << image;
  });
  return out;
}

const signatureKey = (sig: [number, number][]) => sig.map(([m, s]) => `${m}:${s}`).sort().join(",");

function roleOf(shape: NeuronShape, patterns: number[][]): string {
  const on = shape.status.flatMap((s, t) => (s === "on" ? [patternLabel(patterns[t])] : []));
  const depends = shape.status.flatMap((s, t) => (s === "depends" ? [patternLabel(patterns[t])] : []));
  const sign = shape.u > 0 ? "+" : shape.u < 0 ? "−" : "0";
  if (depends.length > 0) return `depends on off-support bits at ${depends.join(" ")}; on at ${on.join(" ") || "none"}; u ${sign}`;
  if (on.length === 0) return "off on the whole cube";
  if (on.length === patterns.length) return `on everywhere (affine on the cube); u ${sign}`;
  if (on.length === 1) return `AND ${on[0]} (parity ${patternParity(patterns[shape.status.indexOf("on")]) > 0 ? "+" : "−"}); u ${sign}`;
  return `on at ${on.join(" ")}; u ${sign}`;
}

export function classifyCircuit(shapes: readonly NeuronShape[], k: number): Classification {
  const patterns = supportPatterns(k);
  const live = shapes.filter((s) => s.status.some((v) => v !== "off") && s.u !== 0);
  const roles = shapes.map((s) => ({ neuron: s.neuron, role: roleOf(s, patterns) }));
  const reasons: string[] = [];
  const withDepends = live.filter((s) => s.status.includes("depends"));
  if (withDepends.length > 0) {
    reasons.push(`dnf, dnf-6: neurons ${listNeurons(withDepends)} are on or off depending on bits off the support for some pattern`);
    return thresholdOrOther(live, patterns, k, reasons, roles);
  }

  // Proposition 1.
  const single = live.every((s) => popcount(onMask(s.status)) === 1);
  if (!single) reasons.push(`dnf: neurons ${listNeurons(live.filter((s) => popcount(onMask(s.status)) !== 1))} are on for more than one pattern`);
  else {
    const wrongSign = live.filter((s) => Math.sign(s.u) !== patternParity(patterns[s.status.indexOf("on")]));
    const covered = new Map<number, number>();
    for (const s of live) covered.set(s.status.indexOf("on"), (covered.get(s.status.indexOf("on")) ?? 0) + 1);
    const missing = patterns.map((_, t) => t).filter((t) => !covered.has(t));
    if (wrongSign.length > 0) reasons.push(`dnf: neurons ${listNeurons(wrongSign)} have an output sign opposite to their pattern's parity`);
    else if (missing.length > 0) reasons.push(`dnf: no neuron for patterns ${missing.map((t) => patternLabel(patterns[t])).join(" ")}`);
    else {
      const dup = [...covered.values()].filter((c) => c > 1).length;
      return { class: "dnf", live: live.length, detail: dup === 0 ? "one neuron per pattern" : `${dup} patterns have more than one neuron`, reasons: [], roles };
    }
  }

  // Proposition 2.
  if (k !== 3) reasons.push("dnf-6: defined for k = 3 only");
  else if (live.length !== 6) reasons.push(`dnf-6: ${live.length} live neurons, Proposition 2 has 6`);
  else {
    const target = signatureKey(live.map((s) => [onMask(s.status), Math.sign(s.u)]));
    const reference = proposition2Signature();
    const match = cubeSymmetries(3).find(({ map, outSign }) => signatureKey(reference.map(([m, s]) => [mapMask(m, map), s * outSign])) === target);
    if (match) return { class: "dnf-6", live: live.length, detail: `Proposition 2 under the pattern map [${match.map.join(", ")}]${match.outSign < 0 ? " with output signs flipped" : ""}`, reasons: [], roles };
    reasons.push("dnf-6: no symmetry of the cube maps Proposition 2's on-sets and output signs onto these");
  }

  return thresholdOrOther(live, patterns, k, reasons, roles);
}

/** Proposition 3's test (see the header); the class is `other` when it fails too. */
function thresholdOrOther(live: readonly NeuronShape[], patterns: number[][], k: number, reasons: string[], roles: Classification["roles"]): Classification {
  for (let s = 0; s < 1 << Math.max(0, k - 1); s++) {
    const signs = patterns[s];
    const level = patterns.map((pat) => pat.reduce((a, v, j) => a + v * signs[j], 0));
    const byTable = (shape: NeuronShape) => {
      if (shape.status.includes("depends")) return false;
      const seen = new Map<number, PatternStatus>();
      return shape.status.every((st, t) => (seen.get(level[t]) ?? st) === st && (seen.set(level[t], st), true));
    };
    const byWeights = (shape: NeuronShape) => shape.supportWeights !== undefined && signedSumSpread(shape.supportWeights, signs) <= (shape.tolerance ?? 0);
    if (live.every((shape) => byTable(shape) || byWeights(shape))) {
      const how = live.every(byTable) ? "by its on/off table" : "by its on/off table or by its weights (±a·s up to a spread within its tolerance)";
      return { class: "threshold", live: live.length, detail: `every neuron is a function of X = Σ s_j x_j with s = ${patternLabel(signs)}, ${how}`, reasons: [], roles };
    }
  }
  reasons.push("threshold: no single signed sum of the support bits determines every neuron (by on/off table or by weights)");
  return { class: "other", live: live.length, detail: composition(live, patterns), reasons, roles };
}

/** What the neurons are, for a class that fits no proposition: ANDs (by output sign against parity) and neurons on for several patterns. */
function composition(live: readonly NeuronShape[], patterns: number[][]): string {
  if (live.some((s) => s.status.includes("depends"))) return "";
  const counts = new Map<string, number>();
  for (const shape of live) {
    const on = shape.status.flatMap((st, t) => (st === "on" ? [t] : []));
    const key = on.length === 1 ? (Math.sign(shape.u) === patternParity(patterns[on[0]]) ? "AND with its pattern's parity sign" : "AND with the opposite sign") : `on for ${on.length} patterns`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, c]) => `${c} × ${k}`).join(", ");
}

/**
 * How far support weights w are from ±a·s for the best a: Σ_j ||w_j| − a| with a the
 * mean magnitude, or Infinity when the signs of w match neither s nor −s. Zero weights
 * are compatible with either sign (a neuron constant on the support has spread 0).
 */
export function signedSumSpread(w: readonly number[], s: readonly number[]): number {
  const same = w.every((v, j) => v * s[j] >= 0);
  const opposite = w.every((v, j) => v * s[j] <= 0);
  if (!same && !opposite) return Infinity;
  const a = w.reduce((acc, v) => acc + Math.abs(v), 0) / w.length;
  return w.reduce((acc, v) => acc + Math.abs(Math.abs(v) - a), 0);
}
