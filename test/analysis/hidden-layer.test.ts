import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { preActivation } from "../../src/net/network.js";
import { datasetRow } from "../../src/data/dataset.js";
import { packInputs, preActivations } from "../../src/analysis/hidden-layer.js";
import { anyWeight, networkAndData } from "./arbitraries.js";

describe("hidden layer kernel (lookup tables over groups of 8 input bits)", () => {
  it("equals plain evaluation exactly on dyadic weights", () => {
    fc.assert(
      fc.property(networkAndData({ n: { min: 1, max: 64 } }), ({ net, data }) => {
        const H = preActivations(net, packInputs(data.X, data.n, data.size));
        for (let r = 0; r < data.size; r++) {
          for (let i = 0; i < net.p; i++) expect(H[r * net.p + i]).toBe(preActivation(net, i, datasetRow(data, r)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("equals plain evaluation exactly for n = 33..40, where neurons go two per pass (odd p leaves one alone)", () => {
    fc.assert(
      fc.property(networkAndData({ n: { min: 33, max: 40 }, p: { min: 1, max: 7 } }), ({ net, data }) => {
        const H = preActivations(net, packInputs(data.X, data.n, data.size));
        for (let r = 0; r < data.size; r++) {
          for (let i = 0; i < net.p; i++) expect(Object.is(H[r * net.p + i], preActivation(net, i, datasetRow(data, r)))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("equals plain evaluation up to rounding on any weights", () => {
    fc.assert(
      fc.property(networkAndData({ n: { min: 1, max: 64 }, weight: anyWeight }), ({ net, data }) => {
        const H = preActivations(net, packInputs(data.X, data.n, data.size));
        for (let r = 0; r < data.size; r++) {
          for (let i = 0; i < net.p; i++) {
            let scale = Math.abs(net.b[i]);
            for (let j = 0; j < net.n; j++) scale += Math.abs(net.W[i * net.n + j]);
            expect(Math.abs(H[r * net.p + i] - preActivation(net, i, datasetRow(data, r)))).toBeLessThanOrEqual(1e-14 * scale);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
