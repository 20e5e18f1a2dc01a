/**
 * The Dockerfile part of the PR comment and the job summary: one sentence on
 * what to do with the image, and the patch itself when there is one.
 */
import type { DockerfilePlan } from "../dockerfile.js";
import { codeSpan, fenced } from "./escape.js";

export function renderDockerfileAdvice(plan: DockerfilePlan): string {
  const file = codeSpan(plan.file);
  const note = escapeText(plan.note);
  switch (plan.kind) {
    case "change": {
      const what = plan.action === "enable" ? "turn the JIT on" : "turn the JIT off";
      return [
        `**Suggested change to ${file}:** ${what} in the image it builds. ${note}`,
        "",
        fenced("diff", plan.diff),
        "",
        `Apply it from the repository root with ${codeSpan("git apply")}.`,
        "",
      ].join("\n");
    }
    case "already":
    case "nothing":
      return `**${file} needs no change.** ${note}\n`;
    default:
      return assertNever(plan);
  }
}

/** The warning that the final stage's base image has no JIT, as a GitHub alert. */
export function renderBaseImageWarning(warning: string): string {
  return `> [!WARNING]\n> ${escapeText(warning).replace(/\r?\n/g, " ")}\n`;
}

/**
 * The fence is longer than any run of backticks in the diff, so a Dockerfile
 * comment holding a code fence cannot close the block early.
 */
/**
 * Notes quote values from the user's file; they must read as text, not as
 * markup or HTML, in a PR comment.
 */
function escapeText(text: string): string {
  let escaped = "";
  for (const char of text) {
    if (char === "<") escaped += "&lt;";
    else if (char === ">") escaped += "&gt;";
    else if (char === "&") escaped += "&amp;";
    else if ("\\`*_[]#|~".includes(char)) escaped += `\\${char}`;
    else escaped += char;
  }
  return escaped;
}

function assertNever(value: never): never {
  throw new Error(`unhandled Dockerfile plan: ${JSON.stringify(value)}`);
}
