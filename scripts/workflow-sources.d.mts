/** Types for scripts/workflow-sources.mjs, which the lint script runs as plain JavaScript. */
export interface WorkflowBlock {
  /** The workflow's YAML. */
  text: string;
  /** Where the fence opens in the Markdown file. */
  offset: number;
}

export interface WorkflowSource {
  /** `.github/workflows/x.yml`, or `docs/x.md (example 2)` for the second workflow a doc shows. */
  name: string;
  /** The file it is in, relative to the repository root. */
  path: string;
  text: string;
  /** Where its fence opens in a Markdown file; null for a workflow file of its own. */
  offset: number | null;
}

export function workflowsInMarkdown(markdown: string): WorkflowBlock[];
export function workflowSources(root: string): WorkflowSource[];
