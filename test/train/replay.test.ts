import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadReplay, replay } from "../../src/train/replay.js";
import { runCli, ROOT } from "../helpers/cli.js";

const fixtures = ["small-n12-k3-p64.json", "medium-n40-k3-p256.json"].map((f) => join(ROOT, "fixtures", "replay", f));

describe("replay of the PyTorch trajectories", () => {
  for (const file of fixtures) {
    it(`matches ${file.split("/").pop()} at every recorded epoch`, () => {
      const result = replay(loadReplay(file));
      const weights = result.deviations.filter((d) => ["W", "b", "u"].includes(d.quantity));
      expect(weights.length).toBeGreaterThanOrEqual(9);
      for (const d of result.deviations) expect(d.deviation, `${d.quantity} at epoch ${d.epoch}`).toBeLessThanOrEqual(d.tolerance);
      expect(result.ok).toBe(true);
    });
  }

  it("the CLI exits 0 on a fixture and 1 when a recorded weight is off", () => {
    expect(runCli(["replay", fixtures[0]]).code).toBe(0);
    const tampered = JSON.parse(readFileSync(fixtures[0], "utf8"));
    tampered.epochs[1].W[3][5] += 1e-3;
    const dir = mkdtempSync(join(tmpdir(), "tc-replay-"));
    const path = join(dir, "tampered.json");
    writeFileSync(path, JSON.stringify(tampered));
    const r = runCli(["replay", path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/W\s+1\.0\de-3 at epoch 2 .*EXCEEDED/);
  });

  it("a malformed replay file is one line and exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "tc-replay-"));
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify({ format: "two-circuits/replay@1", config: {} }));
    const r = runCli(["replay", path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    writeFileSync(path, '{"format": "two-circuits/replay@1", "con');
    expect(runCli(["replay", path]).code).toBe(2);
  });
});
