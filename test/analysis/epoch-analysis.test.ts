import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, neuronNorms, subnetwork } from "../../src/net/network.js";
import { datasetRow, selectRows, type Dataset } from "../../src/data/dataset.js";
import { EpochAnalyzer } from "../../src/analysis/epoch-analysis.js";
import { effectiveSparsity } from "../../src/analysis/active-subnetwork.js";
import { competingSubnetworks, meanNorm, SUBNETWORK_NAMES } from "../../src/analysis/subnetworks.js";
import { faithfulness } from "../../src/analysis/faithfulness.js";
import { sensitivity } from "../../src/analysis/sensitivity.js";
import { resolveSupport } from "../../src/analysis/support-set.js";
import { datasetArb, networkArb } from "./arbitraries.js";

const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

function plainAccuracy(net: Parameters<typeof evaluate>[0], data: Dataset): number {
  if (data.size === 0) return NaN;
  let c = 0;
  for (let r = 0; r < data.size; r++) if (sgn(evaluate(net, datasetRow(data, r))) === data.y[r]) c++;
  return c / data.size;
}

const caseArb = networkArb({ n: { min: 1, max: 12 }, p: { min: 1, max: 10 } }).chain((net) =>
  fc.record({
    net: fc.constant(net),
    train: datasetArb(net.n, { min: 1, max: 14 }),
    test: datasetArb(net.n, { min: 1, max: 8 }),
    generalizing: fc.uniqueArray(fc.integer({ min: 0, max: net.p - 1 }), { maxLength: net.p }),
    seed: fc.nat(1000),
    support: fc.constantFrom("train", "test", "union") as fc.Arbitrary<"train" | "test" | "union">,
  }),
);

describe("one epoch's measures in one sweep", () => {
  it("equal the plain definitions: sparsity, mean norm, faithfulness, accuracy and sensitivity of every subnetwork", () => {
    fc.assert(
      fc.property(caseArb, ({ net, train, test, generalizing, seed, support }) => {
        const sets = competingSubnetworks(net.p, generalizing, seed);
        const resolved = resolveSupport({ kind: support }, train, test);
        const m = new EpochAnalyzer(train, test, resolved.extra, resolved.mask, sets, net.p).measure(net);
        expect(m.sparsity).toEqual(effectiveSparsity(net, resolved.points));
        const norms = neuronNorms(net);
        const flipTrain = selectRows(train, Array.from({ length: Math.min(100, train.size) }, (_, r) => r));
        for (const name of SUBNETWORK_NAMES) {
          const idx = [...sets[name]].sort((a, b) => a - b);
          const sub = subnetwork(net, idx);
          const got = m.subnetworks[name];
          expect(got.size).toBe(idx.length);
          expect(got.meanNorm).toBeCloseTo(meanNorm(norms, idx), 12);
          expect(got.faithfulnessTrain).toBe(faithfulness(net, idx, train));
          expect(got.faithfulnessTest).toBe(faithfulness(net, idx, test));
          expect(got.accuracyTrain).toBe(plainAccuracy(sub, train));
          expect(got.accuracyTest).toBe(plainAccuracy(sub, test));
          expect(got.sensitivityTest).toBe(sensitivity(sub, test));
          expect(got.sensitivityTrain).toBe(sensitivity(sub, flipTrain));
        }
      }),
      { numRuns: 200 },
    );
  });
});
