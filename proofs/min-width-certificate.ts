import type { FarkasVector } from "./farkas.js";
import type { MinimumWidth } from "./min-width.js";
import { MIN_WIDTH_CERTIFICATE_FORMAT, type MinWidthCertificate } from "./min-width-certificate-schema.js";
import { fromFloat64, isZero, toJson } from "./rational.js";
import { writeFileAtomic } from "../src/io/atomic.js";

/** Sparse Farkas vector with row keys, for a configuration of `width` neurons (rows as in configurationSystem). */
function configurationKeys(y: FarkasVector, width: number): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  y.forEach((v, r) => {
    if (isZero(v)) return;
    const t = Math.floor(r / (width + 1));
    const i = r % (width + 1);
    out[i === width ? `m:${t}` : `a:${t}:${i}`] = toJson(v);
  });
  return out;
}

export function minWidthCertificate(r: MinimumWidth): MinWidthCertificate {
  if (r.minimumWidth === null || r.witness === null) throw new Error("no minimum width was established; nothing to certify");
  const exact = (v: number) => toJson(fromFloat64(v));
  const w = r.witness;
  return {
    format: MIN_WIDTH_CERTIFICATE_FORMAT,
    version: 1,
    k: r.k,
    minimumWidth: r.minimumWidth,
    thresholdSets: r.census.threshold.map((mask) => {
      const wit = r.census.witnesses.get(mask);
      if (!wit) throw new Error(`threshold set ${mask} has no witness`);
      return { mask, w: wit.w.map(exact), b: exact(wit.b) };
    }),
    nonThresholdSets: [...r.census.refutations.entries()].sort((a, b) => a[0] - b[0]).map(([mask, y]) => {
      const farkas: Record<string, number | string> = {};
      y.forEach((v, t) => {
        if (!isZero(v)) farkas[`s:${t}`] = toJson(v);
      });
      return { mask, farkas };
    }),
    widths: r.searches.filter((s) => s.witness === null).map((s) => ({
      width: s.width,
      orbits: s.refutations.map(({ config, y }) => ({ config: config.map((c) => ({ sign: c.sign, mask: c.mask })), farkas: configurationKeys(y, s.width) })),
    })),
    witness: {
      W: Array.from({ length: w.p }, (_, i) => Array.from(w.W.subarray(i * w.n, (i + 1) * w.n), exact)),
      b: Array.from(w.b, exact),
      u: Array.from(w.u, exact),
    },
  };
}

/** JSON with one line per set, per orbit and per witness row, so the files stay small and diff well. */
export function formatMinWidthCertificate(c: MinWidthCertificate): string {
  const lines = (items: readonly unknown[], indent: string) => (items.length ? `[\n${items.map((e) => indent + JSON.stringify(e)).join(",\n")}\n${indent.slice(2)}]` : "[]");
  const widths = c.widths.map((w) => `    {\n      "width": ${w.width},\n      "orbits": ${lines(w.orbits, "        ")}\n    }`).join(",\n");
  return [
    "{",
    `  "format": ${JSON.stringify(c.format)},`,
    `  "version": ${c.version},`,
    `  "k": ${c.k},`,
    `  "minimumWidth": ${c.minimumWidth},`,
    `  "thresholdSets": ${lines(c.thresholdSets, "    ")},`,
    `  "nonThresholdSets": ${lines(c.nonThresholdSets, "    ")},`,
    `  "widths": [${widths ? "\n" + widths + "\n  " : ""}],`,
    `  "witness": {\n    "W": ${lines(c.witness.W, "      ")},\n    "b": ${JSON.stringify(c.witness.b)},\n    "u": ${JSON.stringify(c.witness.u)}\n  }`,
    "}",
    "",
  ].join("\n");
}

export function writeMinWidthCertificate(path: string, c: MinWidthCertificate): void {
  writeFileAtomic(path, formatMinWidthCertificate(c));
}
