/**
 * `jit-bench advise --dockerfile PATH [BASELINE [CANDIDATE]]`: the Dockerfile
 * advice and patch the action puts in its comment, in a terminal. With
 * results files the verdict decides, as in the action; without, --for says
 * which change to show. Either way it warns when the final stage is built on
 * an image known to have no JIT.
 */
import { resolve } from "node:path";
import { Command, Option } from "commander";
import { writeFileAtomic } from "../adapters/files.js";
import {
  DOCKERFILE_ACTIONS,
  type DockerfileAction,
  type DockerfilePlan,
  planDockerfile,
} from "../core/dockerfile.js";
import { InputError } from "../core/errors.js";
import {
  renderBaseImageWarning,
  renderDockerfileAdvice,
} from "../core/render/dockerfile-advice.js";
import { DEFAULT_COMPARE_SETTINGS, runCompare } from "../modes/compare.js";
import { adviseDockerfile, dockerfileWarning, readDockerfile } from "../modes/dockerfile-advice.js";

export const ADVISE_FORMATS = ["text", "markdown", "patch"] as const;
type AdviseFormat = (typeof ADVISE_FORMATS)[number];

interface Flags {
  readonly dockerfile: string;
  readonly for?: DockerfileAction;
  readonly format: AdviseFormat;
  readonly apply?: boolean;
}

const HELP = `
Formats: text (the advice in words, then the patch), markdown (exactly what the
action puts in its pull request comment), patch (only the diff, for git apply).

Exit codes:
  0  advice given (including "no change needed")
  1  never: advise makes no decision of its own
  2  bad input: flags, a missing Dockerfile or one without FROM, bad results files
  70 an internal error in jit-bench: please report it`;

export function adviseCommand(): Command {
  return new Command("advise")
    .description(
      "Show the Dockerfile change that follows a verdict (ENV PYTHON_JIT=1 on a gain, =0 on a regression), as the action does.",
    )
    .argument(
      "[baseline]",
      "results file or folder: the verdict decides the advice, as in the action",
    )
    .argument("[candidate]", "results file or folder with the other leg")
    .requiredOption("--dockerfile <path>", "the Dockerfile that builds the image you benchmarked")
    .addOption(
      new Option(
        "--for <change>",
        "without results: which change to show (enable sets PYTHON_JIT=1, disable sets 0)",
      ).choices(DOCKERFILE_ACTIONS),
    )
    .addOption(
      new Option("--format <format>", "how to print it").choices(ADVISE_FORMATS).default("text"),
    )
    .option("--apply", "also write the change into the Dockerfile")
    .addHelpText("after", HELP)
    .action(async (baseline: string | undefined, candidate: string | undefined, flags: Flags) => {
      if (baseline !== undefined && flags.for !== undefined) {
        throw new InputError(
          "--for",
          flags.for,
          "cannot be used with results files, whose verdict decides the change",
          "Drop --for, or drop the results files to see a change of your choice.",
        );
      }
      const file = await readDockerfile(resolve(flags.dockerfile), process.cwd(), "--dockerfile");
      let plan: DockerfilePlan | null;
      let verdictLine = "";
      if (baseline !== undefined) {
        const outcome = await runCompare({ ...DEFAULT_COMPARE_SETTINGS, baseline, candidate });
        plan = adviseDockerfile(file, outcome.verdict.kind);
        verdictLine = `Verdict: ${outcome.verdict.kind}.`;
      } else {
        plan = planDockerfile(file.text, file.name, flags.for ?? "enable");
      }
      const warning = dockerfileWarning(file);
      process.stdout.write(render(flags.format, plan, warning, verdictLine, file.name));
      if (warning !== null && flags.format === "patch")
        process.stderr.write(`warning: ${warning}\n`);
      if (flags.apply && plan?.kind === "change") {
        await writeFileAtomic(file.path, plan.after);
        process.stderr.write(`jit-bench: wrote the change to ${file.name}\n`);
      }
    });
}

function render(
  format: AdviseFormat,
  plan: DockerfilePlan | null,
  warning: string | null,
  verdictLine: string,
  name: string,
): string {
  switch (format) {
    case "patch":
      return plan?.kind === "change" ? plan.diff : "";
    case "markdown": {
      const blocks = [
        warning === null ? "" : renderBaseImageWarning(warning),
        plan === null ? "" : renderDockerfileAdvice(plan),
      ].filter((block) => block !== "");
      return blocks.length > 0 ? `${blocks.map((b) => b.trimEnd()).join("\n\n")}\n` : "";
    }
    case "text": {
      const lines: string[] = [];
      if (verdictLine) lines.push(verdictLine);
      if (warning !== null) lines.push(`Warning: ${warning}`);
      if (plan === null) lines.push(`No change to ${name}: the verdict calls for none.`);
      else if (plan.kind === "change") {
        const what = plan.action === "enable" ? "turn the JIT on" : "turn the JIT off";
        lines.push(`Suggested change to ${name}: ${what} in the image it builds. ${plan.note}`);
        lines.push(
          "",
          plan.diff.trimEnd(),
          "",
          "Apply it from the repository root with git apply.",
        );
      } else lines.push(`${name} needs no change. ${plan.note}`);
      return `${lines.join("\n")}\n`;
    }
  }
}
