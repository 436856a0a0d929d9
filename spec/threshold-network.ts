import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import { embed, type Placement, type SupportNetwork } from "./embed.js";

/**
 * The generalised threshold network (beyond the paper; Proposition 3 is a k = 3 instance
 * of the same idea): k + 1 neurons for every k ≥ 1, a function of X = Σ_{i∈S} x_i.
 *
 * On the k + 1 values X_m = −k + 2m the parity is g(X_m) = (−1)^{k−m}. The piecewise-linear
 * interpolant of g through these points is
 *   f = g(X_0)·σ(1) + s_0·σ(X + k) + Σ_{m=1}^{k−1} (s_m − s_{m−1})·σ(X − X_m),
 * with slopes s_m = (g(X_{m+1}) − g(X_m))/2 = ±1: σ(1) is a constant neuron (zero incoming
 * weights), σ(X + k) is linear on the whole domain, and each kink adds ±2. All weights are
 * integers and f(X_m) = g(X_m) exactly, so the margin is 1.
 */
export function thresholdLocal(k: number): SupportNetwork {
  if (!Number.isSafeInteger(k) || k < 1 || k > 1000) throw new RangeError(`the threshold network is built for 1 ≤ k ≤ 1000, got ${k}`);
  const g = (m: number): number => ((k - m) % 2 === 0 ? 1 : -1);
  const slope = (m: number): number => (g(m + 1) - g(m)) / 2;
  const ones = Array.from({ length: k }, () => 1);
  const W: number[][] = [Array.from({ length: k }, () => 0), ones];
  const b: number[] = [1, k];
  const u: number[] = [g(0), slope(0)];
  for (let m = 1; m <= k - 1; m++) {
    W.push([...ones]);
    b.push(k - 2 * m);
    u.push(slope(m) - slope(m - 1));
  }
  return { k, W, b, u };
}

export function thresholdNetwork(k: number, placement: Placement = {}): { net: Network; task: ParityTask } {
  return embed(thresholdLocal(k), placement);
}
