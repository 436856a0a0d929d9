import { neuronNorms, type Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { packInputs, sweepNeurons, type PackedInputs } from "./hidden-layer.js";
import { pruningOrder } from "./pruning-order.js";
import { PrefixSignTracker } from "./pruning-profile.js";
import { sparsityFromProfile, type EffectiveSparsity } from "./active-subnetwork.js";
import { SUBNETWORK_NAMES, meanNorm, membership, type CompetingSubnetworks, type SubnetworkName } from "./subnetworks.js";
import { accuracyOf, signAgreement } from "./faithfulness.js";
import { FlipSensitivity, sensitivityOf } from "./sensitivity.js";
import { analysisWasm } from "./wasm/analysis-wasm.js";

/**
 * Everything the paper measures on one network (one epoch of a run), in a single sweep
 * over its hidden layer: effective sparsity on the support (§2.1), and for each
 * competing subnetwork (§3.2) its mean norm, faithfulness and accuracy on the training
 * and test sets, and its sensitivity on the test set and the first 100 training points.
 */
export interface SubnetworkMeasures {
  readonly size: number;
  readonly meanNorm: number;
  readonly faithfulnessTrain: number;
  readonly faithfulnessTest: number;
  readonly accuracyTrain: number;
  readonly accuracyTest: number;
  readonly sensitivityTest: number;
  readonly sensitivityTrain: number;
}

export interface EpochMeasures {
  readonly sparsity: EffectiveSparsity;
  /** ‖W_i‖₂ of every neuron. */
  readonly norms: Float64Array;
  readonly subnetworks: { readonly [K in SubnetworkName]: SubnetworkMeasures };
}

/** How many training points the sensitivity is measured on (the authors' first 100). */
export const SENSITIVITY_TRAIN_POINTS = 100;

/**
 * The fixed part of a seed's analysis: the points (train, then test, then any extra
 * support points), which of them form the support X, and the subnetworks.
 */
export class EpochAnalyzer {
  private readonly points: PackedInputs;
  private readonly y: Int8Array;
  private readonly masks: { readonly [K in SubnetworkName]: Uint8Array };
  /** The points whose flips are counted: the test set, then the first training points. */
  private readonly flipIdx: Int32Array;
  private readonly flipX: Int8Array;
  /** The flips counted for sensitivity, of every subnetwork. */
  private readonly flips: FlipSensitivity;
  /** Each subnetwork's neurons by rank in the pruning order, ascending; refilled every epoch. */
  private readonly ranks: Record<SubnetworkName, Int32Array>;
  private readonly outputs: Record<SubnetworkName, Float64Array>;
  /** The pruning order of the network measured last: the next epoch's is nearly the same. */
  private lastOrder: Int32Array | null = null;

  constructor(
    private readonly train: Dataset,
    private readonly test: Dataset,
    extra: Dataset | null,
    private readonly support: Uint8Array,
    private readonly sets: CompetingSubnetworks,
    p: number,
  ) {
    const n = train.n;
    const size = train.size + test.size + (extra?.size ?? 0);
    const X = new Int8Array(size * n);
    const y = new Int8Array(size);
    X.set(train.X);
    X.set(test.X, train.size * n);
    y.set(train.y);
    y.set(test.y, train.size);
    if (extra) {
      X.set(extra.X, (train.size + test.size) * n);
      y.set(extra.y, train.size + test.size);
    }
    this.points = packInputs(X, n, size);
    // The subnetworks' outputs, reused every epoch; in the SIMD kernel's memory when it has room, so the tracker sums them there.
    const kernel = analysisWasm();
    this.outputs = {} as Record<SubnetworkName, Float64Array>;
    for (const name of SUBNETWORK_NAMES) this.outputs[name] = kernel?.f64(size) ?? new Float64Array(size);
    this.y = y;
    this.masks = membership(p, sets);
    const m = Math.min(SENSITIVITY_TRAIN_POINTS, train.size);
    this.flipIdx = Int32Array.from({ length: test.size + m }, (_, r) => (r < test.size ? train.size + r : r - test.size));
    this.flipX = new Int8Array((test.size + m) * n);
    this.flipX.set(test.X);
    this.flipX.set(train.X.subarray(0, m * n), test.size * n);
    this.flips = new FlipSensitivity(n, this.flipX, this.flipIdx);
    this.ranks = { generalizing: new Int32Array(sets.generalizing.length), complementary: new Int32Array(sets.complementary.length), control: new Int32Array(sets.control.length) };
  }

  measure(net: Network): EpochMeasures {
    const { train, test, points, y, masks, flips } = this;
    const norms = neuronNorms(net);
    const order = pruningOrder(norms, this.lastOrder ?? undefined);
    this.lastOrder = order;
    const tracker = new PrefixSignTracker(net.p, y, this.support);
    const outputs = this.outputs;
    for (const name of SUBNETWORK_NAMES) outputs[name].fill(0);
    const { generalizing, control } = masks;
    flips.begin(net, order);
    try {
      sweepNeurons(net, order, points, (i, rank, h) => {
        const u = net.u[i];
        // Generalizing and complementary partition the neurons: each neuron feeds one of them in the tracker's pass.
        tracker.add(u, h, outputs[generalizing[i] === 1 ? "generalizing" : "complementary"]);
        if (control[i] === 1) addContribution(outputs.control, u, h);
        flips.record(rank, h);
      });
      const f = tracker.f;
      const nTrain = train.size;
      const nBoth = train.size + test.size;
      const nFlip = this.flipIdx.length;
      const measures = {} as Record<SubnetworkName, SubnetworkMeasures>;
      for (const name of SUBNETWORK_NAMES) {
        const g = outputs[name];
        const counts = flips.changedFlips(this.ranksOf(name, order));
        measures[name] = {
          size: this.sets[name].length,
          meanNorm: meanNorm(norms, this.sets[name]),
          faithfulnessTrain: signAgreement(g, f, 0, nTrain),
          faithfulnessTest: signAgreement(g, f, nTrain, nBoth),
          accuracyTrain: accuracyOf(g, y, 0, nTrain),
          accuracyTest: accuracyOf(g, y, nTrain, nBoth),
          sensitivityTest: sensitivityOf(counts, 0, test.size),
          sensitivityTrain: sensitivityOf(counts, test.size, nFlip),
        };
      }
      return { sparsity: sparsityFromProfile(tracker.profile()), norms, subnetworks: measures };
    } finally {
      flips.end();
    }
  }

  /** The ranks, in this epoch's pruning order, of a subnetwork's neurons, ascending. */
  private ranksOf(name: SubnetworkName, order: Int32Array): Int32Array {
    const mask = this.masks[name];
    const out = this.ranks[name];
    let c = 0;
    for (let r = 0; r < order.length; r++) if (mask[order[r]] === 1) out[c++] = r;
    return out;
  }
}

/** out += u·σ(h), as the tracker adds it, so a subnetwork's output is summed exactly as f_k is. */
function addContribution(out: Float64Array, u: number, h: Float64Array): void {
  for (let r = 0; r < out.length; r++) {
    const hv = h[r];
    out[r] += u * Math.max(hv, 0);
  }
}
