import { defineSchema, type Infer } from "../src/io/schema.js";

/**
 * The certificate a proof writes (issue 4): the network with exact parameters, the
 * claim, the output on every support pattern and the minimum margin. A number is exact:
 * a JSON integer, or a string "p", "-p/q".
 */
export const EXACT_NUMBER = {
  anyOf: [{ type: "integer" }, { type: "string", pattern: "^-?[0-9]+(/[0-9]+)?$" }],
} as const;

export const PARITY_CERTIFICATE_FORMAT = "two-circuits/parity-certificate";

export const ParityCertificateSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "version", "construction", "claim", "method", "network", "patterns", "minMargin", "holds", "counterexample"],
  properties: {
    format: { const: PARITY_CERTIFICATE_FORMAT },
    version: { const: 1 },
    construction: { type: "string" },
    claim: {
      type: "object",
      additionalProperties: false,
      required: ["n", "k", "support"],
      properties: {
        n: { type: "integer", minimum: 1 },
        k: { type: "integer", minimum: 1 },
        support: { type: "array", items: { type: "integer", minimum: 0 } },
      },
    },
    method: { const: "support-lemma+patterns" },
    network: {
      type: "object",
      additionalProperties: false,
      required: ["n", "p", "W", "b", "u"],
      properties: {
        n: { type: "integer", minimum: 1 },
        p: { type: "integer", minimum: 0 },
        W: { type: "array", items: { type: "array", items: EXACT_NUMBER } },
        b: { type: "array", items: EXACT_NUMBER },
        u: { type: "array", items: EXACT_NUMBER },
      },
    },
    patterns: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["pattern", "output"],
        properties: {
          pattern: { type: "array", items: { enum: [1, -1] } },
          output: EXACT_NUMBER,
        },
      },
    },
    minMargin: EXACT_NUMBER,
    holds: { type: "boolean" },
    counterexample: {
      anyOf: [
        { type: "null" },
        {
          type: "object",
          additionalProperties: false,
          required: ["pattern", "output", "parity"],
          properties: {
            pattern: { type: "array", items: { enum: [1, -1] } },
            output: EXACT_NUMBER,
            parity: { enum: [1, -1] },
          },
        },
      ],
    },
  },
} as const);

export type ParityCertificate = Infer<typeof ParityCertificateSchema>;
