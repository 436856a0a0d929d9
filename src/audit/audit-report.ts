import { defineSchema, type Infer } from "../io/schema.js";
import { certificateJson } from "./certificate.js";

/** The JSON of `two-circuits audit --json`: one entry per network, then the expectations checked. */
const neuronJson = {
  type: "object",
  additionalProperties: false,
  required: ["neuron", "rank", "norm", "u", "arity", "supportWeights", "bias", "offSupportMass", "patterns", "role"],
  properties: {
    neuron: { type: "integer", description: "row of W" },
    rank: { type: "integer", description: "1-based rank by ‖W_i‖₂" },
    norm: { type: "number" },
    u: { type: "number" },
    arity: { type: "integer", description: "how many largest-magnitude input weights must stay for sgn f on X to stay unchanged" },
    supportWeights: { type: "array", items: { type: "number" } },
    bias: { type: "number" },
    offSupportMass: { type: "number" },
    patterns: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["pattern", "status", "restrictedStatus", "centre"],
        properties: {
          pattern: { type: "string", description: "values of the support bits, '+' or '-' in the order of the support" },
          status: { enum: ["on", "off", "depends"] },
          restrictedStatus: { enum: ["on", "off"], description: "with the weights off S set to 0" },
          centre: { type: "number", description: "b + Σ_S w_j σ_j" },
        },
      },
    },
    role: { type: "string" },
  },
} as const;

const classJson = {
  type: "object",
  additionalProperties: false,
  required: ["name", "live", "detail", "reasons"],
  properties: {
    name: { enum: ["dnf", "dnf-6", "threshold", "other"] },
    live: { type: "integer", description: "neurons of the active subnetwork that are on somewhere on the cube" },
    detail: { type: "string" },
    reasons: { type: "array", items: { type: "string" } },
  },
} as const;

export const networkAuditJson = {
  type: "object",
  additionalProperties: false,
  required: ["file", "n", "p", "points", "support", "activeSubnetwork", "class", "restrictedClass", "neurons"],
  properties: {
    file: { type: "string" },
    n: { type: "integer" },
    p: { type: "integer" },
    points: {
      type: "object",
      additionalProperties: false,
      required: ["source", "size", "description"],
      properties: {
        source: { enum: ["data", "cube", "sample"] },
        size: { type: "integer" },
        description: { type: "string" },
      },
    },
    support: {
      type: "object",
      additionalProperties: false,
      required: ["indices", "source", "consistentWithData"],
      properties: {
        indices: { type: "array", items: { type: "integer" } },
        source: { enum: ["given", "recovered"] },
        gapRatio: { type: ["number", "null"], description: "for a recovered support: mass of its weakest bit over the strongest other bit (null: nothing off it)" },
        method: { type: "string", description: "for a recovered support: how it was chosen" },
        consistentWithData: { type: ["boolean", "null"] },
      },
    },
    activeSubnetwork: {
      type: "object",
      additionalProperties: false,
      required: ["size", "neurons"],
      properties: {
        size: { type: "integer", description: "effective sparsity on the points" },
        neurons: { type: "array", items: { type: "integer" } },
        certification: { ...certificateJson, description: "sgn f_k = parity on every input of the cube" },
        agreement: { ...certificateJson, description: "sgn f = sgn f_k on every input of the cube" },
      },
    },
    class: { ...classJson, description: "the class of the active subnetwork, from each neuron's exact on/off table over all completions of the bits off S" },
    restrictedClass: { ...classJson, description: "the class of the active subnetwork with its weights off S set to 0 (the circuit on the support alone)" },
    neurons: { type: "array", items: neuronJson },
    certification: { ...certificateJson, description: "sgn f = parity on every input of the cube" },
  },
} as const;

export const auditReportJson = {
  type: "object",
  additionalProperties: false,
  required: ["format", "networks", "expectations"],
  properties: {
    format: { const: "two-circuits/audit@1" },
    networks: { type: "array", items: networkAuditJson },
    expectations: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["file", "expect", "holds", "why"],
        properties: {
          file: { type: "string" },
          expect: { enum: ["dnf", "dnf-6", "threshold", "parity"] },
          holds: { type: "boolean" },
          why: { type: "string" },
        },
      },
    },
  },
} as const;

export const AuditReportSchema = defineSchema(auditReportJson);
export type AuditReport = Infer<typeof AuditReportSchema>;
export type NetworkAudit = AuditReport["networks"][number];
export type NeuronAudit = NetworkAudit["neurons"][number];
export type Expectation = AuditReport["expectations"][number];
export type ExpectedShape = Expectation["expect"];
