import { InputError } from "../src/errors.js";
import { existsSync } from "node:fs";
import { minimumWidth } from "./min-width.js";
import { minWidthCertificate, writeMinWidthCertificate } from "./min-width-certificate.js";

/** `prove --min-width --k K`: prints the search and the line "minimum width for k=K: M"; returns the exit code. */
export async function minimumWidthCommand(k: number, print: (line: string) => void, opts: { out?: string; force?: boolean } = {}): Promise<number> {
  if (!Number.isSafeInteger(k) || k < 1 || k > 3) throw new InputError(`--min-width supports k = 1, 2 or 3, got ${k}`);
  if (opts.out !== undefined && existsSync(opts.out) && !opts.force) throw new InputError(`${opts.out} exists; pass --force to overwrite it`);
  const r = await minimumWidth(k);
  print(`threshold sets on {±1}^${k}: ${r.thresholdSets} (each with an integer witness or kept by the LP), ${r.provedNonThreshold} other subsets proved non-threshold by exact Farkas vectors`);
  print(`cube symmetries: ${r.symmetries} (signed permutations, parity sign tracked)`);
  for (const s of r.searches) {
    const outcome = s.witness ? "FEASIBLE (network verified exactly)" : s.unproven ? `${s.unproven} case(s) UNPROVEN` : "infeasible";
    print(`width ${s.width}: ${s.configurations} configurations, ${s.covered} pass the coverage test, ${s.orbits} orbits → ${s.orbits} LPs, ${s.farkasProved} Farkas certificates checked exactly; ${outcome} (${(s.ms / 1000).toFixed(2)} s)`);
  }
  if (r.minimumWidth === null) {
    print(`minimum width for k=${k}: not established (some cases unproven)`);
    return 1;
  }
  print(`witness of width ${r.minimumWidth}: ${r.witnessSource}, verified exactly`);
  if (r.control) {
    const c = r.control;
    print(`control: the same search at width ${c.width} ${c.witness ? `finds a network (verified exactly) after ${c.orbits} LPs` : "finds NO network — the encoding is suspect"} (${(c.ms / 1000).toFixed(2)} s)`);
    if (!c.witness) return 1;
  }
  print(`minimum width for k=${k}: ${r.minimumWidth}`);
  if (k === 3) print(`Proposition 3's 4 neurons are ${r.minimumWidth === 4 ? "optimal" : `NOT optimal (width ${r.minimumWidth} suffices)`}`);
  print(`total time ${(r.ms / 1000).toFixed(2)} s`);
  if (opts.out !== undefined) {
    writeMinWidthCertificate(opts.out, minWidthCertificate(r));
    print(`certificate written to ${opts.out} (check it with: two-circuits check-certificate ${opts.out})`);
  }
  return 0;
}
