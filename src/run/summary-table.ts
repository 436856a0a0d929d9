import type { RunSummary } from "./record.js";

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? "never" : Number.isInteger(v) && digits === 0 ? String(v) : v.toFixed(digits));

/** The per-seed summary of a run as a Markdown table (readable on a terminal too). */
export function summaryTable(summary: RunSummary): string {
  const rows = summary.seeds.map((s) => [
    String(s.seed),
    s.memorizationEpoch === null ? "never" : String(s.memorizationEpoch),
    s.grokkingEpoch === null ? "never" : String(s.grokkingEpoch),
    fmt(s.finalTrainAcc),
    fmt(s.finalTestAcc),
    fmt(s.testAccAtMemorization ?? null, 2),
    s.status === "diverged" ? "diverged" : "",
  ]);
  const header = ["seed", "memorisation epoch", "grokking epoch", "final train acc", "final test acc", "test acc at memorisation", ""];
  const keep = rows.some((r) => r[6] !== "") ? header.length : header.length - 1;
  const table = [header, ...rows].map((r) => r.slice(0, keep));
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  return [line(table[0]), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...table.slice(1).map(line)].join("\n");
}
