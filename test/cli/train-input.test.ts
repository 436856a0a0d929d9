import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";

const out = () => join(mkdtempSync(join(tmpdir(), "tc-train-")), "run");

describe("train rejects bad configurations with one line naming the flag, exit 2", () => {
  const cases: [string[], RegExp][] = [
    [["--k", "41"], /^two-circuits: --k: must be at most --n \(40\), got 41$/],
    [["--k", "0"], /^two-circuits: --k: must be at least 1/],
    [["--N", "0"], /^two-circuits: --N: must be at least 1/],
    [["--width", "0"], /^two-circuits: --width: must be at least 1/],
    [["--lr", "0"], /^two-circuits: --lr: must be a finite number > 0/],
    [["--lr", "-1"], /^two-circuits: --lr: must be a finite number > 0/],
    [["--weight-decay", "-0.1"], /^two-circuits: --weight-decay: must be a finite number ≥ 0/],
    [["--batch-size", "0"], /^two-circuits: --batch-size: must be at least 1/],
    [["--epochs", "0"], /^two-circuits: --epochs: must be at least 1/],
    [["--support", "0,1,40"], /^two-circuits: --support: index 40 is out of range 0\.\.39$/],
    [["--support", "0,1,1"], /^two-circuits: --support: index 1 is repeated$/],
    [["--support", "0,1"], /^two-circuits: --support: has 2 indices but --k is 3$/],
    [["--lr", "abc"], /^two-circuits: --lr: expected a number, got 'abc'$/],
    [["--seeds", "0"], /^two-circuits: --seeds: must be at least 1/],
  ];
  for (const [args, message] of cases) {
    it(args.join(" "), () => {
      const r = runCli(["train", ...args, "--out", out()]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }
});
