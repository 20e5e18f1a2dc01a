// Running the suite's check scripts on real interpreters.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

export const SUITE_DIR = resolve(here, "../../benchmarks/python");
export const CHECK_SUITE = join(here, "check_suite.py");
export const REFERENCE_CHECKS = join(here, "reference_checks.py");

export { pyenvPython } from "../pythons.js";

/**
 * Runs `python script args...` from an empty temporary folder, so that a
 * benchmark reading a file relative to the working directory instead of to
 * its own module fails here. Bytecode is not written into the suite.
 */
export async function runPython(
  python: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), "jit-bench-suite-"));
  try {
    return await run(python, [...args], {
      cwd,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      maxBuffer: 16 * 1024 * 1024,
      // A benchmark that loops forever must fail the test, not hang it.
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export async function pythonVersion(python: string): Promise<[number, number]> {
  const { stdout } = await runPython(python, [
    "-c",
    "import sys; print(sys.version_info[0], sys.version_info[1])",
  ]);
  const [major, minor] = stdout.trim().split(" ").map(Number);
  if (major === undefined || minor === undefined) throw new Error(`no version from ${python}`);
  return [major, minor];
}

export async function canImport(python: string, module: string): Promise<boolean> {
  return runPython(python, ["-c", `import ${module}`]).then(
    () => true,
    () => false,
  );
}

export interface SuiteReport {
  python: string;
  files: Record<string, string>;
  benchmarks: Record<string, string>;
  duplicates: string[];
}

export async function checkSuite(
  python: string,
  suiteDir: string,
  extra: readonly string[] = [],
): Promise<SuiteReport> {
  const { stdout } = await runPython(python, [CHECK_SUITE, suiteDir, ...extra]);
  return JSON.parse(stdout) as SuiteReport;
}
