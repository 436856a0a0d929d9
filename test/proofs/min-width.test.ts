import { beforeAll, describe, expect, it } from "vitest";
import { checkFarkas, exactFarkas, nearestFraction, solveExact } from "../../proofs/farkas.js";
import { farkasCandidate, feasiblePoint, loadSolver } from "../../proofs/lp-solver.js";
import { configurationSystem, minimumWidth, searchWidth } from "../../proofs/min-width.js";
import { thresholdCensus } from "../../proofs/threshold-sets.js";
import { cubeSymmetries, imageOfSet } from "../../proofs/cube-symmetry.js";
import { integer, rational, toText } from "../../proofs/rational.js";
import { verifyBySupport } from "../../proofs/verify.js";
import type { LinearSystem } from "../../proofs/linear-system.js";

beforeAll(async () => {
  await loadSolver();
});

describe("Farkas certificates, checked exactly", () => {
  // z ≥ 1 and −z ≥ 0: y = (1, 1) sums to 0 ≥ 1.
  const simple: LinearSystem = { vars: 1, rows: [{ a: [1], c: 1 }, { a: [-1], c: 0 }] };
  // x + y ≥ 2, x − y ≥ 0, −x ≥ 0, y ≥ 0 … infeasible: rows 1+2 give 2x ≥ 2, with −x ≥ 0.
  const plane: LinearSystem = { vars: 2, rows: [{ a: [1, 1], c: 2 }, { a: [1, -1], c: 0 }, { a: [-1, 0], c: 0 }, { a: [0, 1], c: 0 }] };

  it("accepts valid hand-made certificates", () => {
    expect(checkFarkas(simple, [integer(1), integer(1)]).ok).toBe(true);
    expect(checkFarkas(plane, [integer(1), integer(1), integer(2), integer(0)]).ok).toBe(true);
    expect(checkFarkas(plane, [rational(1n, 3n), rational(1n, 3n), rational(2n, 3n), integer(0)]).ok).toBe(true);
  });

  it("rejects vectors that are negative, do not cancel, or give no contradiction", () => {
    expect(checkFarkas(simple, [integer(-1), integer(-1)]).ok).toBe(false);
    expect(checkFarkas(simple, [integer(1), integer(2)]).ok).toBe(false);
    expect(checkFarkas(simple, [integer(0), integer(0)]).ok).toBe(false);
    expect(checkFarkas(plane, [integer(1), integer(1), integer(1), integer(0)]).ok).toBe(false);
  });

  it("turns the solver's floats into exact certificates, and finds none for feasible systems", () => {
    for (const sys of [simple, plane]) {
      const y = farkasCandidate(sys);
      expect(y).not.toBeNull();
      expect(exactFarkas(sys, y!)).not.toBeNull();
    }
    const feasible: LinearSystem = { vars: 2, rows: [{ a: [1, 1], c: 2 }, { a: [1, -1], c: 0 }] };
    expect(farkasCandidate(feasible)).toBeNull();
    const z = feasiblePoint(feasible)!;
    expect(z[0] + z[1]).toBeGreaterThanOrEqual(2 - 1e-9);
  });

  it("exact linear algebra", () => {
    expect(toText(nearestFraction(0.333333333333))).toBe("1/3");
    const x = solveExact([[integer(2), integer(1), integer(3)], [integer(1), integer(-1), integer(0)]], 2, [integer(0), integer(0)]);
    expect(x!.map(toText)).toEqual(["1", "1"]);
    expect(solveExact([[integer(1), integer(1)], [integer(1), integer(2)]], 1, [integer(0)])).toBeNull();
  });
});

describe("threshold sets and cube symmetries", () => {
  it("counts the threshold functions of k = 1, 2, 3 variables: 4, 14, 104 (OEIS A000609)", () => {
    expect([1, 2, 3].map((k) => thresholdCensus(k).threshold.length)).toEqual([4, 14, 104]);
    expect(thresholdCensus(3).provedNonThreshold).toBe(256 - 104);
  });

  it("has 2^k k! symmetries and maps threshold sets to threshold sets", () => {
    expect([1, 2, 3].map((k) => cubeSymmetries(k).length)).toEqual([2, 8, 48]);
    const sets = new Set(thresholdCensus(3).threshold);
    for (const g of cubeSymmetries(3)) for (const m of sets) expect(sets.has(imageOfSet(g, m))).toBe(true);
  });
});

describe("minimal width", () => {
  it("m(1) = 2 and m(2) = 3: every smaller configuration refuted by a checked Farkas vector or by coverage", async () => {
    const r1 = await minimumWidth(1);
    expect(r1.minimumWidth).toBe(2);
    const r2 = await minimumWidth(2);
    expect(r2.minimumWidth).toBe(3);
    for (const s of r2.searches) expect(s.unproven).toBe(0);
    expect(r2.searches[1]).toMatchObject({ width: 2, orbits: 3, farkasProved: 3 });
    expect(r2.control?.witness).not.toBeNull();
  });

  it("the search is not vacuous: at width k + 1 it finds networks that the exact verifier accepts", () => {
    const s = searchWidth(2, 3, thresholdCensus(2).threshold);
    expect(s.witness).not.toBeNull();
    expect(verifyBySupport(s.witness!, { n: 2, support: [0, 1] }).holds).toBe(true);
  });

  it("the encoding of a configuration is what the construction satisfies (threshold network, k = 2)", () => {
    // The threshold network for k = 2 is f = σ(1) − σ(X + 2) + 2σ(X): its signs and strict active sets.
    const all = 0b1111;
    const notMinusMinus = 0b0111; // x1 + x2 + 2 > 0 except at (−1,−1) = index 3
    const plusPlus = 0b0001; // x1 + x2 > 0 only at (+1,+1)
    const sys = configurationSystem(2, [{ sign: 1, mask: all }, { sign: -1, mask: notMinusMinus }, { sign: 1, mask: plusPlus }]);
    // (w, b) per neuron: σ(1): (0,0,1); σ(X+2): (1,1,2); σ(X): (1,1,0); output 1·h1 − 1·h2 + 2·h3.
    const z = [0, 0, 1, 1, 1, 2, 2, 2, 0];
    for (const row of sys.rows) expect(row.a.reduce((s, a, v) => s + a * z[v], 0)).toBeGreaterThanOrEqual(row.c);
  });
});
