/**
 * docs/reliability.md cannot drift from the tests: every test it names
 * exists under that exact name (as `vitest list` reports it), every test of
 * the fault suite is named there, and its counts are those of its own table.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
const PAGE = readFileSync(join(REPO, "docs/reliability.md"), "utf8");

interface Reference {
  file: string;
  name: string;
}

/** The cells of a table row, split on pipes that are not escaped. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Every table of the page: its header cells and its rows' cells. */
function tables(markdown: string): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.startsWith("|") || !/^\|[-:| ]+\|$/.test(lines[i + 1] ?? "")) continue;
    const header = cells(lines[i] ?? "");
    const rows: string[][] = [];
    for (i += 2; lines[i]?.startsWith("|"); i++) rows.push(cells(lines[i] ?? ""));
    found.push({ header, rows });
  }
  return found;
}

function references(cell: string): Reference[] {
  return cell.split("<br>").map((part) => {
    const match = /^`([^`]+\.test\.ts)` › (.+)$/.exec(part.trim());
    if (!match) throw new Error(`not a test reference: ${part}`);
    return { file: match[1] as string, name: (match[2] as string).replace(/\\\|/g, "|") };
  });
}

const allTables = tables(PAGE);
const named = allTables
  .filter((table) => table.header.at(-1) === "Test")
  .flatMap((table) => table.rows.flatMap((row) => references(row.at(-1) ?? "")));
const FAULT_SUITE = readdirSync(join(REPO, "test/faults"))
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => `test/faults/${f}`);

/** Test names per file, from vitest's own collection of those files. */
let listed: Map<string, Set<string>>;

beforeAll(() => {
  const files = [...new Set([...named.map((ref) => ref.file), ...FAULT_SUITE])].sort();
  const run = spawnSync(
    process.execPath,
    [join(REPO, "node_modules/vitest/vitest.mjs"), "list", ...files, "--json"],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, JIT_BENCH_SKIP_LEFTOVER_CHECK: "1" },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`vitest list failed: ${run.stderr}`);
  listed = new Map();
  for (const test of JSON.parse(run.stdout) as { name: string; file: string }[]) {
    const file = relative(REPO, test.file);
    if (!listed.has(file)) listed.set(file, new Set());
    listed.get(file)?.add(test.name);
  }
}, 120_000);

describe("docs/reliability.md", () => {
  it("names only tests that exist", () => {
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((ref) => !listed.get(ref.file)?.has(ref.name));
    expect(missing).toEqual([]);
  });

  it("names every test of the fault suite", () => {
    const mentioned = new Set(named.map((ref) => `${ref.file} › ${ref.name}`));
    const unnamed = FAULT_SUITE.flatMap((file) =>
      [...(listed.get(file) ?? [])].map((name) => `${file} › ${name}`),
    ).filter((test) => !mentioned.has(test));
    expect(listed.get("test/faults/benchmark-faults.test.ts")?.size).toBeGreaterThan(10);
    expect(unnamed).toEqual([]);
  });

  it("states the counts of its own table", () => {
    const catalogue = allTables.find((table) => table.header.includes("Kind"));
    const rows = catalogue?.rows ?? [];
    const kindAt = catalogue?.header.indexOf("Kind") ?? -1;
    expect(rows.map((row) => row[0])).toEqual(rows.map((_, i) => String(i + 1)));
    const faults = rows.filter((row) => row[kindAt] === "fault").length;
    const bad = rows.filter((row) => row[kindAt] === "bad input").length;
    expect(faults + bad).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(PAGE).toContain(
      `**Counts: ${faults} faults survived · ${bad} bad inputs tried · 0 results lost.**`,
    );
  });
});
