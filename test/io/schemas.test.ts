import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { definedSchemas } from "../../src/io/schema.js";
// Every module that defines a file format, so that all schemas are registered.
import "../../src/audit/checkpoint-fixtures.js";
import "../../src/audit/certificate.js";
import "../../src/audit/audit-report.js";
import "../../src/train/config.js";
import "../../src/train/replay.js";
import "../../src/run/record.js";
import "../../src/io/checkpoint.js";
import "../../src/analysis/analysis-summary.js";
import "../../proofs/min-width-certificate-schema.js";
import "../../proofs/certificate-schema.js";

describe("file format schemas", () => {
  it("are all valid JSON Schemas (the runtime skips this check, see src/io/schema.ts)", () => {
    expect(definedSchemas.length).toBeGreaterThanOrEqual(12);
    const strict = new Ajv({ strict: true, allowUnionTypes: true });
    for (const schema of definedSchemas) {
      expect(strict.validateSchema(schema as object), JSON.stringify(strict.errors)).toBe(true);
      expect(() => strict.compile(schema as object)).not.toThrow();
    }
  });

  it("the meta-schema check would have caught a broken schema", () => {
    const strict = new Ajv({ strict: true });
    expect(strict.validateSchema({ type: "object", properties: { a: { type: "nonsense" } } })).toBe(false);
  });
});
