import type { Network } from "../net/network.js";

/**
 * Exact evaluation of a network in rational arithmetic. Every double is a dyadic
 * rational m·2^e, so pre-activations and the output are sums of BigInt mantissas
 * on a common exponent: no rounding anywhere. The certifier falls back to this
 * whenever a floating-point bound is too close to zero to decide a sign.
 */
export type Sign = -1 | 0 | 1;

const scratch = new DataView(new ArrayBuffer(8));

/** v = m · 2^e exactly, for a finite double v. */
export function dyadic(v: number): { m: bigint; e: number } {
  if (!Number.isFinite(v)) throw new RangeError(`dyadic: ${v} is not finite`);
  if (v === 0) return { m: 0n, e: 0 };
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = exp === 0 ? -1074 : exp - 1075;
  return { m: hi >>> 31 ? -m : m, e };
}

function signOf(v: bigint): Sign {
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

export class ExactEvaluator {
  private readonly n: number;
  private readonly p: number;
  /** Row i: n scaled weights then the scaled bias, all on exponent rowExp[i]. */
  private readonly rows: bigint[];
  private readonly uMant: bigint[];
  /** Shift of neuron i's output term u_i·a_i relative to the common exponent. */
  private readonly termShift: bigint[];

  constructor(net: Network) {
    this.n = net.n;
    this.p = net.p;
    const { n, p } = net;
    this.rows = new Array<bigint>(p * (n + 1));
    this.uMant = new Array<bigint>(p);
    const termExp = new Array<number>(p);
    for (let i = 0; i < p; i++) {
      const parts = [];
      for (let j = 0; j < n; j++) parts.push(dyadic(net.W[i * n + j]));
      parts.push(dyadic(net.b[i]));
      const rowExp = Math.min(...parts.map((d) => (d.m === 0n ? Infinity : d.e)));
      const base = Number.isFinite(rowExp) ? rowExp : 0;
      parts.forEach((d, j) => (this.rows[i * (n + 1) + j] = d.m << BigInt(d.e - base)));
      const du = dyadic(net.u[i]);
      this.uMant[i] = du.m;
      termExp[i] = du.e + base;
    }
    const common = p === 0 ? 0 : Math.min(...termExp);
    this.termShift = termExp.map((e) => BigInt(e - common));
  }

  /** Exact pre-activation sign of neuron i at x. */
  preActivationSign(i: number, x: ArrayLike<number>): Sign {
    return signOf(this.scaledPreActivation(i, x));
  }

  private scaledPreActivation(i: number, x: ArrayLike<number>): bigint {
    const { n } = this;
    const o = i * (n + 1);
    let a = this.rows[o + n];
    for (let j = 0; j < n; j++) a = x[j] > 0 ? a + this.rows[o + j] : a - this.rows[o + j];
    return a;
  }

  /**
   * Exact signs of f(x) and, when `inGroup` is given, of the sum over the neurons it
   * marks (a subnetwork g of f): [sgn f(x), sgn g(x)].
   */
  signs(x: ArrayLike<number>, inGroup?: Uint8Array): [Sign, Sign] {
    let f = 0n;
    let g = 0n;
    for (let i = 0; i < this.p; i++) {
      const a = this.scaledPreActivation(i, x);
      if (a <= 0n) continue;
      const t = (this.uMant[i] * a) << this.termShift[i];
      f += t;
      if (inGroup && inGroup[i]) g += t;
    }
    return [signOf(f), signOf(g)];
  }
}

/** The exact sign of Σ values (finite doubles), with no rounding. */
export function exactSumSign(values: readonly number[]): Sign {
  const parts = values.map(dyadic).filter((d) => d.m !== 0n);
  if (parts.length === 0) return 0;
  const base = Math.min(...parts.map((d) => d.e));
  let s = 0n;
  for (const d of parts) s += d.m << BigInt(d.e - base);
  return signOf(s);
}
