import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { ROOT } from "../helpers/cli.js";
import { loadNetwork } from "../../src/io/checkpoint.js";
import { loadDatasetFile } from "../../src/data/dataset-file.js";
import { evaluate, subnetwork } from "../../src/net/network.js";
import { FixtureManifestSchema } from "../../src/audit/checkpoint-fixtures.js";
import { activeSubnetworkEquivalence, pruningMonotonicity, certifyAgreement } from "../../src/testing/index.js";

/**
 * The invariants users asked for, on the checkpoints our trainer produced for the paper
 * config (fixtures/checkpoints: each seed at its memorisation epoch and its final
 * epoch). X is each seed's training set. Random inputs come from a fixed fast-check
 * seed, so every run checks the same points.
 */
const dir = join(ROOT, "fixtures", "checkpoints");
const manifest = FixtureManifestSchema.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")), "manifest.json");
const load = (phase: "memorisation" | "final") =>
  manifest.checkpoints
    .filter((c) => c.phase === phase)
    .map((c) => ({ ...c, net: loadNetwork(join(dir, c.file)), train: loadDatasetFile(join(dir, c.data), ["train"]).dataset }));
const memorising = load("memorisation");
const grokked = load("final");
const FC_SEED = 20260425;

describe("active-subnetwork equivalence on the support X (the training set)", () => {
  it.each([...memorising, ...grokked].map((c) => [c.file, c] as const))("%s: sgn f_k = sgn f on every training point", (_f, c) => {
    const eq = activeSubnetworkEquivalence(c.net, c.train);
    for (let r = 0; r < c.train.size; r++) expect(eq.agreesAt(c.train.X.subarray(r * 40, (r + 1) * 40))).toBe(true);
    // and k is the least such k: f_{k−1} disagrees somewhere on X
    const prev = subnetwork(c.net, eq.neurons.slice(0, eq.size - 1));
    let disagreements = 0;
    for (let r = 0; r < c.train.size; r++) {
      const x = c.train.X.subarray(r * 40, (r + 1) * 40);
      if (Math.sign(evaluate(prev, x)) !== Math.sign(evaluate(c.net, x))) disagreements++;
    }
    expect(disagreements).toBeGreaterThan(0);
  });
});

describe("active-subnetwork equivalence on random inputs of the cube", () => {
  it.each(grokked.map((c) => [c.file, c] as const))("%s (grokked): holds on 1000 random inputs", (_f, c) => {
    const eq = activeSubnetworkEquivalence(c.net, c.train);
    expect(eq.size).toBeLessThan(20);
    fc.assert(eq.onCube(), { seed: FC_SEED, numRuns: 1000 });
  });

  it("…yet the certifier proves it fails somewhere on the cube for every grokked seed but seed 1: random testing misses it", () => {
    const verdicts = grokked.map((c) => certifyAgreement(c.net, activeSubnetworkEquivalence(c.net, c.train).neurons, { first: c.support }));
    for (const [q, v] of verdicts.entries()) {
      if (v.counterexample) {
        const x = v.counterexample;
        const sub = subnetwork(grokked[q].net, activeSubnetworkEquivalence(grokked[q].net, grokked[q].train).neurons);
        expect(Math.sign(evaluate(grokked[q].net, x))).not.toBe(Math.sign(evaluate(sub, x)));
      }
    }
    expect(verdicts.map((v) => v.verdict)).toEqual(["counterexample", "certified", "counterexample", "counterexample", "counterexample"]);
  });

  it.each(memorising.filter((c) => c.seed !== 1).map((c) => [c.file, c] as const))("%s (memorising): fails on random inputs, with a real counterexample", (_f, c) => {
    const eq = activeSubnetworkEquivalence(c.net, c.train);
    const out = fc.check(eq.onCube(), { seed: FC_SEED, numRuns: 1000 });
    expect(out.failed).toBe(true);
    expect(eq.agreesAt(out.counterexample![0])).toBe(false);
  });

  it("seed 1 at memorisation: the active subnetwork is the whole network (k = p), so equivalence holds trivially", () => {
    const c = memorising.find((m) => m.seed === 1)!;
    expect(activeSubnetworkEquivalence(c.net, c.train).size).toBe(c.net.p);
  });
});

describe("pruning monotonicity in k on X: A(k) = #{x ∈ X : sgn f_k = sgn f}", () => {
  it.each(grokked.map((c) => [c.file, c] as const))("%s (grokked): A is non-decreasing and full agreement persists for every k ≥ k*", (_f, c) => {
    const m = pruningMonotonicity(c.net, c.train);
    expect(m.monotone).toBe(true);
    expect(m.stableFrom).toBe(m.effectiveSparsity);
  });

  it.each(memorising.map((c) => [c.file, c] as const))("%s (memorising): A is not monotone, and its stable size is at least its pointwise size", (_f, c) => {
    const m = pruningMonotonicity(c.net, c.train);
    expect(m.monotone).toBe(false);
    expect(m.firstDrop!.to).toBeLessThan(m.firstDrop!.from);
    expect(m.stableFrom).toBeGreaterThanOrEqual(m.effectiveSparsity);
    expect(m.agreement[c.net.p]).toBe(c.train.size);
  });
});
