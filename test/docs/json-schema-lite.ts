/**
 * A JSON Schema checker for the keywords our published config schema uses
 * (type, enum, const, anyOf, minimum, maximum, minLength, maxLength, items,
 * minItems, maxItems, properties, additionalProperties), so the tests can ask
 * what an editor would answer without a validator dependency. It refuses a
 * schema that uses any other keyword, so it cannot silently check less.
 */
export type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "$id",
  "$schema",
  "title",
  "description",
  "default",
  "type",
  "enum",
  "const",
  "anyOf",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "additionalProperties",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** Problems with `value` under `schema`, as "path: what" lines; empty when valid. */
export function validate(schema: Schema, value: unknown, path = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) throw new Error(`json-schema-lite: unsupported keyword ${key} at ${path}`);
  }
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(value, t))) {
      return [`${path}: is ${typeOf(value)}, not ${types.join(" or ")}`];
    }
  }
  if ("const" in schema && value !== schema.const) problems.push(`${path}: is not ${schema.const}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${path}: is not one of ${schema.enum.join(", ")}`);
  }
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Schema[]).some(
      (branch) => validate(branch, value, path).length === 0,
    );
    if (!fits) problems.push(`${path}: fits none of the allowed forms`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      problems.push(`${path}: above maximum`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength)
      problems.push(`${path}: too short`);
    if (typeof schema.maxLength === "number" && length > schema.maxLength)
      problems.push(`${path}: too long`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      problems.push(`${path}: too few items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      problems.push(`${path}: too many items`);
    if (schema.items !== undefined) {
      value.forEach((item, i) => {
        problems.push(...validate(schema.items as Schema, item, `${path}[${i}]`));
      });
    }
  }
  if (typeOf(value) === "object") {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const property = properties[key];
      if (property !== undefined) problems.push(...validate(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) {
        problems.push(`${path}: property "${key}" is not allowed`);
      }
    }
  }
  return problems;
}
