/**
 * Errors a user can fix. Each names the input, the value it had and what to do
 * instead, so that the CLI and the action can print it as one line and exit 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";

  constructor(
    /** The input as the user wrote it: a flag (`--processes`), a config key or a file. */
    readonly input: string,
    /** The offending value, quoted in the message. */
    readonly value: unknown,
    /** What is wrong, as a short clause: "must be at least 2". */
    readonly problem: string,
    /** What to do instead: "Use --processes 2 or more." */
    readonly fix: string,
  ) {
    super(`${input}: ${problem} (got ${quote(value)}). ${fix}`);
  }
}

/**
 * A setting as its user would write it: `--threshold 5%` on a command line,
 * `threshold: 5%` for an action input or a YAML key.
 */
export function written(input: string, value: string): string {
  return input.startsWith("--") ? `${input} ${value}` : `${input}: ${value}`;
}

export const EXIT_CODES = {
  /** A decision was made (any verdict but a failing regression). */
  ok: 0,
  /** Tests fail only with the JIT, or the JIT made things slower and --fail-on-regression was set. */
  regression: 1,
  /** Bad input: flags, config, files. Nothing was half-written. */
  usage: 2,
  /**
   * A benchmark failed (raised, could not be imported, crashed or timed out)
   * and failures were not allowed. The results and the report are written
   * first; this code goes before a regression's 1, since the verdict rests
   * on a suite that lost benchmarks.
   */
  broken: 3,
  /** A bug in jit-bench itself (the BSD sysexits EX_SOFTWARE); the message asks for a report. */
  internal: 70,
} as const;

/** Renders a value for an error message: strings quoted, long values cut. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === undefined) text = "nothing";
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
