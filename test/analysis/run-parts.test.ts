import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createNetwork, subnetwork } from "../../src/net/network.js";
import { testSet, trainingSet } from "../../src/data/parity.js";
import { pytorchDefaultInit } from "../../src/net/init.js";
import { measure, trainBatches } from "../../src/train/kernel.js";
import { epochBatches } from "../../src/train/train-seed.js";
import { lotteryTicket } from "../../src/analysis/lottery-ticket.js";
import { aggregateEpochs, meanAndStd } from "../../src/analysis/aggregate.js";
import { dominantNeurons, trackedNeurons } from "../../src/analysis/neuron-trajectories.js";
import { parseSupportChoice, resolveSupport, supportLabel } from "../../src/analysis/support-set.js";
import type { EpochRow } from "../../src/analysis/analyze-seed.js";

describe("lottery ticket", () => {
  it("retrains the subnetwork alone from its initial weights with the run's batch order", () => {
    const task = { n: 10, support: [0, 1, 2] };
    const train = trainingSet(task, 64, 3);
    const test = testSet(task, 20);
    const init = pytorchDefaultInit(10, 16, 3);
    const neurons = [5, 2, 11];
    const t = lotteryTicket(init, neurons, train, test, { seed: 3, epochs: 4, batchSize: 16, lr: 0.1, weightDecay: 0.01 });
    const net = subnetwork(init, neurons);
    for (let e = 1; e <= 4; e++) trainBatches(net, train, epochBatches(3, e, 64, 16), { lr: 0.1, weightDecay: 0.01 });
    expect(t.size).toBe(3);
    expect(t.trainAcc).toHaveLength(5);
    expect(t.finalTrainAcc).toBe(measure(net, train).acc);
    expect(t.finalTestAcc).toBe(measure(net, test).acc);
    expect(t.generalized).toBe(t.testAcc.some((a) => a >= 0.98));
  });

  it("of an empty subnetwork never generalizes", () => {
    const task = { n: 4, support: [0] };
    const t = lotteryTicket(createNetwork(4, 3), [], trainingSet(task, 8, 0), testSet(task, 4), { seed: 0, epochs: 2, batchSize: 4, lr: 0.1, weightDecay: 0 });
    expect(t).toMatchObject({ size: 0, generalized: false, grokkingEpoch: null });
  });
});

describe("aggregation across seeds", () => {
  it("is the mean and the population standard deviation", () => {
    expect(meanAndStd([1, 3])).toEqual({ mean: 2, std: 1 });
    const row = (seed: number, epoch: number, v: number): EpochRow => ({ seed, epoch, trainLoss: v, trainAcc: v, testLoss: v, testAcc: v, sparsityPointwise: v, sparsityAccuracy: v, sparsityStable: v });
    const agg = aggregateEpochs([row(0, 0, 2), row(1, 0, 4), row(0, 1, 5)]);
    expect(agg.filter((r) => r.quantity === "testAcc")).toEqual([
      { epoch: 0, quantity: "testAcc", mean: 3, std: 1, count: 2 },
      { epoch: 1, quantity: "testAcc", mean: 5, std: 0, count: 1 },
    ]);
  });
});

describe("Figure 5 neurons", () => {
  it("follows the largest-norm neurons, ties by the lower index, and leaves out a role whose epoch never came", () => {
    expect(Array.from(dominantNeurons([1, 5, 5, 0, 3, 9], 3))).toEqual([5, 1, 2]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }), (norms) => {
        const top = dominantNeurons(norms);
        expect(top.length).toBe(Math.min(5, norms.length));
        const rest = norms.filter((_, i) => !top.includes(i));
        for (const i of top) for (const v of rest) expect(norms[i]).toBeGreaterThanOrEqual(v);
      }),
    );
    const tracked = trackedNeurons({ "memorization-dominant": null, "final-dominant": Int32Array.from([4, 2]) });
    expect(tracked).toEqual([
      { role: "final-dominant", rank: 0, neuron: 4 },
      { role: "final-dominant", rank: 1, neuron: 2 },
    ]);
  });
});

describe("support set", () => {
  it("marks the chosen points among train, test and a file's points", () => {
    const task = { n: 5, support: [0, 1] };
    const train = trainingSet(task, 6, 0);
    const test = testSet(task, 3);
    expect(Array.from(resolveSupport(parseSupportChoice("train"), train, test).mask)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(resolveSupport(parseSupportChoice("test"), train, test).mask)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(resolveSupport(parseSupportChoice("union"), train, test).points.size).toBe(9);
    const file = resolveSupport(parseSupportChoice("points.safetensors"), train, test, () => test);
    expect(Array.from(file.mask)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(supportLabel(parseSupportChoice("points.safetensors"))).toBe("points.safetensors");
    expect(() => resolveSupport(parseSupportChoice("x"), train, test, () => trainingSet({ n: 4, support: [0] }, 2, 0))).toThrow(/n = 4, the run has n = 5/);
  });
});
