#!/usr/bin/env node
// Writes the README's usage block and its inputs/outputs tables from action.yml,
// between the <!-- usage:start/end --> and <!-- inputs:start/end --> markers,
// so the documentation cannot drift from the action. With --check it writes
// nothing and exits 1 when README.md differs from what it would write.
//
//   node scripts/readme-inputs.mjs [--check] [--action action.yml] [--readme README.md]
import { readFileSync, writeFileSync } from "node:fs";
import { load } from "js-yaml";

const MODE_PREFIXES = { "Run mode.": "run", "Compare mode.": "compare", "Both modes.": "both" };
const USES = "aria/jit-bench@v1";
const WIDTH = 96;

function parseArgs(argv) {
  const args = { check: false, action: "action.yml", readme: "README.md" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--check") args.check = true;
    else if (arg === "--action" || arg === "--readme") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a path`);
      args[arg.slice(2)] = value;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  return args;
}

/** The mode an entry serves, from the first words of its description, and the rest. */
function splitMode(name, description) {
  for (const [prefix, mode] of Object.entries(MODE_PREFIXES)) {
    if (description.startsWith(prefix))
      return { mode, text: description.slice(prefix.length).trim() };
  }
  throw new Error(
    `action.yml: ${name}: the description must start with ${Object.keys(MODE_PREFIXES).join(", ")}`,
  );
}

function entries(section, kind) {
  return Object.entries(section ?? {}).map(([name, spec]) => {
    if (typeof spec?.description !== "string")
      throw new Error(`action.yml: ${kind} ${name} has no description`);
    if (kind === "input" && !("default" in spec))
      throw new Error(`action.yml: input ${name} has no default`);
    return { name, ...splitMode(name, spec.description), default: spec.default };
  });
}

function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function shownDefault(value) {
  if (value === undefined || value === "") return "_(empty)_";
  return `\`${String(value).replace(/`/g, "'")}\``;
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function renderUsage(action) {
  const lines = ["```yaml", `- uses: ${USES}`, "  with:"];
  for (const input of entries(action.inputs, "input")) {
    const mode =
      input.mode === "both"
        ? "Both modes"
        : `${input.mode[0].toUpperCase()}${input.mode.slice(1)} mode`;
    for (const part of wrap(`${mode}. ${input.text}`, WIDTH - 6)) lines.push(`    # ${part}`);
    const fallback = input.default === "" ? "(empty)" : String(input.default);
    lines.push(`    # Default: ${fallback}`, `    ${input.name}: ''`, "");
  }
  lines[lines.length - 1] = "```";
  return lines.join("\n");
}

function renderTables(action) {
  const inputs = entries(action.inputs, "input").map(
    (e) => `| \`${e.name}\` | ${e.mode} | ${cell(shownDefault(e.default))} | ${cell(e.text)} |`,
  );
  const outputs = entries(action.outputs, "output").map(
    (e) => `| \`${e.name}\` | ${e.mode} | ${cell(e.text)} |`,
  );
  return [
    "| Input | Mode | Default | Description |",
    "|---|---|---|---|",
    ...inputs,
    "",
    "| Output | Mode | Description |",
    "|---|---|---|",
    ...outputs,
  ].join("\n");
}

/** `readme` with the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` replaced. */
function replaceBetween(readme, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README: markers ${start} ... ${end} not found`);
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}

function generate(actionText, readme) {
  const action = load(actionText);
  let out = replaceBetween(readme, "usage", renderUsage(action));
  out = replaceBetween(out, "inputs", renderTables(action));
  return out;
}

function mainCli() {
  const args = parseArgs(process.argv.slice(2));
  const readme = readFileSync(args.readme, "utf8");
  const next = generate(readFileSync(args.action, "utf8"), readme);
  if (args.check) {
    if (next !== readme) {
      process.stderr.write(
        `${args.readme} does not match ${args.action}: run \`node scripts/readme-inputs.mjs\` and commit the result.\n`,
      );
      process.exitCode = 1;
    }
    return;
  }
  if (next !== readme) writeFileSync(args.readme, next);
}

try {
  mainCli();
} catch (error) {
  process.stderr.write(
    `readme-inputs: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
}
