// The README's example for two-circuits/testing, run as written (paths point at a fixture).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { ROOT } from "../helpers/cli.js";
import { activeSubnetworkEquivalence, certifyParity, loadDatasetFile, loadNetwork, perturbedCheckpoint } from "two-circuits/testing";

const fixture = (name: string) => join(ROOT, "fixtures", "checkpoints", name);
const net = loadNetwork(fixture("seed-3-final.safetensors"));
const train = loadDatasetFile(fixture("seed-3-data.safetensors")).dataset;

describe("my grokked network", () => {
  it("computes (40, 3)-parity on all 2^40 inputs", () => {
    expect(certifyParity(net, [0, 1, 2]).verdict).toBe("certified");
  });

  it("agrees with its active subnetwork on random inputs", () => {
    fc.assert(activeSubnetworkEquivalence(net, train).onCube(), { numRuns: 1000 });
  });

  it("still computes parity with every weight perturbed by up to 1%", () => {
    fc.assert(fc.property(perturbedCheckpoint(net, { scale: 0.01 }), (q) => certifyParity(q, [0, 1, 2]).verdict === "certified"), { numRuns: 10 });
  });
});
