import { neuronNorms, subnetwork, type Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { RandomStream } from "../random/stream.js";
import { InputError } from "../errors.js";
import { activeSubnetwork } from "./active-subnetwork.js";
import { neuronArities, supportPatterns, supportProfile } from "./neuron-structure.js";
import { classifyCircuit, patternLabel } from "./classify-circuit.js";
import { givenSupport, recoverSupport, type SupportChoice } from "./recover-support.js";
import { certifyParity } from "./certify-parity.js";
import { certifyAgreement } from "./certify-agreement.js";
import type { Expectation, ExpectedShape, NetworkAudit } from "./audit-report.js";

export interface AuditOptions {
  /** The support S; recovered from the weights when absent. */
  readonly support?: readonly number[];
  /** The set X for the active subnetwork (the training data); a default is chosen when absent. */
  readonly data?: Dataset | null;
  /** A name for the data in the report. */
  readonly dataName?: string;
  /** Run the certifier (parity for f and f_k, agreement of f and f_k). */
  readonly certify?: boolean;
  readonly budget?: number;
  /** Count the whole cube after a counterexample (exact population accuracy). */
  readonly exhaustive?: boolean;
}

/** The whole cube up to this n; a seeded uniform sample above. */
export const CUBE_LIMIT = 16;
export const SAMPLE_SIZE = 4096;

function defaultPoints(n: number): { X: Int8Array; source: "cube" | "sample"; description: string } {
  if (n <= CUBE_LIMIT) {
    const X = new Int8Array(2 ** n * n);
    for (let t = 0; t < 2 ** n; t++) for (let j = 0; j < n; j++) X[t * n + j] = (t >> j) & 1 ? -1 : 1;
    return { X, source: "cube", description: `the whole cube (2^${n} points; no --data given)` };
  }
  const rng = new RandomStream(0, "arbitrary");
  const X = new Int8Array(SAMPLE_SIZE * n);
  for (let q = 0; q < X.length; q++) X[q] = rng.sign();
  return { X, source: "sample", description: `${SAMPLE_SIZE} uniform points of the cube drawn from seed 0 (no --data given; n > ${CUBE_LIMIT})` };
}

export function checkSupport(support: readonly number[], n: number, what = "--support"): void {
  if (support.length === 0) throw new InputError(`${what}: the support is empty`);
  for (const j of support) if (!Number.isInteger(j) || j < 0 || j >= n) throw new InputError(`${what}: index ${j} is out of range for n = ${n} (0..${n - 1})`);
  if (new Set(support).size !== support.length) throw new InputError(`${what}: an index is repeated`);
}

/** Audits one network: active subnetwork on X, support, per-neuron structure, class and (optionally) certificates. */
export function auditNetwork(net: Network, file: string, opts: AuditOptions = {}): NetworkAudit {
  const data = opts.data ?? null;
  if (data && data.n !== net.n) throw new InputError(`${opts.dataName ?? "--data"}: points have n = ${data.n} but ${file} has n = ${net.n}`);
  if (opts.support) checkSupport(opts.support, net.n);
  const points = data
    ? { X: data.X, source: "data" as const, description: `${opts.dataName ?? "the data"} (${data.size} points)` }
    : defaultPoints(net.n);
  const active = activeSubnetwork(net, points.X);
  const choice: SupportChoice = opts.support ? givenSupport(opts.support, data) : recoverSupport(net, active.neurons.length > 0 ? active.neurons : active.ranking, data);
  const S = choice.support;
  const norms = neuronNorms(net);
  const arities = neuronArities(net, active.neurons, points.X);
  const patterns = supportPatterns(S.length);
  const profiles = active.neurons.map((i) => supportProfile(net, i, S));
  // The exact class allows a neuron's support weights to deviate from ±a·s by as much as the bits off S move it;
  // the restricted class (bits off S dropped) allows no deviation.
  const classification = classifyCircuit(active.neurons.map((i, r) => ({ neuron: i, u: net.u[i], status: profiles[r].status, supportWeights: profiles[r].supportWeights, tolerance: profiles[r].offSupportMass })), S.length);
  const restricted = classifyCircuit(active.neurons.map((i, r) => ({ neuron: i, u: net.u[i], status: profiles[r].restrictedStatus, supportWeights: profiles[r].supportWeights, tolerance: 0 })), S.length);
  const roles = new Map(classification.roles.map((r) => [r.neuron, r.role]));
  const audit: NetworkAudit = {
    file,
    n: net.n,
    p: net.p,
    points: { source: points.source, size: points.X.length / net.n, description: points.description },
    support: {
      indices: S,
      source: choice.source,
      gapRatio: choice.gapRatio !== undefined && Number.isFinite(choice.gapRatio) ? choice.gapRatio : null,
      consistentWithData: choice.consistentWithData,
      ...(choice.method ? { method: choice.method } : {}),
    },
    activeSubnetwork: { size: active.size, neurons: active.neurons },
    class: { name: classification.class, live: classification.live, detail: classification.detail, reasons: classification.reasons },
    restrictedClass: { name: restricted.class, live: restricted.live, detail: restricted.detail, reasons: restricted.reasons },
    neurons: active.neurons.map((i, r) => ({
      neuron: i,
      rank: r + 1,
      norm: norms[i],
      u: net.u[i],
      arity: arities[r],
      supportWeights: profiles[r].supportWeights,
      bias: profiles[r].bias,
      offSupportMass: profiles[r].offSupportMass,
      patterns: patterns.map((pat, t) => ({ pattern: patternLabel(pat), status: profiles[r].status[t], restrictedStatus: profiles[r].restrictedStatus[t], centre: profiles[r].centre[t] })),
      role: roles.get(i) ?? "",
    })),
  };
  if (opts.certify) {
    const o = { budget: opts.budget, exhaustive: opts.exhaustive };
    audit.certification = certifyParity(net, S, o);
    audit.activeSubnetwork.certification = certifyParity(subnetwork(net, active.neurons), S, o);
    audit.activeSubnetwork.agreement = certifyAgreement(net, active.neurons, { ...o, first: S });
  }
  return audit;
}

/** Checks an expectation against an audit: whether it holds and why (or why not). */
export function checkExpectation(audit: NetworkAudit, expect: ExpectedShape): Expectation {
  if (expect === "parity") {
    const c = audit.certification;
    if (!c) return { file: audit.file, expect, holds: false, why: "not certified (run with --certify)" };
    if (c.verdict === "certified") return { file: audit.file, expect, holds: true, why: `sgn f equals the parity of {${audit.support.indices.join(", ")}} on all 2^${audit.n} inputs` };
    if (c.verdict === "counterexample") return { file: audit.file, expect, holds: false, why: `counterexample x = [${(c.counterexample ?? []).join(", ")}]` };
    return { file: audit.file, expect, holds: false, why: `undecided: the node budget (${c.budget}) ran out with ${(100 * c.decidedFraction).toPrecision(4)}% of the cube decided` };
  }
  const holds = audit.class.name === expect;
  return {
    file: audit.file,
    expect,
    holds,
    why: holds ? `the active subnetwork (${audit.activeSubnetwork.size} neurons) has the ${expect} shape: ${audit.class.detail}` : `the active subnetwork (${audit.activeSubnetwork.size} neurons) is ${audit.class.name}: ${audit.class.reasons.join("; ") || audit.class.detail}`,
  };
}
