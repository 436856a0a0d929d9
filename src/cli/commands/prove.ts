import type { Command } from "commander";

export function registerProve(_program: Command): void {}
