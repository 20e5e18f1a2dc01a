/**
 * How a run of the test command died: a fatal signal (in the exit status, or
 * as the shell's 128 + n), and the traceback faulthandler printed, which
 * names the test that was running when the interpreter crashed or hung.
 */
import { DETAIL_LINES, firstLines } from "./junit.js";

/** The signals a crashing interpreter dies of, by number (Linux). */
const FATAL_SIGNALS: Readonly<Record<number, string>> = {
  4: "SIGILL",
  5: "SIGTRAP",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  11: "SIGSEGV",
  31: "SIGSYS",
};

/** The fatal signal behind an exit: given directly, or as a shell's exit code 128 + n. */
export function crashSignal(exitCode: number | null, signal: string | null): string | null {
  if (signal !== null) return Object.values(FATAL_SIGNALS).includes(signal) ? signal : null;
  if (exitCode !== null && exitCode > 128) return FATAL_SIGNALS[exitCode - 128] ?? null;
  return null;
}

export interface Frame {
  readonly file: string;
  readonly line: number;
  readonly function: string;
}

export interface FatalError {
  /** "Fatal Python error: Segmentation fault". */
  readonly message: string;
  /** The current thread's frames, most recent first. */
  readonly frames: readonly Frame[];
  /** The first lines of the traceback, for the report. */
  readonly lines: string;
}

const FATAL = "Fatal Python error:";
const FRAME = /^\s*File "(.+)", line (\d+) in (\S+)/;

/** The first fatal error faulthandler printed in `output`, or null when there is none. */
export function fatalError(output: string): FatalError | null {
  const lines = output.split(/\r?\n/);
  // Progress output (pytest's dots) may share the line: the message starts where it starts.
  const start = lines.findIndex((line) => line.includes(FATAL));
  if (start < 0) return null;
  const message = (lines[start] ?? "").slice((lines[start] ?? "").indexOf(FATAL));
  const frames: Frame[] = [];
  const kept: string[] = [message];
  let inStack = false;
  for (const line of lines.slice(start + 1)) {
    const frame = FRAME.exec(line);
    if (frame) {
      inStack = true;
      frames.push({ file: frame[1] ?? "", line: Number(frame[2]), function: frame[3] ?? "" });
      kept.push(line.trim());
      continue;
    }
    // The first stack ends at the first line that is not a frame.
    if (inStack) break;
  }
  return {
    message,
    frames,
    lines: firstLines(kept.join("\n"), DETAIL_LINES),
  };
}

/** The innermost frame of a test function: `test_*` by the conventions of pytest and unittest. */
export function testFrame(fatal: FatalError): Frame | null {
  return fatal.frames.find((frame) => /^test/i.test(frame.function)) ?? null;
}
