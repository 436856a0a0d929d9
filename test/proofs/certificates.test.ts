import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCertificate, readCertificate } from "../../proofs/check-certificate.js";
import { buildPlanned, certificatePlan } from "../../proofs/certificate-plan.js";
import { certify, formatCertificate } from "../../proofs/certificate.js";
import { ParityCertificateSchema } from "../../proofs/certificate-schema.js";
import { proposition2 } from "../../spec/index.js";
import { readCertificateFile } from "../../proofs/certificate-file.js";
import { checkMinWidthCertificate } from "../../proofs/check-min-width.js";
import type { MinWidthCertificate } from "../../proofs/min-width-certificate-schema.js";
import { formatMinWidthCertificate, minWidthCertificate } from "../../proofs/min-width-certificate.js";
import { minimumWidth } from "../../proofs/min-width.js";

/**
 * CI regression: every committed certificate re-verifies with the independent checker, the
 * committed set is the planned set, and today's constructions still produce the committed
 * certificates. A change that breaks a construction fails here with its counterexample.
 */
const DIR = join(fileURLToPath(import.meta.url), "..", "..", "..", "proofs", "certificates");

function explain(file: string, r: ReturnType<typeof checkCertificate>): string {
  if (!r.consistent) return `${file}: ${r.problems.slice(0, 5).join("; ")}`;
  if (r.counterexample) return `${file}: counterexample support bits [${r.counterexample.pattern.join(",")}] give f = ${r.counterexample.output}, parity ${r.counterexample.parity}`;
  return file;
}

describe("committed certificates", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

  it("are exactly the planned set (Propositions 1–3 and threshold at n = 40, k = 3, two supports; threshold k = 1..12)", () => {
    expect(files).toEqual(certificatePlan().map((p) => p.file).sort());
    expect(files.length).toBe(19);
  });

  for (const file of files) {
    it(`${file} re-verifies with the independent checker`, () => {
      const r = checkCertificate(readCertificate(join(DIR, file)));
      expect(r.consistent && r.claimHolds, explain(file, r)).toBe(true);
    });
  }

  it("today's constructions regenerate the committed certificates byte for byte, and each holds", () => {
    for (const planned of certificatePlan()) {
      const { net, task } = buildPlanned(planned);
      const fresh = certify(planned.construction, net, task);
      const r = checkCertificate(fresh);
      expect(r.consistent && r.claimHolds, explain(planned.file, r)).toBe(true);
      expect(formatCertificate(fresh), planned.file).toBe(readFileSync(join(DIR, planned.file), "utf8"));
    }
  });
});

describe("the independent checker is not vacuous", () => {
  const good = () => JSON.parse(JSON.stringify(certify("proposition-2", proposition2({ n: 5, support: [0, 2, 4] }).net, { n: 5, support: [0, 2, 4] })));

  it("accepts a good certificate", () => {
    const r = checkCertificate(ParityCertificateSchema.parse(good(), "cert"));
    expect(r).toMatchObject({ consistent: true, claimHolds: true, patterns: 8, minMargin: "1" });
  });

  it("catches a recorded output that does not recompute", () => {
    const c = good();
    c.patterns[3].output = "7/2";
    const r = checkCertificate(c);
    expect(r.consistent).toBe(false);
    expect(r.problems.join(" ")).toMatch(/recorded output 7\/2/);
  });

  it("catches a broken network recorded as holding, with the smallest counterexample", () => {
    const c = good();
    c.network.u[0] = 1; // h1 now pushes the parity −1 patterns it covers the wrong way
    const r = checkCertificate(c);
    expect(r.claimHolds).toBe(false);
    expect(r.counterexample).not.toBeNull();
    expect(r.counterexample!.parity).toBe(-1);
  });

  it("catches missing or repeated patterns, and off-support weights", () => {
    const c = good();
    c.patterns[7] = c.patterns[0];
    expect(checkCertificate(c).problems.join(" ")).toMatch(/repeats/);
    const d = good();
    d.patterns.pop();
    expect(checkCertificate(d).problems.join(" ")).toMatch(/expected 8 patterns/);
    const e = good();
    e.network.W[0][1] = "1/3";
    expect(checkCertificate(e).problems.join(" ")).toMatch(/support lemma fails: W\[0\]\[1\] = 1\/3/);
  });

  it("reports a certificate of a failing claim with its counterexample", () => {
    const { net, task } = proposition2({ n: 3 });
    net.b[2] = -3; // h3 (the all-ones AND term) never fires: pattern (+1,+1,+1) gets f = 0
    const c = certify("mutant", net, task);
    expect(c.holds).toBe(false);
    const r = checkCertificate(c);
    expect(r.consistent).toBe(true);
    expect(r.claimHolds).toBe(false);
    expect(r.counterexample).toEqual({ pattern: [1, 1, 1], output: "0", parity: 1 });
  });
});

describe("committed minimal-width certificates", () => {
  const MW = join(DIR, "min-width");
  const expected: Record<string, number> = { "k1.json": 2, "k2.json": 3, "k3.json": 4 };

  for (const [file, m] of Object.entries(expected)) {
    it(`${file}: minimum width ${m}, re-verified by the independent checker`, () => {
      const read = readCertificateFile(join(MW, file));
      expect(read.kind).toBe("min-width");
      const c = read.certificate as MinWidthCertificate;
      expect(c.minimumWidth).toBe(m);
      const r = checkMinWidthCertificate(c);
      expect(r.ok, r.problems.slice(0, 5).join("; ")).toBe(true);
    });
  }

  it("the search regenerates k1.json and k2.json byte for byte", async () => {
    for (const k of [1, 2]) {
      const r = await minimumWidth(k);
      expect(formatMinWidthCertificate(minWidthCertificate(r))).toBe(readFileSync(join(MW, `k${k}.json`), "utf8"));
    }
  });

  it("the checker rejects a missing orbit, a wrong Farkas value, a false threshold claim and a bad witness", () => {
    const load = () => JSON.parse(readFileSync(join(MW, "k2.json"), "utf8")) as MinWidthCertificate;
    const a = load();
    (a.widths[1].orbits as unknown[]).pop();
    expect(checkMinWidthCertificate(a).problems.join(" ")).toMatch(/no symmetric image is refuted/);
    const b = load();
    const f = b.widths[1].orbits[0].farkas as Record<string, string | number>;
    f[Object.keys(f)[0]] = "1/3";
    expect(checkMinWidthCertificate(b).ok).toBe(false);
    const c = load();
    (c.nonThresholdSets as unknown[]).pop();
    expect(checkMinWidthCertificate(c).problems.join(" ")).toMatch(/neither shown threshold nor refuted/);
    const d = load();
    (d.witness.u as (number | string)[])[2] = 1;
    expect(checkMinWidthCertificate(d).problems.join(" ")).toMatch(/the witness fails/);
    const e = load();
    e.minimumWidth = 4; // claims width 3 impossible too, without refutations for it
    expect(checkMinWidthCertificate(e).ok).toBe(false);
  });
});
