import type { CsvValue } from "./csv.js";

/** A table of the report: written as ID.csv (raw values) and shown in report.html and ID.md. */
export interface Table<C extends string = string> {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: ReadonlyArray<{ readonly key: C; readonly label: string }>;
  readonly rows: ReadonlyArray<{ readonly [K in C]: CsvValue }>;
  /** Lines shown under the table (e.g. the paper's values beside ours). */
  readonly notes?: readonly string[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function display(v: CsvValue): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number" && !Number.isInteger(v)) return String(Number(v.toPrecision(4)));
  return String(v);
}

export function tableHtml(t: Table): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${t.columns.map((c) => `<td>${escapeHtml(display(r[c.key]))}</td>`).join("")}</tr>`).join("\n");
  const notes = (t.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  return `<table id="${t.id}">\n<caption>${escapeHtml(t.title)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${notes}`;
}

export function tableMarkdown(t: Table): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [`| ${t.columns.map((c) => cell(c.label)).join(" | ")} |`, `|${t.columns.map(() => " --- |").join("")}`];
  for (const r of t.rows) lines.push(`| ${t.columns.map((c) => cell(display(r[c.key]))).join(" | ")} |`);
  return `**${t.title}**\n\n${lines.join("\n")}\n${(t.notes ?? []).map((n) => `\n${n}\n`).join("")}`;
}
