import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReport } from "../../src/report/write-report.js";
import { InputError } from "../../src/errors.js";
import { runCli } from "../helpers/cli.js";
import { writeSyntheticRun } from "./synthetic-run.js";

const root = mkdtempSync(join(tmpdir(), "report-write-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const fresh = (opts: Parameters<typeof writeSyntheticRun>[1] = {}) => {
  const dir = join(root, `run-${count++}`);
  writeSyntheticRun(dir, { seeds: [0, 1], p: 30, epochs: 40, ...opts });
  return dir;
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("writeReport", () => {
  it("writes every figure as SVG, PNG, CSV and vega-lite spec, the tables, and one self-contained HTML", async () => {
    const dir = fresh();
    const r = await writeReport(dir);
    expect(r.figures).toEqual(["figure-2", "figure-3", "figure-5-seed-0", "figure-5-seed-1"]);
    for (const id of r.figures) {
      expect(readFileSync(join(dir, "report", `${id}.svg`), "utf8")).toMatch(/^<svg /);
      expect(readFileSync(join(dir, "report", `${id}.png`)).subarray(0, 8).equals(PNG)).toBe(true);
      expect(readFileSync(join(dir, "report", `${id}.csv`), "utf8").split("\n").length).toBeGreaterThan(10);
      const spec = JSON.parse(readFileSync(join(dir, "report", `${id}.vl.json`), "utf8"));
      expect(spec.data.url).toBe(`${id}.csv`);
    }
    for (const id of r.tables) {
      expect(existsSync(join(dir, "report", `${id}.csv`))).toBe(true);
      expect(existsSync(join(dir, "report", `${id}.md`))).toBe(true);
    }
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)!.length).toBe(4);
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("{6, 6, 6, 8, 8}");
    expect(html).toContain("2 seeds");
    expect(readdirSync(dir).filter((e) => e.startsWith("."))).toEqual([]);
  });

  it("replaces its own earlier report and refuses to overwrite a file it did not write", async () => {
    const dir = fresh();
    await writeReport(dir);
    await writeReport(dir);
    const foreign = join(dir, "mine.html");
    writeFileSync(foreign, "<html>my notes</html>");
    await expect(writeReport(dir, { out: foreign })).rejects.toThrow(/is not a two-circuits report/);
    expect(readFileSync(foreign, "utf8")).toBe("<html>my notes</html>");
  });

  it.each([
    [{ without: ["analysis-summary"] }, /analysis is unfinished \(no summary\.json\)/],
    [{ without: ["epochs"] }, /epochs\.csv: missing/],
    [{ without: ["trajectory"] }, /trajectory\.safetensors: missing/],
    [{ without: ["run-summary"] }, /summary\.json.*missing/],
  ] as const)("a run without some file (%o) is one InputError and leaves no report", async (opts, message) => {
    const dir = fresh(opts as never);
    const err = await writeReport(dir).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(message);
    expect(existsSync(join(dir, "report"))).toBe(false);
    expect(existsSync(join(dir, "report.html"))).toBe(false);
    expect(readdirSync(dir).filter((e) => e.startsWith("."))).toEqual([]);
  });

  it("a truncated CSV or a foreign analysis format is one InputError", async () => {
    const dir = fresh();
    const epochs = join(dir, "analysis", "epochs.csv");
    const text = readFileSync(epochs, "utf8");
    writeFileSync(epochs, text.slice(0, text.length - 40));
    await expect(writeReport(dir)).rejects.toThrow(/epochs\.csv: line \d+ has \d+ fields/);
    const other = fresh();
    const summary = join(other, "analysis", "summary.json");
    writeFileSync(summary, readFileSync(summary, "utf8").replace("two-circuits/analysis@1", "two-circuits/analysis@0"));
    await expect(writeReport(other)).rejects.toThrow(/format must be "two-circuits\/analysis@1"/);
  });
});

describe("two-circuits report (CLI)", () => {
  it("writes the report and says where", () => {
    const dir = fresh();
    const out = join(dir, "elsewhere", "r.html");
    const r = runCli(["report", dir, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);
  });

  it("a run without analysis is one line and exit 2", () => {
    const dir = join(root, "empty");
    writeSyntheticRun(dir, { seeds: [0], p: 10, epochs: 5 });
    rmSync(join(dir, "analysis"), { recursive: true });
    const r = runCli(["report", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([`two-circuits: ${dir}: no analysis (run 'two-circuits analyze ${dir}' first)`]);
  });

  it("reproduce rejects an unknown preset in one line with exit 2", () => {
    const r = runCli(["reproduce", "--preset", "nope", "--out", join(root, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--preset: unknown preset 'nope' (choose paper, wd-0.001, k-4)");
  });
});
