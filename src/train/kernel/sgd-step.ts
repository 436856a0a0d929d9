import type { Network } from "../../net/network.js";
import type { Dataset } from "../../data/dataset.js";
import type { Hyper } from "../reference.js";
import { bitGroups, pointCodes, type BitGroups, type PointCodes } from "./bit-groups.js";
import { countingMemory, type KernelMemory } from "./kernel-memory.js";
import type { KernelOps } from "./kernel-ops.js";
import { SAMPLES_PER_GROUP, type HingeScratch } from "./hinge-update.js";
import { ScaledNetwork } from "./scaled-network.js";

/** Input bits per table group in training: rebuilt every step, 4 bits balance table size against reads. */
const TRAIN_GROUP_BITS = 4;
/** Neurons per block (a multiple of 4): the block's tables (10 groups × 8 entries × 256 × 8 B = 160 kB for n = 40) stay in L2. */
const BLOCK = 256;
/**
 * α is folded into θ̃ once below this, so that θ̃ ~ θ/α and f̃ ~ f/α² stay far from
 * float64's range even for large weights (at ηλ = 0.001 that is every ~44 000 steps).
 */
export const DEFAULT_ALPHA_MIN = 2 ** -64;

interface Buffers {
  readonly net: ScaledNetwork;
  readonly groups: BitGroups;
  readonly codes: PointCodes;
  readonly X: Int8Array;
  readonly tables: Float64Array;
  readonly H: Float64Array;
  readonly f: Float64Array;
  readonly points: Int32Array;
  readonly samples: Int32Array;
  readonly rows: Int32Array;
  readonly ys: Int32Array;
  readonly scratch: HingeScratch;
}

function buffers(net: Network, train: Dataset, maxBatch: number, mem: KernelMemory): Buffers {
  const { n } = train;
  const groups = bitGroups(n, Math.max(1, Math.min(TRAIN_GROUP_BITS, n)), mem);
  const scaled = new ScaledNetwork(net, mem);
  const X = mem.i8(train.X.length);
  X.set(train.X.subarray(0, X.length));
  return {
    net: scaled,
    groups,
    codes: pointCodes(groups, train.X, train.size, mem),
    X,
    tables: mem.f64(groups.count * groups.entries * BLOCK),
    H: mem.f64(maxBatch * scaled.P),
    f: mem.f64(maxBatch),
    points: mem.i32(maxBatch),
    samples: mem.i32(maxBatch),
    rows: mem.i32(maxBatch),
    ys: mem.i32(maxBatch),
    scratch: {
      q: mem.f64(BLOCK),
      yb: mem.f64(BLOCK),
      ur: mem.f64(BLOCK),
      mask: mem.f64(SAMPLES_PER_GROUP * BLOCK),
      M: mem.f64((1 << (SAMPLES_PER_GROUP - 1)) * BLOCK),
      D: mem.f64(n * BLOCK),
      bits: mem.i32(Math.ceil(maxBatch / 32) * BLOCK),
      words: mem.i32(4 * Math.ceil(maxBatch / 32) * (n + 1)),
    },
  };
}

/**
 * SGD steps of the paper's model (mean hinge loss over the batch, coupled weight decay;
 * reference.ts states one step plainly) on a lazily scaled copy of a network, with every
 * buffer the steps need, in the memory of the given kernel operations.
 */
export class SgdTrainer {
  private readonly bufs: Buffers;
  private readonly mem: KernelMemory;

  /** `alphaMin`: the scale below which α is folded into θ̃ (tests raise it to exercise that path). */
  constructor(
    net: Network,
    readonly train: Dataset,
    readonly maxBatch: number,
    private readonly ops: KernelOps,
    private readonly alphaMin = DEFAULT_ALPHA_MIN,
  ) {
    const counting = countingMemory();
    buffers(net, train, maxBatch, counting);
    this.mem = ops.memory(counting.bytes);
    this.bufs = buffers(net, train, maxBatch, this.mem);
  }

  /** Writes the current weights θ = α·θ̃ into `net`. */
  writeTo(net: Network): void {
    this.checkLive();
    this.bufs.net.writeTo(net);
  }

  private checkLive(): void {
    if (!this.mem.live) throw new Error("SgdTrainer: its kernel memory was taken by a later kernel call (measure or another trainer)");
  }

  step(batch: ArrayLike<number>, hp: Hyper): void {
    this.checkLive();
    const { net, groups, codes, X, tables, H, f, points, samples, rows, ys, scratch } = this.bufs;
    const { ops } = this;
    const { n, P } = net;
    const B = batch.length;
    if (B > this.maxBatch) throw new RangeError(`batch of ${B} rows exceeds the ${this.maxBatch} this trainer was sized for`);
    const decay = 1 - hp.lr * hp.weightDecay;
    if (!(decay > 0) || !(net.alpha > this.alphaMin)) net.renormalise();
    for (let s = 0; s < B; s++) {
      points[s] = batch[s];
      f[s] = 0;
    }
    for (let i0 = 0; i0 < P; i0 += BLOCK) {
      const cnt = Math.min(BLOCK, P - i0);
      ops.buildHalfTables(groups, net.WT, P, i0, cnt, tables, BLOCK);
      ops.blockOutputs(groups, codes, tables, BLOCK, points, B, net.b, net.u, i0, cnt, H, P, i0, f);
    }
    // The hinge test uses the true output f = α² f̃ (the network is 2-homogeneous).
    const a2 = net.alpha * net.alpha;
    let m = 0;
    for (let s = 0; s < B; s++) {
      const y = this.train.y[points[s]];
      if (1 - y * (a2 * f[s]) > 0) {
        samples[m] = s;
        rows[m] = points[s];
        ys[m] = y;
        m++;
      }
    }
    // θ_new = (1 − ηλ)αθ̃ − ηα∇̃ = α'(θ̃ − (η/(1 − ηλ))∇̃) with α' = (1 − ηλ)α: the gradient
    // at θ = αθ̃ is α∇̃, with ∇̃ taken at θ̃. When 1 − ηλ ≤ 0 (α = 1 here) the decay is
    // applied to θ̃ directly instead.
    const lazy = decay > 0;
    const c = (lazy ? hp.lr / decay : hp.lr) / B;
    const scale = lazy ? 1 : decay;
    if (m > 0 || scale !== 1) {
      for (let i0 = 0; i0 < P; i0 += BLOCK) {
        ops.hingeBlock(n, P, net.WT, net.b, net.u, i0, Math.min(BLOCK, P - i0), H, X, samples, rows, ys, m, c, scale, scratch, BLOCK);
      }
    }
    if (lazy) net.alpha *= decay;
  }
}
