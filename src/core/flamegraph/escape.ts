/**
 * Text for SVG. Frame, benchmark and file names come from the user's code and
 * are untrusted: every one goes through escapeXml, in element text and in
 * attribute values alike, so no name can open a tag or leave an attribute.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** XML 1.0 allows tab, line feed, carriage return and U+0020 up, minus lone surrogates and U+FFFE/F. */
function allowedInXml(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** Characters XML cannot carry at all become U+FFFD, so one odd name cannot break the whole file. */
function replaceInvalid(text: string): string {
  let out = "";
  for (const char of text) {
    // for..of walks code points: a valid surrogate pair arrives whole, a lone half alone.
    const code = char.codePointAt(0) ?? 0xfffd;
    out += code > 0xffff || allowedInXml(code) ? char : "\uFFFD";
  }
  return out;
}

export function escapeXml(text: string): string {
  return replaceInvalid(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
