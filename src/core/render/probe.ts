/** `jit-bench probe` in plain words: can this interpreter's JIT be measured at all? */
import { JIT_BUILDS_HINT } from "../jit-builds.js";
import type { Interpreter, JitState } from "../results.js";

export interface ProbeReport {
  interpreter: Interpreter;
  /** The JIT as seen with PYTHON_JIT=1, after a warm-up. */
  jitOn: JitState;
  /** The JIT as seen with PYTHON_JIT=0. */
  jitOff: JitState;
}

export type ProbeAnswer = "measurable" | "compiled-but-not-enabled" | "not-active" | "no-jit";

export function probeAnswer(report: ProbeReport): ProbeAnswer {
  const on = report.jitOn;
  if (!on.compiled) return "no-jit";
  if (!on.enabled) return "compiled-but-not-enabled";
  if (on.active === false) return "not-active";
  return "measurable";
}

export function renderProbe(report: ProbeReport): string {
  const { interpreter: py, jitOn, jitOff } = report;
  const yesNo = (b: boolean | null) => (b === null ? "could not be checked" : b ? "yes" : "no");
  const lines = [
    `Python:            ${py.implementation} ${py.version} (${py.executable})`,
    `JIT compiled in:   ${yesNo(jitOn.compiled)}`,
    `Enabled with PYTHON_JIT=1: ${yesNo(jitOn.enabled)}   with PYTHON_JIT=0: ${yesNo(jitOff.enabled)}`,
    `Active after a warm-up:    ${yesNo(jitOn.active)}`,
    "",
  ];
  const answer = probeAnswer(report);
  switch (answer) {
    case "measurable":
      lines.push(
        "This interpreter can be measured with the JIT off and on: jit-bench run will compare them.",
      );
      break;
    case "compiled-but-not-enabled":
      lines.push(
        `The JIT is compiled in but PYTHON_JIT=1 did not enable it: ${jitOn.detail}`,
        "Check for -E or -I in the python command, and for perf profiling support, which switches the JIT off.",
      );
      break;
    case "not-active":
      lines.push(
        "The JIT is enabled but no compiled code was found after a warm-up; results may show no JIT effect.",
        jitOn.detail,
      );
      break;
    case "no-jit":
      lines.push(
        `No JIT here: ${jitOn.detail}`,
        "PYTHON_JIT=1 does nothing on this interpreter, so a JIT-on leg would measure the plain interpreter.",
        JIT_BUILDS_HINT,
      );
      break;
  }
  return `${lines.join("\n")}\n`;
}
