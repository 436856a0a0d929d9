import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, runCli } from "../helpers/cli.js";
import { AnalysisSummarySchema } from "../../src/analysis/analysis-files.js";

let root: string;
let run: string;
const SEEDS = 2;
const EPOCHS = 30;

function copyRun(name: string): string {
  const dir = join(root, name);
  cpSync(run, dir, { recursive: true });
  rmSync(join(dir, "analysis"), { recursive: true, force: true });
  return dir;
}

const files = (dir: string) => Object.fromEntries(readdirSync(join(dir, "analysis")).map((f) => [f, readFileSync(join(dir, "analysis", f), "utf8")]));
const csvRows = (text: string) => text.trim().split("\n").slice(1).map((l) => l.split(","));

function expectBadInput(args: string[], pattern: RegExp): void {
  const r = runCli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "tc-analyze-"));
  run = join(root, "run");
  const r = runCli(["train", "--n", "12", "--k", "3", "--N", "200", "--width", "64", "--epochs", String(EPOCHS), "--seeds", String(SEEDS), "--out", run, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("two-circuits analyze", () => {
  it("writes the analysis files of the contract, identical with 1 and 2 threads", () => {
    const a = copyRun("one-thread");
    const b = copyRun("two-threads");
    const ra = runCli(["analyze", a, "--threads", "1"]);
    expect(ra.code, ra.stderr).toBe(0);
    const rb = runCli(["analyze", b, "--threads", "2"]);
    expect(rb.code, rb.stderr).toBe(0);
    const fa = files(a);
    expect(Object.keys(fa).sort()).toEqual(["aggregate.csv", "epochs.csv", "neurons.csv", "subnetworks.csv", "summary.json"]);
    expect(files(b)).toEqual(fa);

    const summary = AnalysisSummarySchema.parse(JSON.parse(fa["summary.json"]), "summary.json");
    expect(summary.supportSet).toBe("train");
    expect(summary.paperSizes).toEqual([6, 6, 6, 8, 8]);
    expect(summary.seeds.map((s) => s.seed)).toEqual([0, 1]);
    const epochs = csvRows(fa["epochs.csv"]);
    const subnetworks = csvRows(fa["subnetworks.csv"]);
    expect(fa["epochs.csv"].split("\n")[0]).toBe("seed,epoch,trainLoss,trainAcc,testLoss,testAcc,sparsityPointwise,sparsityAccuracy,sparsityStable");
    expect(fa["subnetworks.csv"].split("\n")[0]).toBe("seed,epoch,subnetwork,size,meanNorm,faithfulnessTrain,faithfulnessTest,accuracyTrain,accuracyTest,sensitivityTest,sensitivityTrain");
    expect(fa["neurons.csv"].split("\n")[0]).toBe("seed,epoch,role,rank,neuron,norm");
    expect(epochs).toHaveLength(SEEDS * (EPOCHS + 1));
    expect(subnetworks).toHaveLength(3 * SEEDS * (EPOCHS + 1));
    for (const s of summary.seeds) {
      const { pointwise, accuracy, stable } = s.effectiveSparsity;
      expect(s.generalizingNeurons).toHaveLength(pointwise);
      expect(s.controlNeurons).toHaveLength(pointwise);
      expect(stable >= pointwise && pointwise >= accuracy).toBe(true);
      const last = epochs.find((r) => Number(r[0]) === s.seed && Number(r[1]) === s.finalEpoch)!;
      expect(last.slice(6).map(Number)).toEqual([pointwise, accuracy, stable]);
      expect(s.nonMonotoneEpochs).toBe(epochs.filter((r) => Number(r[0]) === s.seed && r[6] !== r[8]).length);
      // The generalizing subnetwork is the final active subnetwork on the training set: faithful there by definition.
      const gen = subnetworks.find((r) => Number(r[0]) === s.seed && Number(r[1]) === s.finalEpoch && r[2] === "generalizing")!;
      expect(Number(gen[5])).toBe(1);
      const comp = subnetworks.find((r) => Number(r[0]) === s.seed && Number(r[1]) === s.finalEpoch && r[2] === "complementary")!;
      expect(Number(gen[3]) + Number(comp[3])).toBe(64);
      expect(s.lotteryTicket.size).toBe(pointwise);
    }
    expect(rb.stdout).toMatch(/analysis written to/);
  });

  it("refuses to replace an analysis without --force, replaces it with --force", () => {
    const dir = copyRun("force");
    expect(runCli(["analyze", dir, "--quiet"]).code).toBe(0);
    expectBadInput(["analyze", dir], /already exists; use --force/);
    const r = runCli(["analyze", dir, "--force", "--support", "union", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "analysis", "summary.json"), "utf8")).supportSet).toBe("union");
  });

  it("takes the support set from the test set or a dataset file", () => {
    const dir = copyRun("support");
    expect(runCli(["analyze", dir, "--support", "test", "--quiet"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "analysis", "summary.json"), "utf8")).supportSet).toBe("test");
    const file = join(dir, "seed-0", "data.safetensors");
    const r = runCli(["analyze", dir, "--support", file, "--force", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expectBadInput(["analyze", dir, "--support", join(root, "no-such-file.safetensors"), "--force"], /no-such-file\.safetensors: cannot read/);
  });

  it("rejects a missing, foreign or truncated run with one line and exit 2", () => {
    expectBadInput(["analyze", join(root, "nothing-here")], /no such run directory/);
    const noRecord = copyRun("no-record");
    rmSync(join(noRecord, "seed-1", "record.json"));
    expectBadInput(["analyze", noRecord], /record\.json: missing/);
    const foreign = copyRun("foreign");
    const manifest = JSON.parse(readFileSync(join(foreign, "config.json"), "utf8"));
    writeFileSync(join(foreign, "config.json"), JSON.stringify({ ...manifest, format: "two-circuits/run@2" }));
    expectBadInput(["analyze", foreign], /config\.json: .*two-circuits\/run@1/);
    const cut = copyRun("truncated-trajectory");
    const traj = join(cut, "seed-0", "trajectory.safetensors");
    truncateSync(traj, statSync(traj).size - 1000);
    expectBadInput(["analyze", cut], /trajectory\.safetensors/);
    const series = copyRun("truncated-record");
    const recPath = join(series, "seed-0", "record.json");
    const rec = JSON.parse(readFileSync(recPath, "utf8"));
    writeFileSync(recPath, JSON.stringify({ ...rec, testAcc: rec.testAcc.slice(0, 10) }));
    expectBadInput(["analyze", series], /'testAcc' has 10 entries, expected 31/);
    const halfJson = copyRun("truncated-json");
    const sumPath = join(halfJson, "summary.json");
    writeFileSync(sumPath, readFileSync(sumPath, "utf8").slice(0, 40));
    expectBadInput(["analyze", halfJson], /summary\.json: not valid JSON/);
    for (const dir of [noRecord, foreign, cut, series, halfJson]) expect(existsSync(join(dir, "analysis"))).toBe(false);
    expectBadInput(["analyze", run, "--threads", "0"], /--threads: must be at least 1/);
  });

  it("a killed analysis leaves nothing that looks finished, and the next one cleans up after it", async () => {
    const dir = copyRun("killed");
    const child = spawn(process.execPath, [BIN, "analyze", dir, "--threads", "1", "--quiet"], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 150));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    // Either the kill came first (no analysis/) or the analysis had finished as a whole.
    if (existsSync(join(dir, "analysis"))) expect(AnalysisSummarySchema.is(JSON.parse(readFileSync(join(dir, "analysis", "summary.json"), "utf8")))).toBe(true);
    // A leftover temporary directory of a dead process is never read, and is removed by the next analysis.
    const stale = join(dir, ".analysis.tmp-999999999-1");
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, "epochs.csv"), "seed,epoch\n");
    const r = runCli(["analyze", dir, "--force", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).filter((e) => e.startsWith(".analysis"))).toEqual([]);
  });
});
