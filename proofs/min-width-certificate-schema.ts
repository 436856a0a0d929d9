import { defineSchema, type Infer } from "../src/io/schema.js";
import { EXACT_NUMBER } from "./certificate-schema.js";

/**
 * The certificate of a minimal-width proof (proofs/min-width.ts). Sets of points of {±1}^k
 * are bitmasks (bit t ⇔ pattern t, bit j of t set ⇔ x_j = −1). A Farkas vector is sparse:
 * keys name rows of the linear system of a configuration,
 *   "a:t:i"  the activation row of neuron i at point t (l_i(x_t) ≥ 0 if t ∈ A_i, else −l_i(x_t) ≥ 0),
 *   "m:t"    the margin row at t (y_t Σ_{i: t∈A_i} s_i l_i(x_t) ≥ 1),
 * and, for a non-threshold set, "s:t" the separation row s_t (w·x_t + b) ≥ 1 (s_t = +1 on A).
 */
const FARKAS = { type: "object", propertyNames: { pattern: "^(a:[0-9]+:[0-9]+|m:[0-9]+|s:[0-9]+)$" }, additionalProperties: EXACT_NUMBER } as const;

export const MIN_WIDTH_CERTIFICATE_FORMAT = "two-circuits/min-width-certificate";

export const MinWidthCertificateSchema = defineSchema({
  type: "object",
  additionalProperties: false,
  required: ["format", "version", "k", "minimumWidth", "thresholdSets", "nonThresholdSets", "widths", "witness"],
  properties: {
    format: { const: MIN_WIDTH_CERTIFICATE_FORMAT },
    version: { const: 1 },
    k: { type: "integer", minimum: 1, maximum: 4 },
    minimumWidth: { type: "integer", minimum: 1 },
    thresholdSets: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["mask", "w", "b"],
        properties: { mask: { type: "integer", minimum: 0 }, w: { type: "array", items: EXACT_NUMBER }, b: EXACT_NUMBER },
      },
    },
    nonThresholdSets: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["mask", "farkas"],
        properties: { mask: { type: "integer", minimum: 0 }, farkas: FARKAS },
      },
    },
    widths: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["width", "orbits"],
        properties: {
          width: { type: "integer", minimum: 1 },
          orbits: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["config", "farkas"],
              properties: {
                config: {
                  type: "array",
                  items: {
                    type: "object",
                    additionalProperties: false,
                    required: ["sign", "mask"],
                    properties: { sign: { enum: [1, -1] }, mask: { type: "integer", minimum: 1 } },
                  },
                },
                farkas: FARKAS,
              },
            },
          },
        },
      },
    },
    witness: {
      type: "object",
      additionalProperties: false,
      required: ["W", "b", "u"],
      properties: {
        W: { type: "array", items: { type: "array", items: EXACT_NUMBER } },
        b: { type: "array", items: EXACT_NUMBER },
        u: { type: "array", items: EXACT_NUMBER },
      },
    },
  },
} as const);

export type MinWidthCertificate = Infer<typeof MinWidthCertificateSchema>;
