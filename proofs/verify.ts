import { assertFinite, type Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { InputError } from "../src/errors.js";
import { exhaustivePass, outputValue, scaleNetwork, type PassResult, type ScaledNetwork } from "./scaled-network.js";
import { patternOf } from "./pattern-order.js";
import type { Rational } from "./rational.js";

/**
 * Decides "f computes (n, k)-parity with support S" (spec/computes-parity.ts) exactly.
 *  (a) support lemma + patterns: if every weight outside S is exactly zero, f(x) depends on
 *      the k support bits only, so the 2^k patterns of those bits are all the cases;
 *  (b) brute force: all 2^n inputs (n ≤ 20), an independent cross-check of (a).
 * Both read the float64 parameters as the exact dyadic rationals they are.
 */
export type Method = "support-lemma+patterns" | "brute-force";

export const BRUTE_FORCE_MAX_N = 20;
export const PATTERNS_MAX_K = 26;

export interface Counterexample {
  /** The support bits x_{S_1..S_k}. */
  readonly pattern: (1 | -1)[];
  /** A full input with that pattern (for (a): every other bit +1). */
  readonly input: (1 | -1)[];
  readonly output: Rational;
  readonly parity: 1 | -1;
}

export interface Verdict {
  readonly holds: boolean;
  readonly method: Method;
  readonly task: ParityTask;
  /** Number of inputs (b) or support patterns (a) enumerated. */
  readonly cases: number;
  /** min over the cases of parity·f(x); > 0 exactly when the claim holds. */
  readonly minMargin: Rational;
  /** The smallest failing case (pattern-order.ts), or null. */
  readonly counterexample: Counterexample | null;
  /** f on every support pattern, indexed as in pattern-order.ts (method (a) with `collect`). */
  readonly outputs: readonly Rational[] | null;
}

export interface OffSupportWeight {
  readonly neuron: number;
  readonly coordinate: number;
  readonly weight: number;
}

/** The first weight outside S that is not exactly zero, or null when the support lemma applies. */
export function supportLemmaViolation(net: Network, task: ParityTask): OffSupportWeight | null {
  const inS = new Uint8Array(net.n);
  for (const s of task.support) inS[s] = 1;
  for (let i = 0; i < net.p; i++) {
    for (let j = 0; j < net.n; j++) {
      const w = net.W[i * net.n + j];
      if (!inS[j] && w !== 0) return { neuron: i, coordinate: j, weight: w };
    }
  }
  return null;
}

function checkShapes(net: Network, task: ParityTask): void {
  if (net.n !== task.n) throw new InputError(`the network has n = ${net.n} inputs but the claim is about n = ${task.n}`);
  assertFinite(net);
}

function verdictOf(method: Method, task: ParityTask, s: ScaledNetwork, pass: PassResult, toInput: (t: number) => { pattern: (1 | -1)[]; input: (1 | -1)[] }): Verdict {
  let counterexample: Counterexample | null = null;
  if (pass.failing >= 0) {
    const { pattern, input } = toInput(pass.failing);
    const parity: 1 | -1 = pattern.reduce<number>((a, v) => a * v, 1) > 0 ? 1 : -1;
    counterexample = { pattern, input, output: outputValue(s, pass.failingF), parity };
  }
  return {
    holds: pass.failing < 0,
    method,
    task,
    cases: pass.count,
    minMargin: outputValue(s, pass.minMargin),
    counterexample,
    outputs: pass.outputs ? pass.outputs.map((F) => outputValue(s, F)) : null,
  };
}

/** Method (a). Throws InputError if the support lemma does not apply. */
export function verifyBySupport(net: Network, task: ParityTask, opts: { collect?: boolean } = {}): Verdict {
  checkShapes(net, task);
  const k = task.support.length;
  if (k > PATTERNS_MAX_K) throw new InputError(`k = ${k} is too large to enumerate 2^k patterns (at most ${PATTERNS_MAX_K})`);
  const off = supportLemmaViolation(net, task);
  if (off) throw new InputError(`the support lemma does not apply: W[${off.neuron}][${off.coordinate}] = ${off.weight} is outside S`);
  const s = scaleNetwork(net, task.support);
  const pass = exhaustivePass(s, task.support.map(() => true), opts.collect ?? false);
  return verdictOf("support-lemma+patterns", task, s, pass, (t) => {
    const pattern = patternOf(t, k);
    const input: (1 | -1)[] = Array.from({ length: task.n }, () => 1);
    task.support.forEach((c, j) => (input[c] = pattern[j]));
    return { pattern, input };
  });
}

/** Method (b): all 2^n inputs. */
export function verifyByBruteForce(net: Network, task: ParityTask): Verdict {
  checkShapes(net, task);
  if (task.n > BRUTE_FORCE_MAX_N) throw new InputError(`brute force enumerates 2^n inputs; n = ${task.n} exceeds ${BRUTE_FORCE_MAX_N}`);
  const cols = Array.from({ length: task.n }, (_, j) => j);
  const inS = cols.map(() => false);
  for (const c of task.support) inS[c] = true;
  const s = scaleNetwork(net, cols);
  const pass = exhaustivePass(s, inS, false);
  return verdictOf("brute-force", task, s, pass, (t) => {
    const input = patternOf(t, task.n);
    return { pattern: task.support.map((c) => input[c]), input };
  });
}

/** (a) when the support lemma applies, else (b) when n ≤ 20, else undecided (null). */
export function decide(net: Network, task: ParityTask): Verdict | null {
  checkShapes(net, task);
  if (supportLemmaViolation(net, task) === null) return verifyBySupport(net, task);
  if (task.n <= BRUTE_FORCE_MAX_N) return verifyByBruteForce(net, task);
  return null;
}
