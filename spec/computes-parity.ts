import type { Network } from "../src/net/network.js";
import { evaluate } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { InputError } from "../src/errors.js";

/**
 * The specification (paper Appendix D): a network f computes (n, k)-parity with
 * support S iff, for every x ∈ {±1}^n, f(x) > 0 where ∏_{i∈S} x_i = +1 and f(x) < 0
 * where it is −1. It is strict: f(x) = 0 counts as a failure.
 *
 * This file states the definition; proofs/ decides it exactly. `holdsByDefinition`
 * is the definition read literally (plain float evaluation over all 2^n inputs),
 * kept for small n as an executable statement that the exact verifier is tested against.
 */
export type Sign = 1 | -1;

/** Validates and returns the claim "computes (n, k)-parity with support S" (S sorted, distinct, inside 0..n−1). */
export function parityClaim(n: number, support: readonly number[]): ParityTask {
  if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`n must be a positive integer, got ${n}`);
  if (support.length < 1) throw new InputError("the support S must have at least one coordinate (k ≥ 1)");
  if (support.length > n) throw new InputError(`the support has ${support.length} coordinates but n = ${n}`);
  for (const s of support) {
    if (!Number.isSafeInteger(s) || s < 0 || s >= n) throw new InputError(`support coordinate ${s} is outside 0..${n - 1}`);
  }
  const sorted = [...support].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new InputError(`support coordinate ${sorted[i]} appears twice`);
  }
  return { n, support: sorted };
}

/** The first k coordinates: the support the authors' code uses. */
export function firstBits(k: number): number[] {
  return Array.from({ length: k }, (_, i) => i);
}

/** ∏ z_j of a pattern of ±1 values. */
export function parityOfPattern(z: ArrayLike<number>): Sign {
  let y = 1;
  for (let j = 0; j < z.length; j++) y *= z[j] < 0 ? -1 : 1;
  return y > 0 ? 1 : -1;
}

/** Whether an output value meets the specification for a label (strict: 0 never does). */
export function meetsSpec(output: number, parity: Sign): boolean {
  return parity === 1 ? output > 0 : output < 0;
}

/**
 * The definition read literally, with plain floating-point evaluation over all 2^n inputs.
 * Only for small n, and only exact when every partial sum is exactly representable
 * (integer weights of moderate size); proofs/verify.ts is the exact decision procedure.
 */
export function holdsByDefinition(net: Network, task: ParityTask): boolean {
  if (task.n > 20) throw new RangeError("holdsByDefinition enumerates 2^n inputs; use proofs/ for n > 20");
  const x = new Float64Array(task.n);
  for (let t = 0; t < 2 ** task.n; t++) {
    for (let j = 0; j < task.n; j++) x[j] = (t >> j) & 1 ? -1 : 1;
    let y = 1;
    for (const s of task.support) y *= x[s];
    if (!meetsSpec(evaluate(net, x), y > 0 ? 1 : -1)) return false;
  }
  return true;
}
