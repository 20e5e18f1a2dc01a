/**
 * Whom a report speaks to, for the advice it gives: a command line, whose
 * settings are flags, or a workflow, whose settings are the action's inputs.
 * Both spell a setting with `example` from config/problems.ts, the one place
 * that knows each origin's syntax, so the comment never tells a workflow
 * author to pass `--processes`.
 */
import type { ConfigKey } from "../config/keys.js";
import { type ConfigOrigin, example, FLAGS } from "../config/problems.js";

export interface Voice {
  /** A run setting as the reader sets it: `--processes 12` or `processes: 12`. */
  readonly setting: (key: ConfigKey, value: string | number) => string;
  /** Where every row is, when a report leaves some out to fit. */
  readonly allRows: string;
  /** How to compare the same files on CPU time, or null when only a new run can. */
  readonly compareOnCpu: string | null;
}

export const CLI_VOICE: Voice = voiceOf(FLAGS, {
  allRows: "the JSON output (--format json) has them all",
  compareOnCpu: "compare again with --timer cpu",
});

/** The action's voice: `names` are its inputs, as a workflow's `with:` block spells them. */
export function actionVoice(names: Readonly<Partial<Record<ConfigKey, string>>>): Voice {
  return voiceOf(
    { kind: "inputs", names },
    {
      allRows: "the comparison JSON (the step's `results-path` output) has them all",
      compareOnCpu: null,
    },
  );
}

function voiceOf(origin: ConfigOrigin, words: Omit<Voice, "setting">): Voice {
  return { setting: (key, value) => example(origin, key, value), ...words };
}
