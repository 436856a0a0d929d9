import { subnetwork, type Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { measure, trainBatches } from "../train/kernel.js";
import { epochBatches } from "../train/train-seed.js";
import { grokkingEpoch } from "../run/record.js";

/**
 * The lottery ticket (DESIGN.md): the generalizing subnetwork's neurons, reset to their
 * epoch-0 weights, trained alone with the run's hyperparameters, training set and batch
 * order (the batches of epoch e are those of the run's seed and epoch e). It "generalizes"
 * when its test accuracy reaches the grokking threshold (≥ 98%) at some epoch.
 */
export interface LotteryTicketSettings {
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly weightDecay: number;
}

export interface LotteryTicket {
  readonly size: number;
  readonly generalized: boolean;
  /** First epoch with test accuracy ≥ 0.98, or null. */
  readonly grokkingEpoch: number | null;
  readonly finalTrainAcc: number;
  readonly finalTestAcc: number;
  /** Per epoch from 0, as long as training stayed finite. */
  readonly trainAcc: number[];
  readonly testAcc: number[];
}

export function lotteryTicket(initial: Network, neurons: ArrayLike<number>, train: Dataset, test: Dataset, s: LotteryTicketSettings): LotteryTicket {
  // An empty subnetwork outputs 0 everywhere: never correct, nothing to train.
  if (neurons.length === 0) return { size: 0, generalized: false, grokkingEpoch: null, finalTrainAcc: 0, finalTestAcc: 0, trainAcc: [0], testAcc: [0] };
  const net = subnetwork(initial, neurons);
  const trainAcc: number[] = [];
  const testAcc: number[] = [];
  const record = () => {
    const tr = measure(net, train);
    trainAcc.push(tr.acc);
    testAcc.push(measure(net, test).acc);
    return Number.isFinite(tr.loss);
  };
  let finite = record();
  const hp = { lr: s.lr, weightDecay: s.weightDecay };
  for (let epoch = 1; epoch <= s.epochs && finite; epoch++) {
    trainBatches(net, train, epochBatches(s.seed, epoch, train.size, s.batchSize), hp);
    finite = record();
  }
  if (!finite) {
    trainAcc.pop();
    testAcc.pop();
  }
  const grok = grokkingEpoch(testAcc);
  const last = trainAcc.length - 1;
  return { size: neurons.length, generalized: grok !== null, grokkingEpoch: grok, finalTrainAcc: trainAcc[last], finalTestAcc: testAcc[last], trainAcc, testAcc };
}
