/** The report for programs: the whole comparison and verdict, with the headline as text. */
import type { Comparison } from "../compare/types.js";
import type { Verdict } from "../verdict.js";
import { followUp, headline, PLAIN } from "./headline.js";
import { testsSentence } from "./tests.js";
import { CLI_VOICE, type Voice } from "./voice.js";

export const COMPARISON_SCHEMA_ID = "jit-bench/comparison@1";

export function renderJson(
  comparison: Comparison,
  verdict: Verdict,
  voice: Voice = CLI_VOICE,
): string {
  const document = {
    schema: COMPARISON_SCHEMA_ID,
    verdict: {
      ...verdict,
      headline: headline(comparison, verdict, PLAIN),
      followUp: followUp(verdict, comparison, PLAIN, voice),
      tests: comparison.tests ? testsSentence(comparison.tests, PLAIN) : null,
    },
    comparison,
  };
  // JSON has no Infinity or NaN; a number that is not finite is unknown.
  return `${JSON.stringify(document, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2)}\n`;
}
