/**
 * The one place where text from outside (benchmark names, failure reasons,
 * paths, CPU models) is made safe to embed in Markdown that GitHub renders.
 * It must not break a table, open a link or a tag, start a code span, or ping
 * a person or an issue.
 */

const ZERO_WIDTH_SPACE = "\u200b";

/** For inline Markdown, table cells included: the text shows as written and does nothing else. */
export function escapeMarkdown(text: string): string {
  return (
    text
      // A table row is one line; control characters have no business in a report.
      .replace(/\r\n|[\r\n\t\u2028\u2029]/g, " ")
      .replace(INVISIBLE, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Every character that opens emphasis, code, math, links, images or tables. Parentheses
      // need no escape: with the brackets escaped, nothing can open a link before them.
      .replace(/[\\`*_{}[\]!|~$]/g, "\\$&")
      // A scheme's colon ("https:", "javascript:", "mailto:"), which GitHub could turn into a
      // link; a colon between digits (a time) or before a space (a label) is left as it is.
      .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=[^\s\d])/g, "$1\\:")
      // Mentions and issue references are found in the rendered text, so escaping
      // does not stop them; a zero-width space after the sign does.
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
      .replace(/#/g, `\\#${ZERO_WIDTH_SPACE}`)
      // GitHub turns a bare "www.host" into a link with no brackets or colon to escape.
      .replace(/(w)(ww\.)/gi, `$1${ZERO_WIDTH_SPACE}$2`)
      // ...and "GH-12" into an issue, and seven or more hex digits into a commit: a
      // zero-width space after the dash, and after every sixth hex digit, stops both.
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_SPACE}`)
      .replace(/[0-9a-f]{7,}/gi, (run) => run.replace(/.{6}(?=.)/g, `$&${ZERO_WIDTH_SPACE}`))
  );
}

/** For a label inside a Mermaid chart, which has its own quoting: keep it plain and short. */
export function mermaidLabel(text: string, max = 28): string {
  const plain = text.replace(/[^A-Za-z0-9_.\-/ ]/g, "_");
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/**
 * Characters that change what a terminal or a log viewer shows rather than
 * being shown: C0 and C1 controls (ESC starts ANSI and OSC sequences, CR
 * overwrites a line), DEL, line and paragraph separators, and the
 * bidirectional overrides that reorder text on screen.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * For a piece of outside text on a terminal or in a log line: every control
 * character is shown as an escape (`\n`, `\x1b`, `\u202e`), so the text
 * stays on its line, moves no cursor, colours nothing and reorders nothing.
 */
export function escapeTerminal(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const named = NAMED[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * For text written to a GitHub Actions log (stdout of a step), one line or
 * several: each line is made terminal-safe, and a line the runner would read
 * as a workflow command (`::name::`, after leading spaces, or a legacy
 * `##[name]` anywhere) has it broken with a zero-width space, so it shows
 * as written and does nothing.
 */
export function escapeLogText(text: string): string {
  return text
    .split(/\r\n|\n/)
    .map(escapeLogLine)
    .join("\n");
}

function escapeLogLine(line: string): string {
  const safe = escapeTerminal(line).replace(/##\[/g, `##${ZERO_WIDTH_SPACE}[`);
  return safe.replace(/^(\s*):(?=:)/, `$1:${ZERO_WIDTH_SPACE}`);
}

/**
 * An inline code span for outside text (paths, file and image names):
 * backslash escapes do not work inside one, so the fence outgrows any run
 * of backticks, and a line break (which would let the text start a new
 * block) becomes a space. Not for table cells, where `|` still splits.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(INVISIBLE, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.trim() === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A fenced code block for outside text of several lines (a diff, a
 * traceback): the fence outgrows any run of backticks in it, so nothing in
 * the text can close it, and markup inside stays text.
 */
export function fenced(language: string, body: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
  // The markdown shows the text; CR bytes would only leak into the comment's source.
  const lf = body.split("\r\n").join("\n");
  const text = lf.endsWith("\n") ? lf : `${lf}\n`;
  return `${fence}${language}\n${text}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const char of text) {
    run = char === "`" ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
