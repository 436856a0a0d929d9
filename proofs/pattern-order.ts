/**
 * Patterns of ±1 values are indexed by t: bit j of t is set ⇔ entry j is −1 (so t = 0 is
 * all +1). "Smallest counterexample" means fewest −1 entries, ties broken by the least t.
 * With S increasing this order on support patterns agrees with the same order on full
 * inputs whose other bits are +1, so methods (a) and (b) name the same counterexample.
 */
export function popcount(t: number): number {
  let c = 0;
  while (t !== 0) {
    t &= t - 1;
    c++;
  }
  return c;
}

/** True when pattern s comes before pattern t in the counterexample order. */
export function precedes(s: number, t: number): boolean {
  const ps = popcount(s);
  const pt = popcount(t);
  return ps !== pt ? ps < pt : s < t;
}

export function patternOf(t: number, length: number): (1 | -1)[] {
  return Array.from({ length }, (_, j) => ((t >>> j) & 1 ? -1 : 1));
}

export function indexOf(pattern: ArrayLike<number>): number {
  let t = 0;
  for (let j = 0; j < pattern.length; j++) if (pattern[j] < 0) t |= 1 << j;
  return t;
}
