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
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Every character that opens emphasis, code, links, images, tables or raw HTML.
      .replace(/[\\`*_{}[\]()!|~:]/g, "\\$&")
      // Mentions and issue references are found in the rendered text, so escaping
      // does not stop them; a zero-width space after the sign does.
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
      .replace(/#/g, `\\#${ZERO_WIDTH_SPACE}`)
      // GitHub turns a bare "www.host" into a link with no brackets or colon to escape.
      .replace(/(w)(ww\.)/gi, `$1${ZERO_WIDTH_SPACE}$2`)
  );
}

/** For a label inside a Mermaid chart, which has its own quoting: keep it plain and short. */
export function mermaidLabel(text: string, max = 28): string {
  const plain = text.replace(/[^A-Za-z0-9_.\-/ ]/g, "_");
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
