import type { Dataset } from "./dataset.js";
import { RandomStream } from "../random/stream.js";

/**
 * (n, k)-sparse parity (paper §2): y = ∏_{i∈S} x_i for x uniform on {±1}^n and a
 * hidden support S of k coordinates.
 */
export interface ParityTask {
  readonly n: number;
  /** The support S, 0-based, increasing; k = support.length. */
  readonly support: readonly number[];
}

export function parityOf(task: ParityTask, x: ArrayLike<number>): 1 | -1 {
  let y = 1;
  for (const i of task.support) y *= x[i];
  return y > 0 ? 1 : -1;
}

/** `size` points drawn uniformly from the cube and labelled by the task. */
export function sampleParity(task: ParityTask, size: number, rng: RandomStream): Dataset {
  const { n } = task;
  const X = new Int8Array(size * n);
  const y = new Int8Array(size);
  for (let r = 0; r < size; r++) {
    const row = X.subarray(r * n, (r + 1) * n);
    for (let j = 0; j < n; j++) row[j] = rng.sign();
    y[r] = parityOf(task, row);
  }
  return { n, size, X, y };
}

/** The training set of a seed: N points drawn from the seed (paper §2: "varying the random seed for generating the train set"). */
export function trainingSet(task: ParityTask, N: number, seed: number): Dataset {
  return sampleParity(task, N, new RandomStream(seed, "data"));
}

/**
 * The test set: the same points for every seed (paper §2: "keeping the test set of 100
 * points fixed"), labelled by the task's support.
 */
export function testSet(task: ParityTask, size: number): Dataset {
  return sampleParity(task, size, new RandomStream(0, "test-data"));
}

/** A support drawn from the seed: k distinct coordinates of n. */
export function randomSupport(n: number, k: number, seed: number): number[] {
  return new RandomStream(seed, "support").sample(n, k);
}
