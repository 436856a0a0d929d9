/**
 * The pruning profile of a network on a support set X (paper §2.1): for every k = 0..p,
 * how many points of X have sgn f_k(x) ≠ sgn f(x), and how many have sgn f_k(x) = y.
 *
 * f_k(x) is the prefix sum, over the pruning order, of the neurons' contributions
 * u_i σ(W_i·x + b_i). Fed the neurons in that order, the tracker keeps each point's
 * running sum and records an event whenever its sign changes; the signs of f_k(x) for
 * all k are then the runs between events, and f = f_p is the last run. One pass over
 * the hidden layer, O(|X|·p), gives every k at once. f is this prefix sum in the pruning
 * order, so f_p = f holds exactly, not only up to rounding.
 */
import { analysisWasm, type AnalysisWasm } from "./wasm/analysis-wasm.js";
import { takeTrackerScratch, type TrackerScratch } from "./wasm/tracker-scratch.js";

export interface PruningProfile {
  /** Hidden width: k runs over 0..p. */
  readonly p: number;
  /** Number of support points. */
  readonly supportSize: number;
  /** disagreements[k] = #{x ∈ X : sgn f_k(x) ≠ sgn f(x)}; disagreements[p] = 0. */
  readonly disagreements: Int32Array;
  /** correct[k] = #{x ∈ X : sgn f_k(x) = y(x)} (a zero output is never correct). */
  readonly correct: Int32Array;
}

export class PrefixSignTracker {
  /** Where f lives: its own array, or the thread's scratch in the wasm kernel's memory while it holds it. */
  private store: Float64Array;
  private readonly own: Float64Array;
  private scratch: TrackerScratch | null;
  private readonly kernel: AnalysisWasm | null;
  private readonly current: Int8Array;
  private added = 0;
  private evPoint = new Int32Array(1024);
  private evK = new Int32Array(1024);
  private evSign = new Int8Array(1024);
  private events = 0;

  /**
   * @param p the hidden width
   * @param y the points' labels
   * @param support which points belong to X (null: all of them)
   * @param wasm the SIMD kernel for the fast path of `add` (null: TypeScript only); it is used
   *   while h lies in its memory (as sweepNeurons hands it for n = 33..40)
   */
  constructor(
    readonly p: number,
    private readonly y: Int8Array,
    private readonly support: Uint8Array | null,
    wasm: AnalysisWasm | null = analysisWasm(),
  ) {
    this.own = new Float64Array(y.length);
    this.store = this.own;
    this.current = new Int8Array(y.length);
    this.scratch = wasm === null ? null : takeTrackerScratch(wasm, y.length, this);
    this.kernel = this.scratch === null ? null : wasm;
    if (this.scratch !== null) {
      this.scratch.f.fill(0);
      this.store = this.scratch.f;
    }
  }

  /** f_k(x) for the k neurons added so far; f(x) once all p are in. */
  get f(): Float64Array {
    // Taken back from the scratch, so that the array stays f as later neurons are added.
    this.evict();
    return this.own;
  }

  /** Moves f out of the wasm kernel's memory (another tracker takes the scratch over); `add` goes on in TypeScript. */
  evict(): void {
    if (this.scratch === null) return;
    this.own.set(this.scratch.f);
    this.store = this.own;
    this.scratch = null;
  }

  /**
   * Adds the next neuron of the pruning order: output weight u, pre-activations h on every
   * point. Its contribution u·σ(h) is also added into `also` when given (the output of a
   * subnetwork the neuron belongs to), in the same pass.
   */
  add(u: number, h: Float64Array, also: Float64Array | null = null): void {
    const k = ++this.added;
    const f = this.store;
    const size = f.length;
    const { scratch, kernel } = this;
    if (scratch !== null && kernel !== null && kernel.holds(h)) {
      // The loop below in the kernel; the points it leaves are settled here, and its contributions added to `also` after.
      const { cs, pending } = scratch;
      // A subnetwork output in the kernel's memory is summed there too; any other gets cs added after.
      const inKernel = also !== null && kernel.holds(also) ? also : null;
      const count = kernel.prefixAdd(u, h, f, cs, pending, inKernel);
      for (let q = 0; q < count; q++) {
        const r = pending[q];
        cs[r] = this.settle(r, k, u, h[r], inKernel);
      }
      if (also !== null && inKernel === null) for (let r = 0; r < size; r++) also[r] += cs[r];
      return;
    }
    // The contribution is u·σ(h) with σ(h) = max(h, 0), an exact zero for an inactive neuron.
    // The hot loop takes σ(h) = (h + |h|)/2, the same number for every h except −∞ and
    // h ≥ 2^1023, where it makes the product NaN or infinite (u·((h+|h|)/2), not
    // (u/2)·(h+|h|), which would lose a subnormal u); and it skips the sign bookkeeping
    // while f keeps its nonzero sign (old·s > 0). Anything else (a sign change, a zero, a
    // non-finite value) goes to `settle`, which redoes the step with max(h, 0). So f is bit
    // for bit what adding u·max(h, 0) gives, without the branches the CPU cannot predict
    // (the signs of h and of f are random from point to point).
    if (also === null) {
      for (let r = 0; r < size; r++) {
        const hv = h[r];
        const old = f[r];
        const c = u * ((hv + Math.abs(hv)) * 0.5);
        const s = old + c;
        if (s * old > 0 && c - c === 0) f[r] = s;
        else this.settle(r, k, u, hv, null);
      }
    } else {
      for (let r = 0; r < size; r++) {
        const hv = h[r];
        const old = f[r];
        const c = u * ((hv + Math.abs(hv)) * 0.5);
        const s = old + c;
        if (s * old > 0 && c - c === 0) {
          f[r] = s;
          also[r] += c;
        } else this.settle(r, k, u, hv, also);
      }
    }
  }

  /** The step of `add` at point r done plainly: f += u·max(h, 0), and an event if the sign changed. Returns the contribution. */
  private settle(r: number, k: number, u: number, hv: number, also: Float64Array | null): number {
    const c = u * Math.max(hv, 0);
    if (also !== null) also[r] += c;
    const s = this.store[r] + c;
    this.store[r] = s;
    const ns = (s > 0 ? 1 : 0) - (s < 0 ? 1 : 0);
    if (ns !== this.current[r]) this.change(r, k, ns);
    return c;
  }

  private change(point: number, k: number, s: number): void {
    this.current[point] = s;
    this.record(point, k, s);
  }

  private record(point: number, k: number, s: number): void {
    if (this.support !== null && this.support[point] === 0) return;
    if (this.events === this.evPoint.length) {
      const grow = <T extends Int32Array | Int8Array>(a: T, make: (len: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.evPoint = grow(this.evPoint, (l) => new Int32Array(l));
      this.evK = grow(this.evK, (l) => new Int32Array(l));
      this.evSign = grow(this.evSign, (l) => new Int8Array(l));
    }
    this.evPoint[this.events] = point;
    this.evK[this.events] = k;
    this.evSign[this.events] = s;
    this.events++;
  }

  /** The profile, once all p neurons have been added. */
  profile(): PruningProfile {
    const { p, y, support } = this;
    if (this.added !== p) throw new Error(`pruning profile: ${this.added} of ${p} neurons added`);
    const size = y.length;
    // Difference arrays over k: a run [from, to) of one sign adds 1 on from and −1 on to.
    const dis = new Int32Array(p + 2);
    const cor = new Int32Array(p + 2);
    const runSign = new Int8Array(size);
    const runFrom = new Int32Array(size);
    const final = this.current;
    const close = (r: number, to: number) => {
      const from = runFrom[r];
      if (from === to) return;
      if (runSign[r] !== final[r]) {
        dis[from]++;
        dis[to]--;
      }
      if (runSign[r] === y[r]) {
        cor[from]++;
        cor[to]--;
      }
    };
    for (let e = 0; e < this.events; e++) {
      const r = this.evPoint[e];
      close(r, this.evK[e]);
      runSign[r] = this.evSign[e];
      runFrom[r] = this.evK[e];
    }
    let supportSize = 0;
    for (let r = 0; r < size; r++) {
      if (support !== null && support[r] === 0) continue;
      supportSize++;
      close(r, p + 1);
    }
    const disagreements = new Int32Array(p + 1);
    const correct = new Int32Array(p + 1);
    let d = 0;
    let c = 0;
    for (let k = 0; k <= p; k++) {
      d += dis[k];
      c += cor[k];
      disagreements[k] = d;
      correct[k] = c;
    }
    return { p, supportSize, disagreements, correct };
  }
}
