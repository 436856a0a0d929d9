import { InputError } from "../src/errors.js";
import type { ParityCertificate } from "./certificate-schema.js";
import { readCertificateFile } from "./certificate-file.js";
import { qadd, qeq, qlt, qmul, qtext, readQ, type Q } from "./checker-rationals.js";

/**
 * The independent checker of parity certificates. It trusts nothing the verifier
 * computed: it has its own rational arithmetic, re-derives the support lemma, checks
 * that the patterns are exactly the 2^k distinct sign patterns, recomputes every
 * output, its sign against the parity, and the minimum margin. It imports no code of
 * the verifier (only the file format and the checkers' own arithmetic).
 */
export interface CertificateCheck {
  /** The certificate is internally consistent (every recorded number recomputes). */
  readonly consistent: boolean;
  /** The claim "computes parity" holds (every pattern has the right strict sign). */
  readonly claimHolds: boolean;
  readonly problems: string[];
  /** The smallest pattern (fewest −1, then least index) whose output has the wrong sign. */
  readonly counterexample: { pattern: number[]; output: string; parity: 1 | -1 } | null;
  readonly patterns: number;
  readonly minMargin: string | null;
}

export function checkCertificate(c: ParityCertificate): CertificateCheck {
  const problems: string[] = [];
  const { n, k, support } = c.claim;
  const net = c.network;
  const done = (claimHolds: boolean, counterexample: CertificateCheck["counterexample"] = null, minMargin: string | null = null): CertificateCheck => ({
    consistent: problems.length === 0,
    claimHolds: claimHolds && problems.length === 0,
    problems,
    counterexample,
    patterns: c.patterns.length,
    minMargin,
  });
  if (support.length !== k) problems.push(`claim: k = ${k} but the support has ${support.length} coordinates`);
  if (new Set(support).size !== support.length || support.some((s) => s >= n)) problems.push("claim: the support must be distinct coordinates below n");
  if (k > 26) problems.push(`claim: k = ${k} is too large to check`);
  if (net.n !== n) problems.push(`network.n = ${net.n} but claim.n = ${n}`);
  if (net.W.length !== net.p || net.b.length !== net.p || net.u.length !== net.p) problems.push("network: W, b, u must have p entries");
  if (net.W.some((row) => row.length !== net.n)) problems.push("network: every row of W must have n entries");
  if (problems.length) return done(false);

  const W = net.W.map((row, i) => row.map((v, j) => readQ(v, `W[${i}][${j}]`, problems)));
  const b = net.b.map((v, i) => readQ(v, `b[${i}]`, problems));
  const u = net.u.map((v, i) => readQ(v, `u[${i}]`, problems));
  const inS = new Set(support);
  // Support lemma: with every weight outside S zero, f depends on the support bits only.
  W.forEach((row, i) => row.forEach((w, j) => {
    if (!inS.has(j) && w[0] !== 0n) problems.push(`support lemma fails: W[${i}][${j}] = ${qtext(w)} is outside S`);
  }));
  if (c.patterns.length !== 2 ** k) problems.push(`expected ${2 ** k} patterns, found ${c.patterns.length}`);
  if (problems.length) return done(false);

  const seen = new Uint8Array(2 ** k);
  let minMargin: Q | null = null;
  let worst: { key: [number, number]; pattern: number[]; output: Q; parity: 1 | -1 } | null = null;
  for (const [r, entry] of c.patterns.entries()) {
    const z = entry.pattern;
    if (z.length !== k) {
      problems.push(`patterns[${r}] has ${z.length} entries, expected ${k}`);
      continue;
    }
    let index = 0;
    let minus = 0;
    z.forEach((v, j) => {
      if (v === -1) {
        index += 2 ** j;
        minus++;
      }
    });
    if (seen[index]) problems.push(`patterns[${r}] repeats pattern [${z.join(",")}]`);
    seen[index] = 1;
    let f: Q = [0n, 1n];
    for (let i = 0; i < net.p; i++) {
      let h: Q = b[i];
      support.forEach((col, j) => (h = qadd(h, qmul(W[i][col], [BigInt(z[j]), 1n]))));
      if (h[0] > 0n) f = qadd(f, qmul(u[i], h));
    }
    const recorded = readQ(entry.output, `patterns[${r}].output`, problems);
    if (!qeq(recorded, f)) problems.push(`patterns[${r}] [${z.join(",")}]: recorded output ${qtext(recorded)}, recomputed ${qtext(f)}`);
    const parity: 1 | -1 = minus % 2 === 0 ? 1 : -1;
    const margin: Q = parity === 1 ? f : [-f[0], f[1]];
    if (minMargin === null || qlt(margin, minMargin)) minMargin = margin;
    if (margin[0] <= 0n) {
      const key: [number, number] = [minus, index];
      if (!worst || key[0] < worst.key[0] || (key[0] === worst.key[0] && key[1] < worst.key[1])) worst = { key, pattern: [...z], output: f, parity };
    }
  }
  if (minMargin !== null && !qeq(minMargin, readQ(c.minMargin, "minMargin", problems))) problems.push(`recorded minMargin ${c.minMargin}, recomputed ${qtext(minMargin)}`);
  const holds = worst === null;
  if (holds !== c.holds) problems.push(`recorded holds = ${c.holds}, recomputed ${holds}`);
  const counterexample = worst ? { pattern: worst.pattern, output: qtext(worst.output), parity: worst.parity } : null;
  if ((c.counterexample === null) !== (counterexample === null)) problems.push("recorded counterexample disagrees with the recomputed one");
  else if (c.counterexample && counterexample && c.counterexample.pattern.join(",") !== counterexample.pattern.join(",")) {
    problems.push(`recorded counterexample [${c.counterexample.pattern.join(",")}], smallest recomputed [${counterexample.pattern.join(",")}]`);
  }
  return done(holds, counterexample, minMargin ? qtext(minMargin) : null);
}

/** Reads and schema-checks a parity certificate file; bad JSON or shape is an InputError. */
export function readCertificate(path: string): ParityCertificate {
  const c = readCertificateFile(path);
  if (c.kind !== "parity") throw new InputError(`${path}: a minimal-width certificate, not a parity certificate`);
  return c.certificate;
}
