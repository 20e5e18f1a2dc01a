/**
 * Checks requests (and the stand-in's own responses) against GitHub's
 * published OpenAPI description in @octokit/openapi, so the fake server only
 * accepts calls the real API would: a known method and path template, typed
 * path and query parameters, and a body with every required field.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: Parameter[];
  body: { required: boolean; schema: Schema } | null;
  responses: Record<string, Schema | null>;
}

export type RequestCheck =
  | {
      ok: true;
      operation: Operation;
      path: Record<string, string>;
      query: URLSearchParams;
      body: unknown;
    }
  | { ok: false; problems: string[] };

let loaded: Promise<OpenApiCheck> | undefined;

export function loadOpenApi(): Promise<OpenApiCheck> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve("@octokit/openapi/package.json"));
    const text = await readFile(join(root, "generated", "api.github.com.json"), "utf8");
    return new OpenApiCheck(JSON.parse(text) as Schema);
  })();
  return loaded;
}

export class OpenApiCheck {
  readonly #spec: Schema;
  readonly #operations: Operation[] = [];

  constructor(spec: Schema) {
    this.#spec = spec;
    const paths = spec.paths as Record<string, Record<string, Schema>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, raw] of Object.entries(item)) {
        if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
        this.#operations.push(this.#operation(template, method.toUpperCase(), raw));
      }
    }
    // The most literal template first: /issues/comments/{id} before /issues/{number}/...
    const literals = (op: Operation) =>
      op.template.split("/").filter((s) => !s.startsWith("{")).length;
    this.#operations.sort((a, b) => literals(b) - literals(a));
  }

  operation(operationId: string): Operation {
    const found = this.#operations.find((op) => op.operationId === operationId);
    if (!found) throw new Error(`no operation ${operationId} in the OpenAPI description`);
    return found;
  }

  checkRequest(
    method: string,
    url: URL,
    rawBody: string,
    contentType: string | undefined,
  ): RequestCheck {
    let match: { operation: Operation; path: Record<string, string> } | null = null;
    for (const operation of this.#operations) {
      if (operation.method !== method) continue;
      const found = operation.pattern.exec(url.pathname);
      if (!found) continue;
      const path = Object.fromEntries(
        operation.pathNames.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")]),
      );
      match = { operation, path };
      break;
    }
    if (!match)
      return {
        ok: false,
        problems: [`${method} ${url.pathname} is no operation of GitHub's REST API`],
      };
    const { operation, path } = match;
    const problems: string[] = [];
    for (const param of operation.parameters) {
      const value = param.in === "path" ? path[param.name] : url.searchParams.get(param.name);
      if (param.in !== "path" && param.in !== "query") continue;
      if (value === undefined || value === null) {
        if (param.required) problems.push(`missing ${param.in} parameter ${param.name}`);
        continue;
      }
      this.#checkScalar(param.schema ?? {}, value, `${param.in} parameter ${param.name}`, problems);
    }
    for (const name of url.searchParams.keys()) {
      if (!operation.parameters.some((p) => p.in === "query" && p.name === name)) {
        problems.push(`unknown query parameter ${name}`);
      }
    }
    let body: unknown;
    if (rawBody.length > 0) {
      if (!contentType?.startsWith("application/json"))
        problems.push(`body sent as ${contentType ?? "no content type"}`);
      try {
        body = JSON.parse(rawBody);
      } catch {
        problems.push("body is not JSON");
      }
    }
    if (operation.body) {
      if (body === undefined) {
        if (operation.body.required) problems.push("missing request body");
      } else this.validate(operation.body.schema, body, "body", problems, true);
    } else if (rawBody.length > 0) problems.push("this operation takes no body");
    return problems.length > 0
      ? { ok: false, problems: problems.map((p) => `${operation.operationId}: ${p}`) }
      : { ok: true, operation, path, query: url.searchParams, body };
  }

  /** Problems with a response the stand-in is about to send. */
  checkResponse(operation: Operation, status: number, body: unknown): string[] {
    if (!(String(status) in operation.responses))
      return [`${operation.operationId}: status ${status} is not documented`];
    const schema = operation.responses[String(status)];
    const problems: string[] = [];
    if (schema) this.validate(schema, body, "response", problems, false);
    return problems.map((p) => `${operation.operationId} ${status}: ${p}`);
  }

  /** JSON Schema as OpenAPI 3.0 uses it; `strict` also refuses properties the schema does not list. */
  validate(raw: Schema, value: unknown, at: string, problems: string[], strict: boolean): void {
    const schema = this.#resolve(raw);
    const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (alternatives) {
      const fits = alternatives.some((alt) => {
        const trial: string[] = [];
        this.validate(alt, value, at, trial, strict);
        return trial.length === 0;
      });
      if (!fits) problems.push(`${at} matches none of the allowed shapes`);
      return;
    }
    for (const part of (schema.allOf as Schema[] | undefined) ?? [])
      this.validate(part, value, at, problems, strict);
    if (value === null) {
      if (schema.nullable !== true && schema.type !== undefined) problems.push(`${at} is null`);
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value as Json)) {
      problems.push(`${at} is ${JSON.stringify(value)}, not one of ${JSON.stringify(schema.enum)}`);
    }
    switch (schema.type) {
      case "object": {
        if (typeof value !== "object" || Array.isArray(value))
          return void problems.push(`${at} is not an object`);
        const record = value as Record<string, unknown>;
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        for (const name of (schema.required as string[] | undefined) ?? []) {
          if (!(name in record)) problems.push(`${at} lacks required field ${name}`);
        }
        for (const [name, field] of Object.entries(record)) {
          const fieldSchema = properties[name];
          if (fieldSchema) this.validate(fieldSchema, field, `${at}.${name}`, problems, strict);
          else if (strict && schema.properties && schema.additionalProperties === undefined) {
            problems.push(`${at} has unknown field ${name}`);
          }
        }
        return;
      }
      case "array":
        if (!Array.isArray(value)) return void problems.push(`${at} is not an array`);
        value.forEach((item, i) => {
          this.validate((schema.items ?? {}) as Schema, item, `${at}[${i}]`, problems, strict);
        });
        return;
      case "integer":
        if (!Number.isInteger(value)) problems.push(`${at} is not an integer`);
        return;
      case "number":
        if (typeof value !== "number") problems.push(`${at} is not a number`);
        return;
      case "string":
        if (typeof value !== "string") problems.push(`${at} is not a string`);
        return;
      case "boolean":
        if (typeof value !== "boolean") problems.push(`${at} is not a boolean`);
        return;
      default:
        return;
    }
  }

  /** A minimal valid value of `raw`: required fields only, nullable ones null. */
  sample(raw: Schema, depth: number): unknown {
    const schema = this.#resolve(raw);
    const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (alternatives?.[0]) return this.sample(alternatives[0], depth + 1);
    const parts = schema.allOf as Schema[] | undefined;
    if (parts) {
      return Object.assign(
        {},
        ...parts.map((part) => this.sample(part, depth + 1) as Record<string, unknown>),
      );
    }
    if (schema.nullable === true && depth > 0) return null;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    switch (schema.type) {
      case "object": {
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        const out: Record<string, unknown> = {};
        for (const name of (schema.required as string[] | undefined) ?? []) {
          out[name] = properties[name] ? this.sample(properties[name], depth + 1) : null;
        }
        return out;
      }
      case "array":
        return [];
      case "integer":
      case "number":
        return 1;
      case "boolean":
        return false;
      case "string":
        return schema.format === "date-time" ? "2025-01-01T00:00:00Z" : "x";
      default:
        return null;
    }
  }

  #checkScalar(raw: Schema, value: string, at: string, problems: string[]): void {
    const schema = this.#resolve(raw);
    if (schema.type === "integer" && !/^-?\d+$/.test(value))
      problems.push(`${at} is ${JSON.stringify(value)}, not an integer`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(value))
      problems.push(`${at} is not one of ${JSON.stringify(schema.enum)}`);
  }

  #operation(template: string, method: string, raw: Schema): Operation {
    const pathNames: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
        if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        pathNames.push(name);
        return "([^/]+)";
      })}$`,
    );
    const parameters = ((raw.parameters ?? []) as Schema[]).map(
      (p) => this.#resolve(p) as unknown as Parameter,
    );
    const requestBody = raw.requestBody ? this.#resolve(raw.requestBody as Schema) : null;
    const bodySchema = (requestBody?.content as Record<string, Schema> | undefined)?.[
      "application/json"
    ]?.schema;
    const responses: Record<string, Schema | null> = {};
    for (const [status, response] of Object.entries(
      (raw.responses ?? {}) as Record<string, Schema>,
    )) {
      const resolved = this.#resolve(response);
      const content = resolved.content as Record<string, Schema> | undefined;
      responses[status] = (content?.["application/json"]?.schema as Schema | undefined) ?? null;
    }
    return {
      operationId: String(raw.operationId),
      method,
      template,
      pattern,
      pathNames,
      parameters,
      body: bodySchema
        ? { required: requestBody?.required === true, schema: bodySchema as Schema }
        : null,
      responses,
    };
  }

  #resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === "string" && hops < 20; hops += 1) {
      const ref = current.$ref as string;
      let node: unknown = this.#spec;
      for (const key of ref.replace(/^#\//, "").split("/"))
        node = (node as Record<string, unknown>)[key];
      if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
      current = node as Schema;
    }
    return current;
  }
}

/**
 * The smallest value a schema accepts, every required field filled, with
 * `overrides` merged in: GitHub's objects have dozens of required fields,
 * and the stand-in's answers must pass the same check as its requests.
 */
export function sampleOf(check: OpenApiCheck, ref: string, overrides: unknown = {}): unknown {
  return merge(check.sample({ $ref: ref }, 0), overrides);
}

function merge(base: unknown, overrides: unknown): unknown {
  if (
    typeof base !== "object" ||
    base === null ||
    Array.isArray(base) ||
    typeof overrides !== "object" ||
    overrides === null ||
    Array.isArray(overrides)
  )
    return overrides;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>))
    out[key] = key in out ? merge(out[key], value) : value;
  return out;
}
