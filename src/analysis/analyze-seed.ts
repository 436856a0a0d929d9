import type { SeedRun } from "../run/run-reader.js";
import type { TrainConfig } from "../train/config.js";
import { InputError } from "../errors.js";
import { pruningOrderOf } from "./pruning-order.js";
import { pruningProfile, sparsityFromProfile, type EffectiveSparsity } from "./active-subnetwork.js";
import { competingSubnetworks, SUBNETWORK_NAMES, type CompetingSubnetworks, type SubnetworkName } from "./subnetworks.js";
import { EpochAnalyzer, type SubnetworkMeasures } from "./epoch-analysis.js";
import { dominantNeurons, trackedNeurons, type NeuronRole, type TrackedNeuron } from "./neuron-trajectories.js";
import { lotteryTicket } from "./lottery-ticket.js";
import { resolveSupport, type SupportChoice } from "./support-set.js";
import { neuronNorms } from "../net/network.js";
import type { SeedSummary } from "./analysis-summary.js";

/** One row of epochs.csv. */
export interface EpochRow {
  readonly seed: number;
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAcc: number;
  readonly testLoss: number;
  readonly testAcc: number;
  readonly sparsityPointwise: number;
  readonly sparsityAccuracy: number;
  readonly sparsityStable: number;
}

/** One row of subnetworks.csv. */
export interface SubnetworkRow extends SubnetworkMeasures {
  readonly seed: number;
  readonly epoch: number;
  readonly subnetwork: SubnetworkName;
}

/** One row of neurons.csv. */
export interface NeuronRow {
  readonly seed: number;
  readonly epoch: number;
  readonly role: NeuronRole;
  readonly rank: number;
  readonly neuron: number;
  readonly norm: number;
}

/** A seed's analysis: its summary.json entry and its rows of the CSV files. */
export interface SeedAnalysis extends SeedSummary {
  readonly epochs: EpochRow[];
  readonly subnetworks: SubnetworkRow[];
  readonly neurons: NeuronRow[];
}

/**
 * What every epoch's analysis of a seed shares: the support, the competing subnetworks
 * (the generalizing one is the final epoch's active subnetwork, pointwise, on the
 * support) and Figure 5's neurons. Reads only the final and the memorisation epochs.
 *
 * The networks analysed are the trajectory's (float32 weights, as PyTorch would hold
 * them), and every norm — the pruning order, mean norms, Figure 5 — is computed from
 * those weights, so the analysis of an epoch is a function of the network alone. (The
 * trajectory's stored `norms` come from training's float64 weights and may differ in
 * the last float32 bits.)
 */
export interface SeedPlan {
  readonly run: SeedRun;
  readonly finalEpoch: number;
  readonly finalSparsity: EffectiveSparsity;
  readonly sets: CompetingSubnetworks;
  readonly tracked: readonly TrackedNeuron[];
  readonly analyzer: EpochAnalyzer;
}

export function planSeed(run: SeedRun, config: TrainConfig, support: SupportChoice): SeedPlan {
  const { seed, record, train, test } = run;
  const resolved = resolveSupport(support, train, test);
  const trajectory = run.trajectory();
  try {
    if (trajectory.n !== config.n || trajectory.p !== config.width) {
      throw new InputError(`${trajectory.path}: holds networks of n = ${trajectory.n}, p = ${trajectory.p}, the config says n = ${config.n}, width = ${config.width}`);
    }
    const last = record.lastEpoch;
    const finalNet = trajectory.network(last);
    const finalOrder = pruningOrderOf(finalNet);
    const finalSparsity = sparsityFromProfile(pruningProfile(finalNet, resolved.points, finalOrder));
    const sets = competingSubnetworks(finalNet.p, finalOrder.subarray(0, finalSparsity.pointwise), seed);
    const memEpoch = record.memorizationEpoch;
    const tracked = trackedNeurons({
      "memorization-dominant": memEpoch === null ? null : dominantNeurons(neuronNorms(trajectory.network(memEpoch))),
      "final-dominant": dominantNeurons(neuronNorms(finalNet)),
    });
    const analyzer = new EpochAnalyzer(train, test, resolved.extra, resolved.mask, sets, finalNet.p);
    return { run, finalEpoch: last, finalSparsity, sets, tracked, analyzer };
  } finally {
    trajectory.close();
  }
}

/** The rows of epochs from..to−1 of a seed. */
export interface EpochSpan {
  readonly from: number;
  readonly to: number;
  readonly sparsity: EffectiveSparsity[];
  readonly epochs: EpochRow[];
  readonly subnetworks: SubnetworkRow[];
  readonly neurons: NeuronRow[];
}

export function analyzeEpochs(plan: SeedPlan, from: number, to: number, onEpoch?: (epoch: number) => void): EpochSpan {
  const { seed, record } = plan.run;
  const trajectory = plan.run.trajectory();
  try {
    const span: EpochSpan = { from, to, sparsity: [], epochs: [], subnetworks: [], neurons: [] };
    for (let epoch = from; epoch < to; epoch++) {
      const m = plan.analyzer.measure(trajectory.network(epoch));
      const s = m.sparsity;
      span.sparsity.push(s);
      span.epochs.push({
        seed,
        epoch,
        trainLoss: record.trainLoss[epoch],
        trainAcc: record.trainAcc[epoch],
        testLoss: record.testLoss[epoch],
        testAcc: record.testAcc[epoch],
        sparsityPointwise: s.pointwise,
        sparsityAccuracy: s.accuracy,
        sparsityStable: s.stable,
      });
      for (const name of SUBNETWORK_NAMES) span.subnetworks.push({ seed, epoch, subnetwork: name, ...m.subnetworks[name] });
      for (const t of plan.tracked) span.neurons.push({ seed, epoch, role: t.role, rank: t.rank, neuron: t.neuron, norm: m.norms[t.neuron] });
      onEpoch?.(epoch);
    }
    return span;
  } finally {
    trajectory.close();
  }
}

export type LotteryTicketSummary = SeedAnalysis["lotteryTicket"];

export function seedLotteryTicket(plan: SeedPlan, config: TrainConfig): LotteryTicketSummary {
  const { seed, train, test } = plan.run;
  const trajectory = plan.run.trajectory();
  let initial;
  try {
    initial = trajectory.network(0);
  } finally {
    trajectory.close();
  }
  const t = lotteryTicket(initial, plan.sets.generalizing, train, test, { seed, epochs: config.epochs, batchSize: config.batchSize, lr: config.lr, weightDecay: config.weightDecay });
  return { size: t.size, generalized: t.generalized, grokkingEpoch: t.grokkingEpoch, finalTrainAcc: t.finalTrainAcc, finalTestAcc: t.finalTestAcc };
}

/** What assembling a seed's analysis needs of its plan; small enough to pass between threads. */
export interface PlanSummary {
  readonly finalEpoch: number;
  readonly finalSparsity: EffectiveSparsity;
  readonly generalizing: number[];
  readonly control: number[];
}

export function planSummary(plan: SeedPlan): PlanSummary {
  return { finalEpoch: plan.finalEpoch, finalSparsity: plan.finalSparsity, generalizing: Array.from(plan.sets.generalizing), control: Array.from(plan.sets.control) };
}

/** Puts a seed's analysis together from spans covering epochs 0..final in order. */
export function assembleSeed(run: SeedRun, plan: PlanSummary, spans: readonly EpochSpan[], ticket: LotteryTicketSummary): SeedAnalysis {
  const { seed, record } = run;
  const sparsity = spans.flatMap((s) => s.sparsity);
  if (sparsity.length !== plan.finalEpoch + 1 || spans.some((s, k) => s.from !== (k === 0 ? 0 : spans[k - 1].to))) throw new Error(`seed ${seed}: epoch spans do not cover 0..${plan.finalEpoch}`);
  // The sweep over every epoch and the search that chose the subnetworks must agree.
  const atFinal = sparsity[plan.finalEpoch];
  if (JSON.stringify(atFinal) !== JSON.stringify(plan.finalSparsity)) throw new Error(`seed ${seed}: final-epoch sparsity ${JSON.stringify(atFinal)} differs from ${JSON.stringify(plan.finalSparsity)}`);
  const mem = record.memorizationEpoch;
  return {
    seed,
    memorizationEpoch: mem,
    grokkingEpoch: record.grokkingEpoch,
    finalEpoch: plan.finalEpoch,
    effectiveSparsity: plan.finalSparsity,
    nonMonotoneEpochs: sparsity.filter((s) => s.stable !== s.pointwise).length,
    generalizingNeurons: plan.generalizing,
    controlNeurons: plan.control,
    sparsityAtMemorization: mem === null ? null : sparsity[mem],
    lotteryTicket: ticket,
    epochs: spans.flatMap((s) => s.epochs),
    subnetworks: spans.flatMap((s) => s.subnetworks),
    neurons: spans.flatMap((s) => s.neurons),
  };
}

/** Analyses every epoch of one seed, in this thread. */
export function analyzeSeed(run: SeedRun, config: TrainConfig, support: SupportChoice, onEpoch?: (epoch: number) => void): SeedAnalysis {
  const plan = planSeed(run, config, support);
  const span = analyzeEpochs(plan, 0, plan.finalEpoch + 1, onEpoch);
  return assembleSeed(run, planSummary(plan), [span], seedLotteryTicket(plan, config));
}
