import { randomSupport } from "../src/data/parity.js";
import { constructionNamed, firstBits, type ConstructionName } from "../spec/index.js";

/**
 * The certificates committed under proofs/certificates and re-verified in CI: Propositions
 * 1–3 at n = 40, k = 3 with the authors' support (the first k bits) and with a random one,
 * and the generalised threshold network for k = 1..12.
 */
export const PLAN_N = 40;
/** Seed of the random support (RandomStream purpose "support"). */
export const RANDOM_SUPPORT_SEED = 4;

export interface PlannedCertificate {
  readonly file: string;
  readonly construction: ConstructionName;
  readonly k: number;
  readonly n: number;
  readonly support: readonly number[];
}

export function certificateFileName(construction: ConstructionName, n: number, support: readonly number[]): string {
  return `${construction}.n${n}.S${support.join("-")}.json`;
}

export function certificatePlan(): PlannedCertificate[] {
  const plan: PlannedCertificate[] = [];
  const add = (construction: ConstructionName, k: number, support: readonly number[]) =>
    plan.push({ file: certificateFileName(construction, PLAN_N, support), construction, k, n: PLAN_N, support });
  const random = randomSupport(PLAN_N, 3, RANDOM_SUPPORT_SEED);
  for (const name of ["proposition-1", "proposition-2", "proposition-3", "threshold"] as const) {
    add(name, 3, firstBits(3));
    add(name, 3, random);
  }
  for (let k = 1; k <= 12; k++) if (k !== 3) add("threshold", k, firstBits(k));
  return plan;
}

export function buildPlanned(c: PlannedCertificate) {
  return constructionNamed(c.construction).build(c.k, { n: c.n, support: c.support });
}
