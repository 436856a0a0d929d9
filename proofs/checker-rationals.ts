/**
 * The independent checkers' own rational arithmetic: pairs [num, den] of BigInt in lowest
 * terms, den > 0. Deliberately separate from rational.ts (the verifier's), so that a bug
 * in one cannot vouch for itself through the other.
 */
export type Q = readonly [bigint, bigint];

const absb = (a: bigint) => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = absb(a);
  b = absb(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new RangeError("zero denominator");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
}
export const Q0: Q = [0n, 1n];
export const qadd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
export const qmul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
export const qneg = (a: Q): Q => [-a[0], a[1]];
export const qlt = (a: Q, b: Q) => a[0] * b[1] < b[0] * a[1];
export const qeq = (a: Q, b: Q) => a[0] === b[0] && a[1] === b[1];
export const qsign = (a: Q) => (a[0] > 0n ? 1 : a[0] < 0n ? -1 : 0);
export const qtext = (a: Q) => (a[1] === 1n ? `${a[0]}` : `${a[0]}/${a[1]}`);

/** A JSON integer or a string "p" / "p/q"; pushes a problem and returns 0 when malformed. */
export function readQ(v: number | string, where: string, problems: string[]): Q {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) {
      problems.push(`${where}: ${v} is not a safe integer`);
      return Q0;
    }
    return [BigInt(v), 1n];
  }
  const m = /^(-?[0-9]+)(?:\/([0-9]+))?$/.exec(v);
  if (!m) {
    problems.push(`${where}: '${v}' is not an exact number`);
    return Q0;
  }
  const d = m[2] === undefined ? 1n : BigInt(m[2]);
  if (d === 0n) {
    problems.push(`${where}: zero denominator`);
    return Q0;
  }
  return q(BigInt(m[1]), d);
}
