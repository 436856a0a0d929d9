import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";

/**
 * What a random stream is for. Every purpose gets its own stream, derived from the
 * seed alone, so that no stream depends on how much of another was consumed: the
 * batch order of epoch e is the same whether or not the run was resumed at e.
 */
export type StreamPurpose = "data" | "test-data" | "support" | "init" | "shuffle" | "control" | "arbitrary";

const PURPOSE_CODE: Record<StreamPurpose, number> = {
  data: 1,
  "test-data": 2,
  support: 3,
  init: 4,
  shuffle: 5,
  control: 6,
  arbitrary: 7,
};

/** murmur3's 32-bit finaliser: a cheap bijective mixer. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function streamSeed(seed: number, purpose: StreamPurpose, index = 0): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(PURPOSE_CODE[purpose], 0x85ebca6b));
  h = fmix32(h ^ Math.imul(index >>> 0, 0xcc9e2d51));
  return h | 0;
}

/** A seeded source of randomness: a thin, typed face over pure-rand's xoroshiro128+. */
export class RandomStream {
  private readonly rng;

  constructor(seed: number, purpose: StreamPurpose, index = 0) {
    this.rng = xoroshiro128plus(streamSeed(seed, purpose, index));
  }

  /** Uniform in [0, 1), 53 random bits. */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** ±1 with probability ½ each. */
  sign(): 1 | -1 {
    return (this.rng.next() & 1) === 1 ? 1 : -1;
  }

  /** A uniformly random permutation of 0..length−1 (Fisher–Yates). */
  permutation(length: number): Int32Array {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) out[i] = i;
    for (let i = length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** `count` distinct integers drawn uniformly from 0..range−1, in increasing order. */
  sample(range: number, count: number): number[] {
    return Array.from(this.permutation(range).subarray(0, count)).sort((a, b) => a - b);
  }
}
