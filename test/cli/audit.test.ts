import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, ROOT } from "../helpers/cli.js";
import { saveNetwork, networkToSafetensors } from "../../src/io/checkpoint.js";
import { serializeDatasets } from "../../src/data/dataset-file.js";
import { AuditReportSchema } from "../../src/audit/audit-report.js";
import { evaluate } from "../../src/net/network.js";
import { trainingSet } from "../../src/data/parity.js";
import { proposition1, proposition2 } from "../audit/constructions.js";

const dir = mkdtempSync(join(tmpdir(), "tc-audit-cli-"));
const path = (name: string) => join(dir, name);
const x0 = Array.from({ length: 20 }, (_, j) => (j % 3 === 0 ? -1 : 1));

beforeAll(() => {
  saveNetwork(path("p1.json"), proposition1(20, [0, 1, 2]));
  saveNetwork(path("p2.safetensors"), proposition2(20, [0, 1, 2]));
  // Proposition 1 plus a neuron that fires on x0 alone and outvotes the DNF there: right on any sample that misses x0.
  const bump = proposition1(20, [0, 1, 2]);
  const net = { ...bump, p: 9, W: new Float64Array(9 * 20), b: new Float64Array(9), u: new Float64Array(9) };
  net.W.set(bump.W);
  net.b.set(bump.b);
  net.u.set(bump.u);
  x0.forEach((v, j) => (net.W[8 * 20 + j] = v));
  net.b[8] = 1 - 20;
  net.u[8] = -10 * evaluate(bump, x0);
  saveNetwork(path("bump.safetensors"), net, { dtype: "F64" });
  writeFileSync(path("data.safetensors"), Buffer.concat(serializeDatasets({ train: trainingSet({ n: 20, support: [0, 1, 2] }, 200, 1) })));
  writeFileSync(path("data-n5.safetensors"), Buffer.concat(serializeDatasets({ train: trainingSet({ n: 5, support: [0, 1, 2] }, 10, 1) })));
  const bytes = Buffer.concat(networkToSafetensors(proposition1(20, [0, 1, 2])));
  writeFileSync(path("truncated.safetensors"), bytes.subarray(0, bytes.length - 5));
  writeFileSync(path("nan.safetensors"), Buffer.concat(networkToSafetensors({ ...proposition1(20, [0, 1, 2]), b: new Float64Array(8).fill(NaN) })));
});

describe("two-circuits audit", () => {
  it("Proposition 1: dnf and certified parity, exit 0, with a readable report", () => {
    const r = runCli(["audit", path("p1.json"), "--support", "0,1,2", "--data", path("data.safetensors"), "--expect", "dnf", "--expect", "parity"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/support S = \{0, 1, 2\}: given \(--support\); the data labels are its parity/);
    expect(r.stdout).toMatch(/class: dnf \(one neuron per pattern\)/);
    expect(r.stdout).toMatch(/sgn f = parity of S on all 2\^20 inputs: certified/);
    expect(r.stdout).toMatch(/ok {3}.*expected parity/);
  });

  it("a violated expectation exits 1 and says which and why", () => {
    const r = runCli(["audit", path("p2.safetensors"), "--expect", "dnf"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*p2\.safetensors: expected dnf: the active subnetwork \(6 neurons\) is dnf-6/);
    expect(r.stdout).toMatch(/recovered, the bits before the largest gap in output-weighted mass/);
  });

  it("--json: schema-valid, certification with an exact counterexample for a net right everywhere but at x0", () => {
    const r = runCli(["audit", path("bump.safetensors"), "--support", "0,1,2", "--expect", "parity", "--json", "--accuracy"]);
    expect(r.code).toBe(1);
    const report = AuditReportSchema.parse(JSON.parse(r.stdout), "stdout");
    const c = report.networks[0].certification!;
    expect(c.verdict).toBe("counterexample");
    expect(c.counterexample).toEqual(x0);
    expect(c.fails).toBe("1");
    expect(c.exactRate).toBe(1 - 2 ** -20);
    expect(report.expectations).toEqual([expect.objectContaining({ expect: "parity", holds: false })]);
    expect(r.stderr).toMatch(/expected parity: counterexample x = \[/);
  });

  it("audits several files with a table across them", () => {
    const r = runCli(["audit", path("p1.json"), path("p2.safetensors"), "--certify"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/network\s+size\s+class\s+f = parity/);
    expect(r.stdout).toMatch(/p2\.safetensors\s+6\s+dnf-6\s+certified/);
  });

  it("a fixture network of the paper config is certified on all 2^40 inputs", () => {
    const fx = join(ROOT, "fixtures", "checkpoints");
    const r = runCli(["audit", join(fx, "seed-1-final.safetensors"), "--data", join(fx, "seed-1-data.safetensors"), "--expect", "parity", "--json"]);
    expect(r.code).toBe(0);
    const report = AuditReportSchema.parse(JSON.parse(r.stdout), "stdout");
    expect(report.networks[0].certification?.verdict).toBe("certified");
    expect(report.networks[0].support).toMatchObject({ indices: [0, 1, 2], source: "recovered", consistentWithData: true });
  });

  const bad: [string, string[], RegExp][] = [
    ["missing file", ["audit", "no-such-file.safetensors"], /no-such-file\.safetensors: cannot read \(ENOENT\)/],
    ["truncated safetensors", ["audit", path("truncated.safetensors")], /truncated\.safetensors: .*(outside|truncated)/],
    ["NaN weights", ["audit", path("nan.safetensors")], /nan\.safetensors: b has a non-finite value \(NaN\)/],
    ["support out of range", ["audit", path("p1.json"), "--support", "0,1,20"], /--support: index 20 is out of range for n = 20 \(0\.\.19\)/],
    ["support not integers", ["audit", path("p1.json"), "--support", "a,b"], /--support: expected comma-separated non-negative integers/],
    ["repeated support index", ["audit", path("p1.json"), "--support", "1,1"], /--support: an index is repeated/],
    ["unknown expectation", ["audit", path("p1.json"), "--expect", "xor"], /--expect: expected one of dnf, dnf-6, threshold, parity/],
    ["bad --names", ["audit", path("p2.safetensors"), "--names", "a,b"], /--names: expected three tensor names/],
    ["wrong names", ["audit", path("p2.safetensors"), "--names", "a,b,c"], /no tensor named 'a'/],
    ["data of another n", ["audit", path("p1.json"), "--data", path("data-n5.safetensors")], /points have n = 5 but .* has n = 20/],
    ["zero budget", ["audit", path("p1.json"), "--certify", "--budget", "0"], /--budget: must be at least 1/],
  ];
  it.each(bad)("bad input: %s → one line, exit 2", (_name, args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("leaves the input files untouched", () => {
    const before = readFileSync(path("p1.json"), "utf8");
    runCli(["audit", path("p1.json"), "--certify", "--json"]);
    expect(readFileSync(path("p1.json"), "utf8")).toBe(before);
  });
});
