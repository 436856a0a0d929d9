/**
 * The symmetries of the cube {±1}^k: signed permutations g = (π, ε), (g x)_j = ε_j x_{π(j)},
 * 2^k·k! of them. Parity transforms by the character χ(g) = ∏ ε_j: y(g x) = χ(g) y(x), so a
 * network f computes parity iff x ↦ χ(g) f(g⁻¹ x) does. Points are indexed as in
 * pattern-order.ts (bit j set ⇔ x_j = −1).
 */
export interface CubeSymmetry {
  readonly perm: readonly number[];
  /** Bit j set ⇔ ε_j = −1. */
  readonly flips: number;
  /** χ(g). */
  readonly character: 1 | -1;
  /** pointImage[t] = index of g·x_t. */
  readonly pointImage: Int32Array;
}

function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(k - 1)) {
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), k - 1, ...p.slice(i)]);
  }
  return out;
}

export function cubeSymmetries(k: number): CubeSymmetry[] {
  const out: CubeSymmetry[] = [];
  for (const perm of permutations(k)) {
    for (let flips = 0; flips < 2 ** k; flips++) {
      const pointImage = new Int32Array(2 ** k);
      for (let t = 0; t < 2 ** k; t++) {
        let img = 0;
        for (let j = 0; j < k; j++) if (((t >> perm[j]) & 1) ^ ((flips >> j) & 1)) img |= 1 << j;
        pointImage[t] = img;
      }
      let minus = 0;
      for (let j = 0; j < k; j++) minus += (flips >> j) & 1;
      out.push({ perm, flips, character: minus % 2 === 0 ? 1 : -1, pointImage });
    }
  }
  return out;
}

/** The image g(A) of a set of points given as a bitmask. */
export function imageOfSet(g: CubeSymmetry, mask: number): number {
  let img = 0;
  for (let t = 0; t < g.pointImage.length; t++) if ((mask >>> t) & 1) img |= 1 << g.pointImage[t];
  return img >>> 0;
}
