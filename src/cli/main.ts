#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import { registerTrain } from "./commands/train.js";
import { registerReplay } from "./commands/replay.js";
import { registerProve } from "./commands/prove.js";
import { registerAnalyze } from "./commands/analyze.js";
import { registerAudit } from "./commands/audit.js";
import { registerExport } from "./commands/export.js";
import { registerReport } from "./commands/report.js";
import { registerReproduce } from "./commands/reproduce.js";

/** Exit codes: 0 the claim holds / the job ran, 1 a claim or expectation failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export function buildProgram(): Command {
  const program = new Command("two-circuits")
    .description("Grokking on sparse parity: train, analyse, prove and audit the networks of \"A Tale of Two Circuits\".")
    .showHelpAfterError(false)
    .exitOverride();
  for (const register of [registerTrain, registerReplay, registerAnalyze, registerReport, registerReproduce, registerProve, registerAudit, registerExport]) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      // Commander has already printed its one-line complaint.
      return EXIT.badInput;
    }
    if (e instanceof InputError) {
      process.stderr.write(`two-circuits: ${e.message}\n`);
      return EXIT.badInput;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === "string" && ["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EEXIST"].includes(err.code)) {
      process.stderr.write(`two-circuits: ${err.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`two-circuits: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.TWO_CIRCUITS_DEBUG) process.stderr.write(`${err?.stack}\n`);
    return 70;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === (await import("node:url")).pathToFileURL((await import("node:fs")).realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
