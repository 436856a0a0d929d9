import type { Certificate } from "./certificate.js";
import type { AuditReport, NetworkAudit } from "./audit-report.js";

/** The terminal face of an audit report: per network a summary, the evidence per neuron and the certificates; a table across networks. */
const num = (v: number, digits = 3) => (v === 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(digits) : v.toExponential(2));
const signed = (v: number) => (v >= 0 ? `+${num(v)}` : num(v));

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
}

export function describeCertificate(c: Certificate): string {
  const rate = c.exactRate !== null ? `exact rate ${c.exactRate}` : `rate in [${num(c.rateBounds.lower, 6)}, ${num(c.rateBounds.upper, 6)}], ${(100 * c.decidedFraction).toPrecision(4)}% of the cube decided`;
  const cx = c.counterexample ? `; counterexample x = ${c.counterexample.map((v) => (v > 0 ? "+" : "-")).join("")}` : "";
  return `${c.verdict} (${c.nodes} nodes${c.exactLeaves ? `, ${c.exactLeaves} exact leaves` : ""}; ${rate})${cx}`;
}

export function formatNetworkAudit(a: NetworkAudit): string {
  const lines: string[] = [];
  lines.push(`${a.file}: n = ${a.n}, p = ${a.p}`);
  lines.push(`  X: ${a.points.description}`);
  const s = a.support;
  const support = `{${s.indices.join(", ")}}`;
  const gap = s.gapRatio == null ? "no weight off it" : `mass gap ratio ${num(s.gapRatio, 1)}`;
  const how = s.source === "given" ? "given (--support)" : `recovered, ${s.method ?? ""} (${gap})`;
  const consistent = s.consistentWithData === null ? "" : s.consistentWithData ? "; the data labels are its parity" : "; the data labels are NOT its parity";
  lines.push(`  support S = ${support}: ${how}${consistent}`);
  lines.push(`  active subnetwork: ${a.activeSubnetwork.size} neurons (effective sparsity on X)`);
  lines.push(`  class: ${a.class.name}${a.class.detail ? ` (${a.class.detail})` : ""}; ${a.class.live} live neurons`);
  for (const r of a.class.reasons) lines.push(`    - ${r}`);
  const rc = a.restrictedClass;
  lines.push(`  class with the weights off S set to 0: ${rc.name}${rc.detail ? ` (${rc.detail})` : ""}; ${rc.live} live neurons`);
  for (const r of rc.reasons) lines.push(`    - ${r}`);
  if (a.neurons.length > 0) {
    const header = ["neuron", "rank", "‖W_i‖", "u", "arity", "w on S", "mass off S", ...a.neurons[0].patterns.map((q) => q.pattern), "role"];
    const rows = a.neurons.map((q) => [
      String(q.neuron),
      String(q.rank),
      num(q.norm),
      signed(q.u),
      String(q.arity),
      q.supportWeights.map(signed).join(" "),
      num(q.offSupportMass),
      ...q.patterns.map((t) => (t.status === "depends" ? `dep(${t.restrictedStatus})` : t.status)),
      q.role,
    ]);
    const shown = rows.length > 40 ? [...rows.slice(0, 40), ["…", `${rows.length - 40} more`, ...header.slice(2).map(() => "")]] : rows;
    for (const line of pad([header, ...shown])) lines.push(`    ${line}`);
  }
  if (a.certification) lines.push(`  sgn f = parity of S on all 2^${a.n} inputs: ${describeCertificate(a.certification)}`);
  if (a.activeSubnetwork.certification) lines.push(`  sgn f_k = parity of S (active subnetwork alone): ${describeCertificate(a.activeSubnetwork.certification)}`);
  if (a.activeSubnetwork.agreement) lines.push(`  sgn f = sgn f_k on all inputs: ${describeCertificate(a.activeSubnetwork.agreement)}`);
  return lines.join("\n");
}

export function formatAuditReport(report: AuditReport): string {
  const parts = report.networks.map(formatNetworkAudit);
  if (report.networks.length > 1) {
    const rows = report.networks.map((a) => [a.file, String(a.activeSubnetwork.size), a.class.name, a.certification?.verdict ?? "-", a.activeSubnetwork.certification?.verdict ?? "-", a.activeSubnetwork.agreement?.verdict ?? "-"]);
    parts.push(pad([["network", "size", "class", "f = parity", "f_k = parity", "f = f_k"], ...rows]).join("\n"));
  }
  for (const e of report.expectations) parts.push(`${e.holds ? "ok  " : "FAIL"} ${e.file}: expected ${e.expect}: ${e.why}`);
  return parts.join("\n\n") + "\n";
}
