import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { certifyAgreement } from "../../src/audit/certify-agreement.js";
import { reluNetwork } from "../../src/testing/index.js";
import { bruteAgreement, exactSigns } from "./brute-force.js";

describe("certifyAgreement (sgn f = sgn g on the whole cube) against brute force", () => {
  it("matches enumeration on random networks and random subsets of neurons, n ≤ 10", () => {
    fc.assert(
      fc.property(
        reluNetwork({ n: { min: 1, max: 10 }, p: { min: 1, max: 6 } }).chain((net) => fc.tuple(fc.constant(net), fc.subarray(Array.from({ length: net.p }, (_, i) => i)))),
        ([net, group]) => {
          const cert = certifyAgreement(net, group, { exhaustive: true });
          const brute = bruteAgreement(net, group);
          expect(cert.verdict).toBe(brute.agree === brute.total ? "certified" : "counterexample");
          expect(cert.holds).toBe(String(brute.agree));
          if (cert.counterexample) {
            const [f, g] = exactSigns(net, cert.counterexample, new Set(group));
            expect(f).not.toBe(g);
          }
          expect(certifyAgreement(net, group).verdict).toBe(cert.verdict);
          expect(certifyAgreement(net, group, { exhaustive: true, relax: false }).holds).toBe(cert.holds);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("certifies that a network agrees with itself and that the empty subnetwork disagrees wherever f ≠ 0", () => {
    fc.assert(
      fc.property(reluNetwork({ n: { min: 1, max: 8 }, p: { min: 1, max: 5 }, weight: fc.integer({ min: -2, max: 2 }) }), (net) => {
        expect(certifyAgreement(net, Array.from({ length: net.p }, (_, i) => i)).verdict).toBe("certified");
        const empty = certifyAgreement(net, [], { exhaustive: true });
        let zeros = 0;
        for (let t = 0; t < 2 ** net.n; t++) {
          const x = Array.from({ length: net.n }, (_, j) => ((t >> j) & 1 ? -1 : 1));
          if (exactSigns(net, x)[0] === 0) zeros++;
        }
        expect(empty.holds).toBe(String(zeros));
      }),
      { numRuns: 100 },
    );
  });
});
