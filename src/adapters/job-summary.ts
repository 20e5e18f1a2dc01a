/**
 * The job summary: markdown appended to the file GitHub names in
 * GITHUB_STEP_SUMMARY. GitHub refuses a step's summary over 1 MiB, and
 * whatever the step wrote before counts too, so the cut leaves room for it.
 * This is where a summary is cut to size, once: only here is known how much
 * earlier writes used, and the renderers count characters, not bytes.
 */
import { appendFile, stat } from "node:fs/promises";
import { fitMarkdown, sizeOf } from "../core/fit-markdown.js";
import { JOB_SUMMARY_LIMIT_BYTES } from "../core/render/limits.js";
import type { JobSummary } from "./ports.js";

/** Below this much room a cut report would be little more than its note. */
const MIN_CUT_ROOM = 1024;

export interface FileJobSummaryOptions {
  /** Overrides GitHub's limit, for tests. */
  limitBytes?: number;
}

export class FileJobSummary implements JobSummary {
  readonly #path: string;
  readonly #limit: number;

  constructor(path: string, options: FileJobSummaryOptions = {}) {
    this.#path = path;
    this.#limit = options.limitBytes ?? JOB_SUMMARY_LIMIT_BYTES;
  }

  async write(markdown: string): Promise<void> {
    const already = await sizeIfExists(this.#path);
    const room = this.#limit - already;
    const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
    // Earlier steps' output filled the summary: adding even the note would break it.
    if (sizeOf(text, "utf8-bytes") > room && room < MIN_CUT_ROOM) return;
    const fitted = fitMarkdown(text, room, "utf8-bytes", summaryNote);
    await appendFile(this.#path, fitted.text, "utf8");
  }
}

/**
 * The summary for this job, or null outside GitHub Actions (the CLI prints
 * its report to the terminal instead).
 */
export function jobSummaryFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options?: FileJobSummaryOptions,
): JobSummary | null {
  const path = env.GITHUB_STEP_SUMMARY;
  return path ? new FileJobSummary(path, options) : null;
}

function summaryNote(omitted: number): string {
  return (
    `\n\n> [!NOTE]\n> The rest of this report (${omitted} bytes) was left out: ` +
    "GitHub keeps at most 1 MiB of summary per step. The full results are in the results artifact.\n"
  );
}

async function sizeIfExists(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}
