import { InputError } from "../errors.js";

/**
 * The figures' and the analysis's tables are plain CSV: a header line, comma-separated
 * fields, no quoting (every field is a number or an identifier without commas).
 */
export type CsvValue = string | number | boolean | null;
export type CsvRow<C extends string> = { readonly [K in C]: CsvValue };

/** Parses `text` whose header must hold every column of `columns` (more are allowed). Each row keeps only those columns, as strings. */
export function parseCsv<C extends string>(text: string, columns: readonly C[], what: string): Array<Record<C, string>> {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new InputError(`${what}: empty file (no header line)`);
  const header = lines[0].split(",").map((s) => s.trim());
  const index = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new InputError(`${what}: missing column '${c}'`);
    return i;
  });
  const rows: Array<Record<C, string>> = [];
  for (let r = 1; r < lines.length; r++) {
    const fields = lines[r].split(",");
    if (fields.length !== header.length) throw new InputError(`${what}: line ${r + 1} has ${fields.length} fields, the header has ${header.length} (truncated?)`);
    const row = {} as Record<C, string>;
    columns.forEach((c, j) => (row[c] = fields[index[j]].trim()));
    rows.push(row);
  }
  return rows;
}

/** A finite numeric field. */
export function csvNumber(value: string, what: string, opts: { integer?: boolean } = {}): number {
  const v = Number(value);
  if (value === "" || !Number.isFinite(v)) throw new InputError(`${what}: expected a finite number, got '${value}'`);
  if (opts.integer && !Number.isInteger(v)) throw new InputError(`${what}: expected an integer, got '${value}'`);
  return v;
}

function field(v: CsvValue): string {
  if (v === null) return "";
  const s = String(v);
  if (/[,\n\r"]/.test(s)) throw new Error(`CSV field '${s}' contains a separator`);
  return s;
}

export function toCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<CsvRow<C>>): string {
  const out = [columns.join(",")];
  for (const row of rows) out.push(columns.map((c) => field(row[c])).join(","));
  return out.join("\n") + "\n";
}
