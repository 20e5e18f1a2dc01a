/**
 * Cuts markdown to a size limit (GitHub's are in render/limits.ts). It is the
 * only code that cuts text: each sink calls it once, after the renderer has
 * left out what it could, so that GitHub never rejects the write.
 */

/** How GitHub counts: comment bodies in characters, the job summary in UTF-8 bytes. */
export const SIZE_UNITS = ["chars", "utf8-bytes"] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];

export interface Fitted {
  text: string;
  truncated: boolean;
  /** Units left out, 0 when nothing was cut. */
  omitted: number;
}

const encoder = new TextEncoder();

export function sizeOf(text: string, unit: SizeUnit): number {
  switch (unit) {
    case "chars":
      // UTF-16 code units: never fewer than GitHub's characters, so a safe count.
      return text.length;
    case "utf8-bytes":
      return encoder.encode(text).length;
    default:
      return exhaustive(unit);
  }
}

/**
 * Returns `markdown` unchanged if it fits in `limit`, else its longest
 * prefix ending at a line break, an open code fence closed, then `note(omitted)`.
 * The result never exceeds `limit`.
 */
export function fitMarkdown(
  markdown: string,
  limit: number,
  unit: SizeUnit,
  note: (omitted: number) => string,
): Fitted {
  const total = sizeOf(markdown, unit);
  if (total <= limit) return { text: markdown, truncated: false, omitted: 0 };

  // Room for closing a fence the cut leaves open: "\n" and up to three fence characters.
  const fenceRoom = 4;
  // The note for the largest possible omission is at least as long as the real one.
  const reserve = sizeOf(note(total), unit) + fenceRoom;
  const budget = limit - reserve;
  if (budget < 0) throw new Error(`limit ${limit} is too small for the truncation note`);

  let kept = prefixWithin(markdown, budget, unit);
  const lastBreak = kept.lastIndexOf("\n");
  // Cutting at a line break keeps tables and lists intact; a single huge line is cut anywhere.
  if (lastBreak > kept.length / 2) kept = kept.slice(0, lastBreak + 1);
  const fence = openFence(kept);
  if (fence !== null) kept = `${kept}\n${fence}`;
  const omitted = total - sizeOf(kept, unit);
  return { text: `${kept}${note(omitted)}`, truncated: true, omitted };
}

/** The longest prefix of `text` within `budget`, never splitting a character. */
function prefixWithin(text: string, budget: number, unit: SizeUnit): string {
  switch (unit) {
    case "chars": {
      let end = Math.min(budget, text.length);
      const last = text.charCodeAt(end - 1);
      if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
      return text.slice(0, end);
    }
    case "utf8-bytes": {
      const bytes = encoder.encode(text);
      let end = Math.min(budget, bytes.length);
      // Step back over continuation bytes (10xxxxxx) to a character boundary.
      while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
      return new TextDecoder().decode(bytes.subarray(0, end));
    }
    default:
      return exhaustive(unit);
  }
}

/** The fence (``` or ~~~) of the code block the text ends inside, or null. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split("\n")) {
    const fence = /^ {0,3}(```|~~~)/.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === null) open = fence;
    else if (fence === open) open = null;
  }
  return open;
}

function exhaustive(value: never): never {
  throw new Error(`unexpected size unit ${JSON.stringify(value)}`);
}
