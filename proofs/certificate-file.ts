import { readFileSync } from "node:fs";
import { InputError } from "../src/errors.js";
import { PARITY_CERTIFICATE_FORMAT, ParityCertificateSchema, type ParityCertificate } from "./certificate-schema.js";
import { MIN_WIDTH_CERTIFICATE_FORMAT, MinWidthCertificateSchema, type MinWidthCertificate } from "./min-width-certificate-schema.js";

/** A certificate file of either kind, told apart by its "format" field; bad files are InputErrors. */
export type AnyCertificate = { kind: "parity"; certificate: ParityCertificate } | { kind: "min-width"; certificate: MinWidthCertificate };

export function readCertificateFile(path: string): AnyCertificate {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new InputError(`${path}: cannot read (${code})`);
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const format = typeof value === "object" && value !== null ? (value as { format?: unknown }).format : undefined;
  if (format === MIN_WIDTH_CERTIFICATE_FORMAT) return { kind: "min-width", certificate: MinWidthCertificateSchema.parse(value, path) };
  if (format === PARITY_CERTIFICATE_FORMAT) return { kind: "parity", certificate: ParityCertificateSchema.parse(value, path) };
  throw new InputError(`${path}: not a two-circuits certificate (format must be "${PARITY_CERTIFICATE_FORMAT}" or "${MIN_WIDTH_CERTIFICATE_FORMAT}")`);
}
