import type { CubeSearchResult } from "./cube-search.js";
import { defineSchema, type Infer } from "../io/schema.js";

/**
 * What a certification says, for parity or for agreement alike: `certified` (the
 * property holds on all 2^n inputs), `counterexample` (an explicit input where it
 * fails, re-checked exactly) or `undecided` (the node budget ran out first).
 * Counts are decimal strings: they may exceed 2^53.
 */
export const certificateJson = {
  type: "object",
  additionalProperties: false,
  required: ["verdict", "counterexample", "holds", "fails", "total", "decidedFraction", "exactRate", "rateBounds", "nodes", "budget", "exactLeaves"],
  properties: {
    verdict: { enum: ["certified", "counterexample", "undecided"] },
    counterexample: { description: "an input where the property fails, ±1 entries", anyOf: [{ type: "array", items: { enum: [1, -1] } }, { type: "null" }] },
    holds: { type: "string", description: "inputs proved to satisfy the property" },
    fails: { type: "string", description: "inputs proved to violate it" },
    total: { type: "string", description: "2^n" },
    decidedFraction: { type: "number" },
    exactRate: { description: "holds / total when the whole cube is decided (for parity: the exact population accuracy)", type: ["number", "null"] },
    rateBounds: {
      type: "object",
      additionalProperties: false,
      required: ["lower", "upper"],
      properties: { lower: { type: "number" }, upper: { type: "number" } },
    },
    nodes: { type: "integer" },
    budget: { type: "integer" },
    exactLeaves: { type: "integer", description: "inputs whose signs needed exact rational arithmetic" },
  },
} as const;

export const CertificateSchema = defineSchema(certificateJson);
export type Certificate = Infer<typeof CertificateSchema>;
export type Verdict = Certificate["verdict"];

/** Ratio of two BigInts as a double (exact up to the double's rounding). */
function ratio(a: bigint, b: bigint): number {
  const scale = 1n << 64n;
  return Number((a * scale) / b) / 2 ** 64;
}

export function certificateFrom(r: CubeSearchResult, budget: number): Certificate {
  const decided = r.good + r.bad;
  const verdict: Verdict = r.firstBad !== null ? "counterexample" : decided === r.total ? "certified" : "undecided";
  return {
    verdict,
    counterexample: r.firstBad ? Array.from(r.firstBad, (v) => (v > 0 ? 1 : -1)) : null,
    holds: r.good.toString(),
    fails: r.bad.toString(),
    total: r.total.toString(),
    decidedFraction: ratio(decided, r.total),
    exactRate: decided === r.total ? ratio(r.good, r.total) : null,
    rateBounds: { lower: ratio(r.good, r.total), upper: 1 - ratio(r.bad, r.total) },
    nodes: r.nodes,
    budget,
    exactLeaves: r.exactLeaves,
  };
}
