// Bundles the action entry and the CLI with ncc, and ships the Python harness
// beside them. `.ci/run` runs this and fails if dist/ differs from what is committed.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderLicenses } from "./licenses.mjs";

// --transpile-only: type errors are `npm run typecheck`'s job, over src/ and test/ alike.
const ncc = ["node_modules/@vercel/ncc/dist/ncc/cli.js", "build", "--quiet", "--transpile-only"];
const stats = mkdtempSync(join(tmpdir(), "jit-bench-build-"));

/** Bundles `entry` into `out`, with the licenses of every package in any of its chunks. */
function bundle(entry, out) {
  const statsPath = join(stats, "stats.json");
  execFileSync("node", [...ncc, entry, "-o", out, "--stats-out", statsPath], { stdio: "inherit" });
  writeFileSync(join(out, "licenses.txt"), renderLicenses(statsPath));
}

rmSync("dist", { recursive: true, force: true });
try {
  bundle("src/index.ts", "dist");
  bundle("src/cli/main.ts", "dist/cli");
  bundle("src/adapters/bootstrap-thread-entry.ts", "dist/bootstrap-worker");
} finally {
  rmSync(stats, { recursive: true, force: true });
}
mkdirSync("dist/harness", { recursive: true });
cpSync("src/harness", "dist/harness", {
  recursive: true,
  filter: (path) => !path.includes("__pycache__") && !path.endsWith(".pyc"),
});
