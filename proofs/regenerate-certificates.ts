import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlanned, certificatePlan } from "./certificate-plan.js";
import { certify, writeCertificate } from "./certificate.js";
import { minimumWidth } from "./min-width.js";
import { minWidthCertificate, writeMinWidthCertificate } from "./min-width-certificate.js";

/**
 * Regenerates proofs/certificates: `node dist/proofs/regenerate-certificates.js [DIR]`:
 * the planned parity certificates and, under min-width/, the minimal-width proofs for
 * k = 1, 2, 3. Exits 1 if any planned construction fails or a minimum is not established.
 */
export function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + from);
    dir = up;
  }
  return dir;
}

export const MIN_WIDTH_KS = [1, 2, 3] as const;

export async function regenerate(outDir: string): Promise<{ written: string[]; failed: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const failed: string[] = [];
  for (const planned of certificatePlan()) {
    const { net, task } = buildPlanned(planned);
    const cert = certify(planned.construction, net, task);
    writeCertificate(join(outDir, planned.file), cert);
    written.push(planned.file);
    if (!cert.holds) failed.push(planned.file);
  }
  mkdirSync(join(outDir, "min-width"), { recursive: true });
  for (const k of MIN_WIDTH_KS) {
    const file = join("min-width", `k${k}.json`);
    const r = await minimumWidth(k);
    if (r.minimumWidth === null) {
      failed.push(file);
      continue;
    }
    writeMinWidthCertificate(join(outDir, file), minWidthCertificate(r));
    written.push(file);
  }
  return { written, failed };
}

const invoked = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const here = dirname(fileURLToPath(import.meta.url));
  let root = packageRoot(here);
  if (root.endsWith("dist")) root = dirname(root);
  const out = process.argv[2] ?? join(root, "proofs", "certificates");
  const { written, failed } = await regenerate(out);
  process.stdout.write(`wrote ${written.length} certificates to ${out}\n`);
  for (const f of failed) process.stdout.write(`FAILS: ${f}\n`);
  process.exitCode = failed.length ? 1 : 0;
}
