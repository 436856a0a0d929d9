import fc from "fast-check";

/** Points of the cube {±1}^n, as Int8Array rows (the layout of Dataset.X); shrinks towards all +1. */
export function signPattern(n: number): fc.Arbitrary<Int8Array> {
  return fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((bits) => Int8Array.from(bits, (b) => (b ? -1 : 1)));
}
