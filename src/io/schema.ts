import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { FromSchema, JSONSchema } from "json-schema-to-ts";
import { InputError } from "../errors.js";

/**
 * One JSON Schema gives both the TypeScript type (json-schema-to-ts) and the runtime
 * check (ajv). Every file format of two-circuits is declared through `defineSchema`.
 */
export interface Schema<T> {
  readonly json: JSONSchema;
  /** The value as T, or an InputError naming `what` and the first problem. */
  parse(value: unknown, what: string): T;
  is(value: unknown): value is T;
}

// validateSchema: false skips checking each schema against the JSON Schema meta-schema when
// it is first compiled (a third of a process's start-up on opening a run); the schemas are
// constants, and test/io/schemas.test.ts checks every one of them against it instead.
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, validateSchema: false });

/** Every schema defined, for the test that checks them against the meta-schema. */
export const definedSchemas: JSONSchema[] = [];

export function describeAjvError(e: ErrorObject): string {
  const at = e.instancePath === "" ? "" : ` at ${e.instancePath}`;
  if (e.keyword === "additionalProperties") return `unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'${at}`;
  if (e.keyword === "required") return `missing field '${(e.params as { missingProperty: string }).missingProperty}'${at}`;
  if (e.keyword === "const") return `${at.trim() || "value"} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  return `${at.trim() || "value"} ${e.message ?? "is invalid"}`;
}

export function defineSchema<const S extends JSONSchema, T = FromSchema<S>>(schema: S): Schema<T> {
  return compiled<T>(schema);
}

function compiled<T>(schema: JSONSchema): Schema<T> {
  definedSchemas.push(schema);
  let validate: ValidateFunction | undefined;
  const check = (value: unknown): boolean => {
    validate ??= ajv.compile(schema as object);
    return validate(value);
  };
  return {
    json: schema,
    is: (value: unknown): value is T => check(value),
    parse(value: unknown, what: string): T {
      if (!check(value)) throw new InputError(`${what}: ${describeAjvError(validate!.errors![0])}`);
      return value as T;
    },
  };
}

/** The type a schema describes. */
export type Infer<T> = T extends Schema<infer U> ? U : never;
