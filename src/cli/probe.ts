import { Command } from "commander";
import { type ProbeReport, probeAnswer, renderProbe } from "../core/render/probe.js";
import { probe } from "../measure/worker/calls.js";

export function probeCommand(): Command {
  return new Command("probe")
    .description("Say whether a Python interpreter has a JIT that jit-bench can measure.")
    .option("--python <command>", "the Python to probe (split on spaces, no shell)", "python3")
    .option("--json", "print JSON for programs instead of text")
    .action(async (flags: { python: string; json?: boolean }) => {
      const python = flags.python.trim().split(/\s+/);
      const base = { python, pythonInput: "--python", root: process.cwd(), timeoutMs: 60_000 };
      const off = await probe({ ...base, env: { PYTHON_JIT: "0" } });
      const on = await probe({ ...base, env: { PYTHON_JIT: "1" } });
      const report: ProbeReport = { interpreter: on.interpreter, jitOn: on.jit, jitOff: off.jit };
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ answer: probeAnswer(report), ...report, fingerprint: on.fingerprint }, null, 2)}\n`
          : renderProbe(report),
      );
    });
}
