import type { Network } from "../src/net/network.js";
import { writeFileAtomic } from "../src/io/atomic.js";
import { PARITY_CERTIFICATE_FORMAT, type ParityCertificate } from "./certificate-schema.js";
import { patternOf } from "./pattern-order.js";
import { fromFloat64, toJson } from "./rational.js";
import { verifyBySupport } from "./verify.js";

/** Proves the claim by method (a) and returns the certificate, whether the claim holds or not. */
export function certify(construction: string, net: Network, task: { n: number; support: readonly number[] }): ParityCertificate {
  const verdict = verifyBySupport(net, task, { collect: true });
  const k = task.support.length;
  const exact = (v: number) => toJson(fromFloat64(v));
  const cx = verdict.counterexample;
  return {
    format: PARITY_CERTIFICATE_FORMAT,
    version: 1,
    construction,
    claim: { n: task.n, k, support: [...task.support] },
    method: "support-lemma+patterns",
    network: {
      n: net.n,
      p: net.p,
      W: Array.from({ length: net.p }, (_, i) => Array.from(net.W.subarray(i * net.n, (i + 1) * net.n), exact)),
      b: Array.from(net.b, exact),
      u: Array.from(net.u, exact),
    },
    patterns: verdict.outputs!.map((o, t) => ({ pattern: patternOf(t, k), output: toJson(o) })),
    minMargin: toJson(verdict.minMargin),
    holds: verdict.holds,
    counterexample: cx ? { pattern: cx.pattern, output: toJson(cx.output), parity: cx.parity } : null,
  };
}

/** JSON with one line per weight row and per pattern, so certificates diff well and stay small. */
export function formatCertificate(certificate: ParityCertificate): string {
  const inline = (v: unknown) => JSON.stringify(v);
  const { network: net, patterns, ...rest } = certificate;
  const head = JSON.stringify({ ...rest, network: "@", patterns: "@" }, null, 2);
  const network = [
    "{",
    `    "n": ${net.n},`,
    `    "p": ${net.p},`,
    `    "W": [${net.W.length ? "\n" + net.W.map((r) => "      " + inline(r)).join(",\n") + "\n    " : ""}],`,
    `    "b": ${inline(net.b)},`,
    `    "u": ${inline(net.u)}`,
    "  }",
  ].join("\n");
  const pats = `[\n${patterns.map((e) => "    " + inline(e)).join(",\n")}\n  ]`;
  return head.replace('"network": "@"', `"network": ${network}`).replace('"patterns": "@"', `"patterns": ${pats}`) + "\n";
}

export function writeCertificate(path: string, certificate: ParityCertificate): void {
  writeFileAtomic(path, formatCertificate(certificate));
}
