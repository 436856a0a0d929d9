import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTraining } from "../../src/train/run-training.js";
import { trainSeed } from "../../src/train/train-seed.js";
import { PAPER_CONFIG, type TrainConfig } from "../../src/train/config.js";
import { openRun } from "../../src/run/run-reader.js";
import { runCli, BIN } from "../helpers/cli.js";

const small: TrainConfig = { ...PAPER_CONFIG, n: 12, k: 3, N: 120, width: 32, epochs: 24, seeds: [0, 1, 2] };
const tmp = (name: string) => join(mkdtempSync(join(tmpdir(), `tc-${name}-`)), "run");

/** Every file of a run, as bytes, keyed by relative path. */
function runBytes(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.set(r, readFileSync(join(dir, r)));
    }
  };
  walk("");
  return out;
}

function expectSameBytes(a: string, b: string, skip: RegExp = /^$/) {
  const A = runBytes(a);
  const B = runBytes(b);
  expect([...A.keys()].sort()).toEqual([...B.keys()].sort());
  for (const [k, v] of A) if (!skip.test(k)) expect(v.equals(B.get(k)!), k).toBe(true);
}

describe("training runs", () => {
  it("the same seeds give identical bytes with 1 and 2 worker threads", async () => {
    const one = tmp("threads1");
    const two = tmp("threads2");
    await runTraining(small, { out: one, threads: 1, progress: "none" });
    await runTraining(small, { out: two, threads: 2, progress: "none" });
    expectSameBytes(one, two);
    const run = openRun(one);
    expect(run.seeds.map((s) => s.record.lastEpoch)).toEqual([24, 24, 24]);
    const t = run.seeds[0].trajectory();
    expect(t.network(24).p).toBe(32);
    t.close();
  });

  it("resuming after an interruption at any epoch equals the uninterrupted run (fast-check)", () => {
    const config: TrainConfig = { ...small, epochs: 23, seeds: [5] };
    const whole = tmp("whole");
    trainSeed(config, 5, whole);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 22 }), (stopAt) => {
        const dir = tmp("resume");
        const stop = new Error("interrupted");
        expect(() =>
          trainSeed(config, 5, dir, {
            hooks: {
              onEpoch: (r) => {
                if (r.epoch === stopAt) throw stop;
              },
            },
          }),
        ).toThrow(stop);
        trainSeed(config, 5, dir, { resume: true });
        expectSameBytes(join(whole, "seed-5"), join(dir, "seed-5"));
      }),
      { numRuns: 8 },
    );
  });

  it("a run killed with SIGKILL and resumed from the CLI equals an uninterrupted one", async () => {
    const args = ["--n", "16", "--k", "3", "--N", "300", "--width", "128", "--epochs", "300", "--seeds", "1", "--quiet"];
    const whole = tmp("cli-whole");
    expect(runCli(["train", ...args, "--out", whole]).code).toBe(0);
    const killed = tmp("cli-killed");
    const child = spawn(process.execPath, [BIN, "train", ...args, "--out", killed], { stdio: "ignore" });
    const state = join(killed, "seed-0", "state.safetensors");
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(state) || child.exitCode !== null) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
    });
    await new Promise((r) => child.on("close", r));
    expect(existsSync(join(killed, "summary.json"))).toBe(false);
    const r = runCli(["train", "--resume", "--out", killed, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expectSameBytes(whole, killed);
  });

  it("refuses to overwrite a run without --force, and overwrites with it", () => {
    const dir = tmp("force");
    const args = ["train", "--n", "8", "--k", "2", "--N", "50", "--width", "8", "--epochs", "2", "--seeds", "1", "--quiet", "--out", dir];
    expect(runCli(args).code).toBe(0);
    const again = runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a run; use --force/);
    expect(runCli([...args, "--force"]).code).toBe(0);
    expect(runCli(["train", "--resume", "--out", tmp("none")]).code).toBe(2);
  });

  it("a diverging loss stops the seed, keeps the finite epochs and says so", () => {
    const dir = tmp("diverge");
    const r = runCli(["train", "--n", "12", "--k", "3", "--N", "100", "--width", "16", "--epochs", "10", "--seeds", "1", "--lr", "1e100", "--weight-decay", "0", "--quiet", "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/seed 0 diverged/);
    const run = openRun(dir);
    const rec = run.seeds[0].record;
    expect(rec.status).toBe("diverged");
    expect(rec.message).toMatch(/diverged in epoch \d+/);
    expect(rec.trainLoss.every(Number.isFinite)).toBe(true);
    const t = run.seeds[0].trajectory();
    expect(t.lastEpoch).toBe(rec.lastEpoch);
    t.close();
  });
});
