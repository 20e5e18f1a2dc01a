/**
 * The sections of docs/performance.md that a mode of its own writes (--clocks,
 * --pairing, --pyperf, --variants, --coverage): each lies between a start and
 * an end marker, so a mode rewrites its own section and every other run keeps it.
 */

export interface Markers {
  readonly start: string;
  readonly end: string;
}

/** The section of a document, markers included; null when it has none. */
export function sectionOf(doc: string, markers: Markers): string | null {
  const from = doc.indexOf(markers.start);
  const to = doc.indexOf(markers.end);
  return from >= 0 && to > from ? doc.slice(from, to + markers.end.length) : null;
}

/** The document with `section` in place of the old one, or appended. */
export function withSection(doc: string, markers: Markers, section: string): string {
  const from = doc.indexOf(markers.start);
  const to = doc.indexOf(markers.end);
  if (from >= 0 && to > from) {
    return doc.slice(0, from) + section + doc.slice(to + markers.end.length);
  }
  return `${doc.trimEnd()}\n\n${section}\n`;
}

/** `doc` with every section `kept` holds put back in place (or appended). */
export function keepSections(doc: string, kept: string, all: readonly Markers[]): string {
  let out = doc;
  for (const markers of all) {
    const section = sectionOf(kept, markers);
    if (section !== null) out = withSection(out, markers, section);
  }
  return out;
}
