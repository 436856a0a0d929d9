/**
 * Exact rational numbers over BigInt, always in lowest terms with a positive
 * denominator. Every float64 is a dyadic rational, so `fromFloat64` reads any
 * network's parameters exactly.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const ZERO: Rational = { num: 0n, den: 1n };
const ONE: Rational = { num: 1n, den: 1n };
export { ZERO, ONE };

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError("zero denominator");
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (den === 1n) return { num, den };
  const g = gcd(num, den);
  return g === 1n ? { num, den } : { num: num / g, den: den / g };
}

export const integer = (v: bigint | number): Rational => ({ num: BigInt(v), den: 1n });

export function add(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num + b.num, den: 1n };
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}
export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}
export function mul(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num * b.num, den: 1n };
  return rational(a.num * b.num, a.den * b.den);
}
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError("division by zero");
  return rational(a.num * b.den, a.den * b.num);
}
export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}
export function sign(a: Rational): -1 | 0 | 1 {
  return a.num > 0n ? 1 : a.num < 0n ? -1 : 0;
}
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  return sign(sub(a, b));
}
export function equals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}
export function isZero(a: Rational): boolean {
  return a.num === 0n;
}

/** x = m · 2^e exactly, for a finite float64 x (m an integer). */
export function dyadic(x: number): { m: bigint; e: number } {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return { m: BigInt(x), e: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const expField = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expField === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expField - 1075;
  }
  while (mant !== 0n && (mant & 1n) === 0n) {
    mant >>= 1n;
    e++;
  }
  return { m: negative ? -mant : mant, e };
}

export function fromFloat64(x: number): Rational {
  const { m, e } = dyadic(x);
  return e >= 0 ? { num: m << BigInt(e), den: 1n } : rational(m, 1n << BigInt(-e));
}

/** "p" or "p/q". */
export function toText(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** A JSON number when the value is a safe integer, the exact text otherwise. */
export function toJson(a: Rational): number | string {
  if (a.den === 1n && a.num <= BigInt(Number.MAX_SAFE_INTEGER) && a.num >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(a.num);
  return toText(a);
}

export function parseRational(v: number | string): Rational {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${v} is not a safe integer; write it as "p/q"`);
    return integer(v);
  }
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(v.trim());
  if (!m) throw new RangeError(`'${v}' is not an integer or a fraction p/q`);
  return rational(BigInt(m[1]), m[2] === undefined ? 1n : BigInt(m[2]));
}

/**
 * A rational as a float: exact for every dyadic rational that is a double (halving in steps
 * keeps each intermediate exact); otherwise the nearest-ish float, for display.
 */
export function toNumber(a: Rational): number {
  const den = a.den;
  if ((den & (den - 1n)) === 0n && a.num >= -(2n ** 53n) && a.num <= 2n ** 53n) {
    let v = Number(a.num);
    let e = den.toString(2).length - 1;
    while (e > 0) {
      const s = Math.min(e, 500);
      v /= 2 ** s;
      e -= s;
    }
    return v;
  }
  return Number(a.num) / Number(den);
}
