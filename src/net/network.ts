/**
 * The one network type of two-circuits: f(x) = uᵀ σ(W x + b), σ = ReLU, no output
 * bias (paper §2). Trained checkpoints, spec constructions and networks imported
 * from PyTorch all take this shape, so every analysis speaks to all of them.
 */
export interface Network {
  /** Input dimension. */
  readonly n: number;
  /** Hidden width (number of ReLU neurons). */
  readonly p: number;
  /** Incoming weights, p rows of n, row-major: W[i * n + j]. */
  readonly W: Float64Array;
  /** Hidden biases, length p. */
  readonly b: Float64Array;
  /** Output weights, length p. */
  readonly u: Float64Array;
}

export function createNetwork(n: number, p: number): Network {
  return { n, p, W: new Float64Array(p * n), b: new Float64Array(p), u: new Float64Array(p) };
}

export function networkFromArrays(W: ArrayLike<number>[], b: ArrayLike<number>, u: ArrayLike<number>): Network {
  const p = W.length;
  const n = p === 0 ? 0 : W[0].length;
  const net = createNetwork(n, p);
  for (let i = 0; i < p; i++) {
    if (W[i].length !== n) throw new RangeError(`row ${i} of W has ${W[i].length} entries, expected ${n}`);
    net.W.set(W[i], i * n);
  }
  if (b.length !== p || u.length !== p) throw new RangeError(`b and u must have ${p} entries`);
  net.b.set(b);
  net.u.set(u);
  return net;
}

export function cloneNetwork(net: Network): Network {
  return { n: net.n, p: net.p, W: net.W.slice(), b: net.b.slice(), u: net.u.slice() };
}

/** Number of parameters: W, b and u. */
export function parameterCount(net: Network): number {
  return net.p * (net.n + 2);
}

/** Pre-activation of neuron i on input x: W_i · x + b_i. */
export function preActivation(net: Network, i: number, x: ArrayLike<number>): number {
  const { n, W } = net;
  let s = net.b[i];
  const o = i * n;
  for (let j = 0; j < n; j++) s += W[o + j] * x[j];
  return s;
}

/** f(x), evaluated plainly; the reference that fast kernels are checked against. */
export function evaluate(net: Network, x: ArrayLike<number>): number {
  let f = 0;
  for (let i = 0; i < net.p; i++) {
    const h = preActivation(net, i, x);
    if (h > 0) f += net.u[i] * h;
  }
  return f;
}

/** sgn f(x) ∈ {−1, 0, +1}. A zero output is neither class (it never counts as correct). */
export function predict(net: Network, x: ArrayLike<number>): -1 | 0 | 1 {
  const f = evaluate(net, x);
  return f > 0 ? 1 : f < 0 ? -1 : 0;
}

/** ‖W_i‖₂ for every neuron: the incoming-weight norm that ranks neurons (paper §2.1; bias excluded). */
export function neuronNorms(net: Network): Float64Array {
  const { n, p, W } = net;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = i * n, e = j + n; j < e; j++) s += W[j] * W[j];
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** The network restricted to the given neurons (in the given order). */
export function subnetwork(net: Network, neurons: ArrayLike<number>): Network {
  const { n } = net;
  const sub = createNetwork(n, neurons.length);
  for (let r = 0; r < neurons.length; r++) {
    const i = neurons[r];
    sub.W.set(net.W.subarray(i * n, (i + 1) * n), r * n);
    sub.b[r] = net.b[i];
    sub.u[r] = net.u[i];
  }
  return sub;
}

/** Throws RangeError naming the first non-finite parameter, if any. */
export function assertFinite(net: Network, what = "network"): void {
  const check = (a: Float64Array, name: string) => {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) throw new RangeError(`${what}: ${name}[${i}] is ${a[i]}`);
    }
  };
  check(net.W, "W");
  check(net.b, "b");
  check(net.u, "u");
}
