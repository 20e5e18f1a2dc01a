/**
 * Every input and output name of the action, once. action.yml declares the
 * same names (a test holds the two together), and every error about an
 * input names it exactly as a workflow's `with:` block spells it.
 */

export const INPUTS = {
  mode: "mode",
  jit: "jit",
  suite: "suite",
  python: "python",
  image: "image",
  config: "config",
  processes: "processes",
  warmups: "warmups",
  values: "values",
  minTime: "min-time",
  timer: "timer",
  timeout: "timeout",
  precision: "precision",
  budget: "budget",
  profile: "profile",
  allowFailures: "allow-failures",
  tests: "tests",
  testsTimeout: "tests-timeout",
  shard: "shard",
  variants: "variants",
  artifactPrefix: "artifact-prefix",
  results: "results",
  runId: "run-id",
  githubToken: "github-token",
  comment: "comment",
  commentKey: "comment-key",
  dockerfile: "dockerfile",
  applyDockerfile: "apply-dockerfile",
  failOnRegression: "fail-on-regression",
  threshold: "threshold",
  maxRegression: "max-regression",
  maxMemoryGrowth: "max-memory-growth",
} as const;
export type InputName = (typeof INPUTS)[keyof typeof INPUTS];

export const OUTPUTS = {
  verdict: "verdict",
  speedup: "speedup",
  speedupLow: "speedup-low",
  speedupHigh: "speedup-high",
  recommendation: "recommendation",
  testsWithJit: "tests-with-jit",
  fastest: "fastest",
  fastestLead: "fastest-lead",
  resultsPath: "results-path",
  commentUrl: "comment-url",
} as const;
export type OutputName = (typeof OUTPUTS)[keyof typeof OUTPUTS];

export const MODES = ["run", "compare"] as const;
export type Mode = (typeof MODES)[number];

/** The `jit` input, as a matrix would spell it: `jit: [0, 1]`. */
export const JIT_CHOICES = ["0", "1", "both"] as const;
export type JitChoice = (typeof JIT_CHOICES)[number];

/**
 * Inputs that only one mode reads and that are empty unless the workflow
 * sets them; setting one in the other mode earns a warning, not silence.
 */
export const MODE_ONLY_INPUTS: Record<Mode, readonly InputName[]> = {
  run: [
    INPUTS.suite,
    INPUTS.python,
    INPUTS.image,
    INPUTS.config,
    INPUTS.processes,
    INPUTS.warmups,
    INPUTS.values,
    INPUTS.minTime,
    INPUTS.timer,
    INPUTS.timeout,
    INPUTS.precision,
    INPUTS.budget,
    INPUTS.profile,
    INPUTS.tests,
    INPUTS.testsTimeout,
    INPUTS.shard,
    INPUTS.variants,
  ],
  compare: [INPUTS.results, INPUTS.runId, INPUTS.dockerfile],
};

/** A workflow expression as a user would type it in YAML, for error messages: `${{ github.token }}`. */
export function expression(text: string): string {
  return `\${{ ${text} }}`;
}
