/**
 * The house rule for src/core/, as a check: the core computes and never does
 * I/O. A core file imports only other core files, the pure libraries listed
 * here and pure Node built-ins, and never reads the environment, the working
 * directory or the clock (callers pass those in).
 */
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

/** Libraries that compute and touch nothing outside the process. */
export const PURE_PACKAGES = [
  "zod",
  "fastest-levenshtein",
  "dockerfile-ast",
  "smol-toml",
  "js-yaml",
  "diff",
  "fast-xml-parser",
] as const;

/** Node built-ins that only compute (path joins strings). */
export const PURE_BUILTINS = ["node:path"] as const;

/** Reads of the world outside the arguments: the environment, the working directory, the clock. */
const IMPURE_CALLS: readonly [RegExp, string][] = [
  [/\bprocess\.env\b/, "reads process.env"],
  [/\bprocess\.cwd\s*\(/, "reads the working directory"],
  [/\bDate\.now\s*\(/, "reads the clock (Date.now)"],
  [/\bnew Date\s*\(\s*\)/, "reads the clock (new Date())"],
  [/\bperformance\.now\s*\(/, "reads the clock (performance.now)"],
];

/** `import ... from`, `export ... from` (types too), `import("...")` and a bare `import "..."`. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s+"([^"]+)"/g;

/** Every module a source file imports or re-exports from, as written, in order. */
export function importedSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT)].flatMap((match) => {
    const spec = match[1] ?? match[2] ?? match[3];
    return spec === undefined ? [] : [spec];
  });
}

/** What is wrong with one core file, in words; empty when it keeps the rule. */
export function coreViolations(file: string, source: string, coreDir: string): string[] {
  const found: string[] = [];
  for (const spec of importedSpecifiers(source)) {
    if (spec.startsWith(".")) {
      const target = resolve(dirname(file), spec);
      const inside = relative(coreDir, target);
      if (inside.startsWith("..")) found.push(`imports ${spec}, outside src/core`);
      continue;
    }
    if (spec.startsWith("node:") || !spec.includes("/") || spec.startsWith("@")) {
      const pure =
        (PURE_BUILTINS as readonly string[]).includes(spec) ||
        (PURE_PACKAGES as readonly string[]).includes(spec);
      if (!pure) found.push(`imports ${spec}, which is not a pure library`);
      continue;
    }
    found.push(`imports ${spec}, which is not a pure library`);
  }
  // Comments may name what the code must not do.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  for (const [pattern, what] of IMPURE_CALLS) if (pattern.test(code)) found.push(what);
  // Node's `process` is the running program: core neither touches it nor hides it with a
  // variable of that name. Read from the syntax tree, so words in strings do not count.
  if (identifiers(file, source).has("process")) {
    found.push("uses the name process, Node's global for the running program");
  }
  return found;
}

/** Every identifier a source file spells, strings and comments aside. */
function identifiers(file: string, source: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return names;
}
