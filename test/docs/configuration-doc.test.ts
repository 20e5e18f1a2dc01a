/**
 * The key table of docs/configuration.md is generated from configKeyDocs(),
 * the same source as the CLI's flags and the JSON Schema, so the three cannot
 * drift. Regenerate with: UPDATE_DOCS=1 npx vitest run test/docs/configuration-doc.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, configKeyDocs } from "../../src/core/config/settings.js";

const path = "docs/configuration.md";
const START = "<!-- keys:start (generated from src/core/config/keys.ts) -->";
const END = "<!-- keys:end -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function shownDefault(value: unknown): string {
  if (value === null) return "the folder of the settings file, else the current directory";
  if (Array.isArray(value)) return `\`[${value.join(", ")}]\``;
  return `\`${String(value)}\``;
}

function keyTable(): string {
  const rows = configKeyDocs().map(
    (doc) =>
      `| \`${doc.key}\` | \`${doc.flag}\` | ${cell(shownDefault(doc.default))} | ${cell(doc.description)} |`,
  );
  return ["| Key | Flag | Default | Meaning |", "|---|---|---|---|", ...rows].join("\n");
}

function withTable(doc: string): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path}: the key table markers are missing`);
  return `${doc.slice(0, from + START.length)}\n${keyTable()}\n${doc.slice(to)}`;
}

describe(path, () => {
  it("holds the key table generated from the settings' single source", () => {
    const doc = readFileSync(path, "utf8");
    const next = withTable(doc);
    if (process.env.UPDATE_DOCS === "1" && next !== doc) writeFileSync(path, next);
    expect(doc).toBe(next);
  });

  it("is caught when a key's description drifts", () => {
    const doc = readFileSync(path, "utf8");
    const drifted = doc.replace("Timed values per process:", "Timed values per run:");
    expect(drifted).not.toBe(doc);
    expect(withTable(drifted)).not.toBe(drifted);
  });

  it("lists every key once, in the order of the source", () => {
    const table = keyTable();
    const keys = [...table.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]);
    expect(keys).toEqual([...CONFIG_KEYS]);
  });
});
