/**
 * Escapes text from results files (benchmark names, reasons, paths) for a
 * markdown table cell: it cannot break the table, start HTML, or become code.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .replace(/@/g, "@\u200b");
}
