import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import type { Hyper, Metrics } from "./reference.js";
import { typescriptOps, type KernelOps } from "./kernel/kernel-ops.js";
import { wasmOps } from "./kernel/wasm-ops.js";
import { SgdTrainer } from "./kernel/sgd-step.js";
import { hingeMetrics } from "./kernel/hinge-metrics.js";

export type { Hyper, Metrics };

/**
 * The kernel operations in use: the WebAssembly SIMD kernel when it was built (npm run
 * build compiles it from assembly/), else the plain TypeScript one; both give identical
 * bits. TWO_CIRCUITS_KERNEL=typescript forces the latter.
 */
export function kernelOps(): KernelOps {
  return process.env.TWO_CIRCUITS_KERNEL === "typescript" ? typescriptOps : (wasmOps() ?? typescriptOps);
}

function checkShapes(net: Network, data: Dataset): void {
  if (net.n !== data.n) throw new RangeError(`network has n = ${net.n} inputs but the data has n = ${data.n}`);
}

/**
 * Applies SGD steps on the given batches (row indices into `train`), in order, mutating
 * `net`; on return `net` holds the current weights. Same semantics as `referenceStep`
 * (reference.ts; the model and loss of paper §2, the authors' torch.optim.SGD with coupled
 * weight decay), computed with the fast path of kernel/: weight decay as one lazy scale
 * (scaled-network.ts), pre-activations of ±1 inputs read from tables of signed partial
 * column sums (partial-sums.ts, block-outputs.ts), no gradient work for samples past the
 * hinge margin (hinge-update.ts). The result is the same bits with either kernel.
 */
export function trainBatches(net: Network, train: Dataset, batches: readonly ArrayLike<number>[], hp: Hyper, ops: KernelOps = kernelOps()): void {
  checkShapes(net, train);
  if (batches.length === 0) return;
  let maxBatch = 0;
  for (const batch of batches) {
    maxBatch = Math.max(maxBatch, batch.length);
    for (let s = 0; s < batch.length; s++) {
      const r = batch[s];
      if (!(Number.isInteger(r) && r >= 0 && r < train.size)) throw new RangeError(`batch row ${r} is not a row of the training set (size ${train.size})`);
    }
  }
  const trainer = new SgdTrainer(net, train, maxBatch, ops);
  for (const batch of batches) trainer.step(batch, hp);
  trainer.writeTo(net);
}

/** Mean hinge loss and accuracy on a whole set (accuracy counts sgn f(x) = y; f = 0 is wrong). */
export function measure(net: Network, data: Dataset, ops: KernelOps = kernelOps()): Metrics {
  return measureSets(net, [data], ops)[0];
}

/**
 * `measure` on several sets of the same network at once (the same results, bit for bit):
 * the tables the evaluation reads are built once for all of them, which is most of the
 * cost for a small set such as the 100-point test set.
 */
export function measureSets(net: Network, sets: readonly Dataset[], ops: KernelOps = kernelOps()): Metrics[] {
  for (const data of sets) checkShapes(net, data);
  return hingeMetrics(net, sets, ops);
}
