// `npm run bench`: the engine's own benchmarks, written to docs/performance.md.
//
// Node cannot run TypeScript, so the entry is bundled with ncc (as the
// release build bundles the action) into a temporary folder and run from
// there. The action and the CLI are bundled the same way beside it, so the
// cold-start figures measure today's source without touching dist/.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// --pyperf runs pyperf from its source: say what to set before a minute of bundling.
if (process.argv.includes("--pyperf")) {
  const dir = process.env.JIT_BENCH_PYPERF;
  if (!dir || !existsSync(join(dir, "pyperf", "__init__.py"))) {
    const given = dir ? `"${dir}", which has no pyperf/__init__.py` : "nothing";
    process.stderr.write(
      `--pyperf needs pyperf 2.10's source: set JIT_BENCH_PYPERF to the folder that holds its pyperf/ package (given: ${given}), for example a checkout or an unpacked sdist of pyperf 2.10.0. It is put on PYTHONPATH for pyperf's processes.\n`,
    );
    process.exit(2);
  }
}

const ncc = ["node_modules/@vercel/ncc/dist/ncc/cli.js", "build", "--quiet", "--transpile-only"];
const out = mkdtempSync(join(tmpdir(), "jit-bench-bench-"));
try {
  const bundle = (entry, dir) =>
    execFileSync("node", [...ncc, entry, "-o", join(out, dir)], { stdio: "inherit" });
  bundle("benchmarks/ts/main.ts", "bench");
  // Compare finds its bootstrap worker beside its bundle, as in dist/.
  bundle("src/adapters/bootstrap-thread-entry.ts", join("bench", "bootstrap-worker"));
  bundle("src/index.ts", "action");
  bundle("src/cli/main.ts", "action/cli");
  // The bundles find the harness beside them, as in dist/.
  cpSync("src/harness", join(out, "action", "harness"), {
    recursive: true,
    filter: (path) => !path.includes("__pycache__") && !path.endsWith(".pyc"),
  });
  cpSync("src/harness", join(out, "bench", "harness"), {
    recursive: true,
    filter: (path) => !path.includes("__pycache__") && !path.endsWith(".pyc"),
  });
  const args = ["--root", process.cwd(), "--bundles", out, ...process.argv.slice(2)];
  execFileSync("node", [join(out, "bench", "index.js"), ...args], { stdio: "inherit" });
} finally {
  rmSync(out, { recursive: true, force: true });
}
