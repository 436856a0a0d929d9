import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bandAcrossSeeds } from "../../src/report/seed-bands.js";
import { logTicks } from "../../src/report/epoch-axis.js";
import { sampleNorms } from "../../src/report/neuron-norm-sample.js";
import { readAnalysis } from "../../src/report/analysis-input.js";
import { figure2 } from "../../src/report/figure-2.js";
import { figure3 } from "../../src/report/figure-3.js";
import { figure5 } from "../../src/report/figure-5.js";
import { claimsTable, claimsNotShown } from "../../src/report/claims-table.js";
import { seedTable } from "../../src/report/seed-table.js";
import { parseCsv, toCsv } from "../../src/report/csv.js";
import { renderSvg, rasterize } from "../../src/report/render.js";
import { TrajectoryReader } from "../../src/run/trajectory.js";
import { writeSyntheticRun } from "./synthetic-run.js";

describe("bandAcrossSeeds", () => {
  it("is the per-epoch mean ± sample std of the values, clipped to [floor, ceiling]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ epoch: fc.integer({ min: 0, max: 5 }), value: fc.double({ min: -10, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -5, max: 0, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (obs, floor, ceiling) => {
          const band = bandAcrossSeeds(obs, { floor, ceiling });
          expect(band.map((b) => b.epoch)).toEqual([...new Set(obs.map((o) => o.epoch))].sort((a, b) => a - b));
          for (const b of band) {
            const vs = obs.filter((o) => o.epoch === b.epoch).map((o) => o.value);
            const mean = vs.reduce((s, v) => s + v, 0) / vs.length;
            const std = vs.length > 1 ? Math.sqrt(vs.reduce((s, v) => s + (v - mean) ** 2, 0) / (vs.length - 1)) : 0;
            expect(b.seeds).toBe(vs.length);
            expect(b.mean).toBeCloseTo(mean, 9);
            expect(b.std).toBeCloseTo(std, 9);
            expect(b.lower).toBeCloseTo(Math.max(floor, mean - std), 9);
            expect(b.upper).toBeCloseTo(Math.min(ceiling, mean + std), 9);
          }
        },
      ),
    );
  });
});

describe("logTicks", () => {
  it("gives 0, 1, 3, 10, 30, ... up to the maximum", () => {
    expect(logTicks(300)).toEqual([0, 1, 3, 10, 30, 100, 300]);
    expect(logTicks(1000, 1)).toEqual([1, 3, 10, 30, 100, 300, 1000]);
    expect(logTicks(0)).toEqual([0]);
  });
});

describe("sampleNorms", () => {
  it("keeps every s-th neuron and epoch plus the forced ones, with the exact norms and the median over all neurons", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(60)),
        (p, lastEpoch, maxNeurons, maxEpochs, forced) => {
          const norm = (e: number, i: number) => ((e * 7 + i * 13) % 11) + i / 100;
          const source = { p, lastEpoch, norms: (e: number) => Float64Array.from({ length: p }, (_, i) => norm(e, i)) };
          const s = sampleNorms(source, { maxNeurons, maxEpochs, neurons: forced, epochs: [lastEpoch >> 1] });
          for (const f of forced) if (f < p) expect(s.neurons).toContain(f);
          expect(s.epochs).toContain(lastEpoch);
          expect(s.epochs).toContain(lastEpoch >> 1);
          expect(s.neurons.filter((i) => i % s.neuronStride === 0).length).toBe(Math.ceil(p / s.neuronStride));
          expect(Math.ceil(p / s.neuronStride)).toBeLessThanOrEqual(maxNeurons);
          s.neurons.forEach((i, a) => s.epochs.forEach((e, b) => expect(s.norms[a][b]).toBe(norm(e, i))));
          s.epochs.forEach((e, b) => {
            const all = Array.from({ length: p }, (_, i) => norm(e, i)).sort((x, y) => x - y);
            const m = p % 2 ? all[p >> 1] : (all[p / 2 - 1] + all[p / 2]) / 2;
            expect(s.median[b]).toBe(m);
          });
        },
      ),
    );
  });
});

describe("figures of a synthetic analysis", () => {
  const dir = mkdtempSync(join(tmpdir(), "report-spec-"));
  const seeds = [0, 1, 2];
  writeSyntheticRun(dir, { seeds, p: 400, epochs: 50 });
  const analysis = readAnalysis(dir);
  const task = { n: 12, k: 3, weightDecay: 0.01 };

  it("Figure 2 plots every epoch of accuracy, loss and the three sparsities, with the seed count", async () => {
    const f = figure2(analysis.epochs, task);
    expect(f.rows.length).toBe(51 * 7);
    const test = f.rows.filter((r) => r.panel === "accuracy" && r.series === "test");
    const at10 = analysis.epochs.filter((r) => r.epoch === 10).map((r) => r.testAcc);
    expect(test.find((r) => r.epoch === 10)!.mean).toBeCloseTo(at10.reduce((a, b) => a + b) / 3, 4);
    expect(f.rows.every((r) => r.seeds === 3)).toBe(true);
    expect(f.caption).toContain("3 seeds");
    const { svg, warnings } = await renderSvg(f.spec);
    expect(warnings).toEqual([]);
    for (const text of ["Accuracy", "Average loss", "Effective sparsity", "epoch (log scale)", "mean over 3 seeds", "pointwise", "stable"]) expect(svg).toContain(text);
  });

  it("Figure 3 has the three subnetworks in norm and both faithfulness panels", async () => {
    const f = figure3(analysis.subnetworks, task);
    for (const panel of ["norm", "faithfulness-test", "faithfulness-train"]) {
      for (const name of ["generalizing", "complementary", "control"]) expect(f.rows.filter((r) => r.panel === panel && r.series === name).length).toBe(51);
    }
    expect(f.rows.filter((r) => r.panel !== "norm").every((r) => (r.upper as number) <= 1 && (r.lower as number) >= 0)).toBe(true);
    const { svg, warnings } = await renderSvg(f.spec);
    expect(warnings).toEqual([]);
    for (const text of ["Average norm", "Faithfulness (test set)", "Faithfulness (training set)", "generalizing", "complementary", "control"]) expect(svg).toContain(text);
  });

  it("Figure 5 draws the dominant neurons and a sample of all neurons read from the trajectory", async () => {
    const seed = analysis.summary.seeds[0];
    const reader = new TrajectoryReader(join(dir, "seed-0", "trajectory.safetensors"));
    const sample = sampleNorms(reader, { maxNeurons: 10, maxEpochs: 20, neurons: seed.generalizingNeurons });
    const f = figure5(seed, analysis.neurons.filter((r) => r.seed === 0), sample, reader.p);
    const allRows = f.rows.filter((r) => r.panel === "all" && r.neuron !== -1);
    for (const g of seed.generalizingNeurons) expect(allRows.some((r) => r.neuron === g && r.group === "generalising subnetwork")).toBe(true);
    const e = sample.epochs[3];
    const probe = allRows.find((r) => r.epoch === e && r.neuron === sample.neurons[1])!;
    expect(probe.norm).toBeCloseTo(reader.norms(e)[sample.neurons[1]], 3);
    reader.close();
    expect(f.caption).toMatch(/every 40th neuron by index/);
    const { svg, warnings } = await renderSvg(f.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain("memorisation");
  });

  it("the data file of a figure holds exactly the plotted rows", () => {
    const f = figure2(analysis.epochs, task);
    const back = parseCsv(toCsv(f.columns, f.rows), f.columns, "figure-2.csv");
    expect(back.length).toBe(f.rows.length);
    expect(Number(back[17].mean)).toBe(f.rows[17].mean);
  });

  it("the tables report every seed, the paper's sizes, and a failed claim as ✗", () => {
    const t = seedTable(analysis);
    expect(t.rows.map((r) => r.seed)).toEqual(seeds);
    expect(t.notes!.join(" ")).toContain("{6, 6, 6, 8, 8}");
    const claims = claimsTable(analysis);
    expect(claims.rows.every((r) => r.grokked === "✓" && r.sparse === "✓")).toBe(true);
    expect(claimsNotShown(claims)).toEqual([]);
    const weak = { ...analysis, epochs: analysis.epochs.map((r) => (r.seed === 1 ? { ...r, sparsityPointwise: 10 } : r)) };
    expect(claimsNotShown(claimsTable(weak))).toEqual(["seed 1: fell ≥ 30×"]);
  });

  it("the PNG renderer draws text (a font was found and loaded)", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="DejaVu Sans" font-size="24">Grokking</text></svg>`;
    const image = rasterize(svg, { scale: 1 });
    let dark = 0;
    for (let i = 0; i < image.pixels.length; i += 4) if (image.pixels[i] < 128) dark++;
    expect(dark).toBeGreaterThan(100);
  });

  it.sequential("cleans up", () => rmSync(dir, { recursive: true, force: true }));
});
