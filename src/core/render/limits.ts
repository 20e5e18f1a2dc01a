/**
 * GitHub's size limits for what jit-bench writes there. Every renderer,
 * report and adapter that fits text to GitHub takes its limit from here.
 */

/** GitHub refuses an issue or pull request comment body longer than this many characters. */
export const COMMENT_LIMIT_CHARS = 65_536;

/**
 * GitHub keeps at most this many bytes (UTF-8) of job summary per step;
 * whatever earlier steps wrote to the same summary counts too.
 */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
