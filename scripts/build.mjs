// Bundles the action entry and the CLI with ncc, and ships the Python harness
// beside them. `.ci/run` runs this and fails if dist/ differs from what is committed.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";

// --transpile-only: type errors are `npm run typecheck`'s job, over src/ and test/ alike.
const ncc = [
  "node_modules/@vercel/ncc/dist/ncc/cli.js",
  "build",
  "--quiet",
  "--transpile-only",
  "--license",
  "licenses.txt",
];

rmSync("dist", { recursive: true, force: true });
execFileSync("node", [...ncc, "src/index.ts", "-o", "dist"], { stdio: "inherit" });
execFileSync("node", [...ncc, "src/cli.ts", "-o", "dist/cli"], { stdio: "inherit" });
mkdirSync("dist/harness", { recursive: true });
cpSync("src/harness", "dist/harness", {
  recursive: true,
  filter: (path) => !path.includes("__pycache__") && !path.endsWith(".pyc"),
});
