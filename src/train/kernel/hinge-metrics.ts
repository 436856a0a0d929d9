import type { Network } from "../../net/network.js";
import type { Dataset } from "../../data/dataset.js";
import type { Metrics } from "../reference.js";
import { bitGroups, pointCodes } from "./bit-groups.js";
import { countingMemory, type KernelMemory } from "./kernel-memory.js";
import type { KernelOps } from "./kernel-ops.js";
import { paddedWidth, transpose } from "./scaled-network.js";

/**
 * Input bits per table group in evaluation: the tables are built once per call and read
 * by every point, so wider groups (fewer reads) pay here, unlike in training.
 */
const EVAL_GROUP_BITS = 8;
/** Neurons per block (a multiple of 4): 5 groups × 128 entries × 64 × 8 B = 320 kB of tables for n = 40, within L2. */
const BLOCK = 64;

function buffers(net: Network, sets: readonly Dataset[], mem: KernelMemory) {
  const { n } = net;
  const P = paddedWidth(net.p);
  const groups = bitGroups(n, Math.max(1, Math.min(EVAL_GROUP_BITS, n)), mem);
  return {
    P,
    groups,
    codes: sets.map((data) => pointCodes(groups, data.X, data.size, mem)),
    f: sets.map((data) => mem.f64(data.size)),
    cols: mem.f64(n * BLOCK),
    T: mem.f64(groups.count * groups.entries * BLOCK),
    h: mem.f64(BLOCK),
    b: mem.f64(P),
    u: mem.f64(P),
  };
}

/**
 * Mean hinge loss and accuracy of `net` on every point of each set (accuracy counts
 * sgn f(x) = y, so f = 0 is wrong): the outputs f of all points, a block of neurons at a
 * time, each block's pre-activations read from its tables of signed partial column sums,
 * built once for all the sets (training runs measure the train and test sets together).
 */
export function hingeMetrics(net: Network, sets: readonly Dataset[], ops: KernelOps): Metrics[] {
  const { n, p, W } = net;
  const counting = countingMemory();
  buffers(net, sets, counting);
  const { P, groups, codes, f, cols, T, h, b, u } = buffers(net, sets, ops.memory(counting.bytes));
  // Padding neurons (zero weights) add exact zeros to f.
  for (const fs of f) fs.fill(0);
  b.fill(0).set(net.b);
  u.fill(0).set(net.u);
  for (let i0 = 0; i0 < P; i0 += BLOCK) {
    const cnt = Math.min(BLOCK, P - i0);
    const real = Math.max(0, Math.min(cnt, p - i0));
    if (real < cnt) cols.fill(0);
    transpose(W.subarray(i0 * n), real, n, n, cols, BLOCK, 1);
    ops.buildHalfTables(groups, cols, BLOCK, 0, cnt, T, BLOCK);
    for (let d = 0; d < sets.length; d++) ops.blockOutputs(groups, codes[d], T, BLOCK, codes[d].order, sets[d].size, b, u, i0, cnt, h, 0, 0, f[d]);
  }
  return sets.map((data, d) => {
    if (data.size === 0) return { loss: NaN, acc: NaN };
    const byRow = new Float64Array(data.size);
    // f[k] is the output of point order[k]; the loss is summed in row order.
    for (let k = 0; k < data.size; k++) byRow[codes[d].order[k]] = f[d][k];
    let loss = 0;
    let correct = 0;
    for (let r = 0; r < data.size; r++) {
      const yf = data.y[r] * byRow[r];
      loss += Math.max(0, 1 - yf);
      if (yf > 0) correct++;
    }
    return { loss: loss / data.size, acc: correct / data.size };
  });
}
