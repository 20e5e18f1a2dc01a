/**
 * The edit behind a Dockerfile plan, made on the text itself so that every
 * byte outside it stays: line continuations, quoting and CRLF line endings.
 * Positions come from dockerfile-ast as (line, character) pairs.
 */

import { formatPatch, structuredPatch } from "diff";
import type { From, Property } from "dockerfile-ast";

export const VARIABLE = "PYTHON_JIT";

export interface Edit {
  readonly after: string;
  readonly line: number;
  readonly inserted: boolean;
}

export function replaceValue(
  text: string,
  lines: number[],
  property: Property,
  wanted: string,
): Edit {
  const valueRange = property.getValueRange();
  if (valueRange === null) {
    // `ENV PYTHON_JIT` with no value at all: give it one in the `=` form.
    const range = property.getNameRange();
    const start = offsetAt(lines, range.start);
    const end = offsetAt(lines, range.end);
    const after = `${text.slice(0, start)}${VARIABLE}=${wanted}${text.slice(end)}`;
    return { after, line: range.start.line + 1, inserted: false };
  }
  const start = offsetAt(lines, valueRange.start);
  const end = offsetAt(lines, valueRange.end);
  const value = keepQuotes(text.slice(start, end), wanted);
  return {
    after: text.slice(0, start) + value + text.slice(end),
    line: valueRange.start.line + 1,
    inserted: false,
  };
}

/** `"0"` becomes `"1"`, so the edit is as small as the reader expects. */
function keepQuotes(raw: string, wanted: string): string {
  const quoteChar = raw[0];
  if (raw.length >= 2 && (quoteChar === '"' || quoteChar === "'") && raw.endsWith(quoteChar)) {
    return `${quoteChar}${wanted}${quoteChar}`;
  }
  return wanted;
}

export function insertAfterFrom(text: string, lines: number[], from: From, wanted: string): Edit {
  const lastLine = from.getRange().end.line;
  const next = lines[lastLine + 1];
  const instruction = `ENV ${VARIABLE}=${wanted}`;
  if (next === undefined) {
    // FROM is the last line and has no line break: keep the file ending without one.
    const after = `${text}${firstLineBreak(text, lines)}${instruction}`;
    return { after, line: lastLine + 2, inserted: true };
  }
  const eol = lineBreakBefore(text, next);
  const after = `${text.slice(0, next)}${instruction}${eol}${text.slice(next)}`;
  return { after, line: lastLine + 2, inserted: true };
}

/**
 * Offsets where each line starts, splitting on CRLF, CR and LF as the parser
 * does, so that its (line, character) positions map back onto the text.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\r" && text[i + 1] === "\n") i++;
    if (char === "\r" || char === "\n") starts.push(i + 1);
  }
  return starts;
}

function offsetAt(lines: number[], position: { line: number; character: number }): number {
  return (lines[position.line] ?? 0) + position.character;
}

/** The line break that ends the line before `lineStart`. */
function lineBreakBefore(text: string, lineStart: number): string {
  if (text[lineStart - 1] === "\n" && text[lineStart - 2] === "\r") return "\r\n";
  return text[lineStart - 1] ?? "\n";
}

function firstLineBreak(text: string, lines: number[]): string {
  const second = lines[1];
  return second === undefined ? "\n" : lineBreakBefore(text, second);
}

/**
 * A git-style patch (`diff --git a/... b/...`) so that `git apply` takes it
 * from the repository root. `fileName` is the path relative to that root.
 */
export function unifiedDiff(fileName: string, before: string, after: string): string {
  const path = repoPath(fileName);
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
  });
  return formatPatch({ ...patch, isGit: true });
}

function repoPath(fileName: string): string {
  let path = fileName.split("\\").join("/");
  while (path.startsWith("./")) path = path.slice(2);
  return path;
}
