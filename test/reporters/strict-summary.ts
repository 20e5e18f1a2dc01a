/**
 * The last word of a test run. Vitest's own summary counts a test that never
 * ran (skipped, or left behind by a failing beforeAll) next to the passed
 * ones, and a run can end "965 passed | 32 skipped" while it failed. This
 * reporter ends every run with one line that says whether it passed, and fails
 * the run when any test did not run: this project has no test that may skip.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class StrictSummary implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    const failedFiles: string[] = [];
    const notRun: string[] = [];
    let passed = 0;
    let failed = 0;
    for (const module of testModules) {
      if (module.state() === "failed") failedFiles.push(module.relativeModuleId);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else notRun.push(`${module.relativeModuleId} > ${test.fullName}`);
      }
    }
    const problems: string[] = [];
    if (failedFiles.length > 0) {
      problems.push(`${count(failedFiles.length, "test file")} failed: ${failedFiles.join(", ")}`);
    }
    if (failed > 0) problems.push(`${count(failed, "test")} failed`);
    if (notRun.length > 0) {
      const shown = notRun.slice(0, 5).join("; ");
      const more = notRun.length > 5 ? `; and ${notRun.length - 5} more` : "";
      problems.push(
        `${count(notRun.length, "test")} did not run (skipped or never reached): ${shown}${more}`,
      );
    }
    if (unhandledErrors.length > 0)
      problems.push(`${count(unhandledErrors.length, "unhandled error")}`);
    if (problems.length === 0) {
      process.stdout.write(
        `\nTEST RUN PASSED: all ${count(passed, "test")} in ${count(testModules.length, "file")} passed.\n`,
      );
      return;
    }
    process.stderr.write(`\nTEST RUN FAILED: ${problems.join(". ")}.\n`);
    process.exitCode = 1;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
