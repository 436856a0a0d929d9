import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { networkToCheckpoint } from "../../src/io/checkpoint.js";
import { proposition3 } from "../../spec/index.js";
import { certify, formatCertificate } from "../../proofs/certificate.js";

const tmp = () => mkdtempSync(join(tmpdir(), "prove-"));

describe("two-circuits prove", () => {
  it("proves every construction at the paper's setting and exits 0", () => {
    const r = runCli(["prove"]);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ["proposition-1", "proposition-2", "proposition-3", "threshold"]) expect(r.stdout).toMatch(new RegExp(`${name} \\(n=40, k=3, S=\\[0,1,2\\]\\): HOLDS`));
  });

  it("accepts a random or explicit support, other k, and both methods", () => {
    expect(runCli(["prove", "--prop", "3", "--support", "random:7"]).stdout).toMatch(/proposition-3 .*HOLDS/);
    const both = runCli(["prove", "--prop", "2", "--n", "12", "--support", "11,3,5", "--method", "both"]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/S=\[3,5,11\]\): HOLDS .*4096 inputs, brute force/);
    const k5 = runCli(["prove", "--k", "5"]);
    expect(k5.code).toBe(0);
    expect(k5.stdout).toMatch(/proposition-2: stated for k = 3 only; skipped/);
    expect(k5.stdout).toMatch(/threshold \(n=40, k=5.*HOLDS/);
  });

  it("writes a certificate that check-certificate re-verifies; refuses to overwrite without --force", () => {
    const out = join(tmp(), "p1.json");
    const r = runCli(["prove", "--prop", "1", "--k", "4", "--n", "10", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).patterns).toHaveLength(16);
    const c = runCli(["check-certificate", out]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/HOLDS — 16 patterns re-verified independently/);
    expect(runCli(["prove", "--prop", "1", "--out", out]).code).toBe(2);
    expect(runCli(["prove", "--prop", "1", "--out", out, "--force"]).code).toBe(0);
  });

  it("exits 1 with the counterexample when a checkpoint does not compute parity, 0 when it does", () => {
    const dir = tmp();
    const { net } = proposition3({ n: 6, support: [1, 2, 4] });
    writeFileSync(join(dir, "good.json"), JSON.stringify(networkToCheckpoint(net)));
    const good = runCli(["prove", "--network", join(dir, "good.json"), "--support", "1,2,4"]);
    expect(good.code, good.stderr).toBe(0);
    net.u[1] = 1.5;
    writeFileSync(join(dir, "bad.json"), JSON.stringify(networkToCheckpoint(net)));
    const bad = runCli(["prove", "--network", join(dir, "bad.json"), "--support", "1,2,4", "--method", "both"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAILS — counterexample: support bits \[1,1,1\].*f\(x\) = 0/);
  });

  it("check-certificate exits 1 on a tampered or failing certificate and 2 on a malformed file", () => {
    const dir = tmp();
    const { net, task } = proposition3({ n: 4 });
    const cert = JSON.parse(formatCertificate(certify("proposition-3", net, task)));
    cert.patterns[2].output = 5;
    writeFileSync(join(dir, "tampered.json"), JSON.stringify(cert));
    const t = runCli(["check-certificate", join(dir, "tampered.json")]);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/does NOT check/);
    net.b[0] = 0; // h1 = σ(0) = 0: X = 3 and X = −1 now give 0; the smallest is (+1,+1,+1)
    writeFileSync(join(dir, "failing.json"), formatCertificate(certify("mutant", net, task)));
    const f = runCli(["check-certificate", join(dir, "failing.json")]);
    expect(f.code).toBe(1);
    expect(f.stdout).toMatch(/FAILS — counterexample: support bits \[1,1,1\], f = 0, parity \+1/);
    writeFileSync(join(dir, "junk.json"), "{not json");
    const j = runCli(["check-certificate", join(dir, "junk.json")]);
    expect(j.code).toBe(2);
    expect(j.stderr.trim().split("\n")).toHaveLength(1);
    writeFileSync(join(dir, "shape.json"), JSON.stringify({ format: "nope" }));
    expect(runCli(["check-certificate", join(dir, "shape.json")]).code).toBe(2);
    expect(runCli(["check-certificate", join(dir, "missing.json")]).code).toBe(2);
  });

  it("bad input exits 2 with one line", () => {
    for (const args of [
      ["prove", "--prop", "7"],
      ["prove", "--k", "0"],
      ["prove", "--support", "1,1,2"],
      ["prove", "--support", "0,50", "--n", "40"],
      ["prove", "--prop", "2", "--k", "4"],
      ["prove", "--k", "3", "--support", "0,1"],
      ["prove", "--prop", "1", "--k", "15"],
      ["prove", "--method", "magic"],
      ["prove", "--min-width"],
      ["prove", "--min-width", "--k", "4"],
      ["prove", "--n", "abc"],
    ]) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });

  it("prove --min-width --k 2 prints the minimum width and writes a certificate that check-certificate re-verifies", () => {
    const out = join(tmp(), "mw2.json");
    const r = runCli(["prove", "--min-width", "--k", "2", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^minimum width for k=2: 3$/m);
    const c = runCli(["check-certificate", out]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/minimum width for k=2: 3 — re-verified independently/);
    expect(runCli(["prove", "--min-width", "--k", "2", "--out", out]).code).toBe(2);
  });
});
