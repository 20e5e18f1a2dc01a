/**
 * Failures of a worker process in words a person understands. These strings
 * end up in results files, so they say what happened, not how it was found.
 */
import type { ErrorMessage } from "../protocol.js";

export const FAILURE_KINDS = [
  /** The benchmark raised an exception. */
  "exception",
  /** The benchmark raised SystemExit. */
  "exit",
  /** Importing the benchmark's file raised. */
  "import",
  /** The benchmark's file or function is not there. */
  "missing",
  /** The process was killed by a signal it did not expect (a crash). */
  "signal",
  /** The process exited before it finished, without saying why. */
  "exit-code",
  /** The process ran past its wall-clock limit and was killed. */
  "timeout",
  /** The process sent something that is not a harness message. */
  "protocol",
  /** The harness itself refused or failed: a bug on this side. */
  "harness",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

const SIGNAL_WORDS: Readonly<Record<string, string>> = {
  SIGSEGV: "segmentation fault",
  SIGABRT: "abort",
  SIGBUS: "bus error",
  SIGFPE: "floating-point exception",
  SIGILL: "illegal instruction",
  SIGKILL: "killed, for example by the out-of-memory killer",
  SIGTERM: "terminated",
  SIGINT: "interrupted",
  SIGHUP: "hang-up",
  SIGPIPE: "broken pipe",
  SIGSYS: "bad system call",
  SIGTRAP: "trap",
  SIGXCPU: "CPU time limit exceeded",
  SIGXFSZ: "file size limit exceeded",
};

export function signalReason(signal: string): string {
  const words = SIGNAL_WORDS[signal];
  return words ? `killed by ${signal} (${words})` : `killed by ${signal}`;
}

export function exitCodeReason(code: number): string {
  return `exited with code ${code} before finishing`;
}

/** "5 s", "1.5 s", "0.25 s". */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(2))} s`;
}

export function timeoutReason(ms: number): string {
  return `timed out after ${formatSeconds(ms)} and was killed`;
}

/**
 * The last few lines of a process's stderr, for the end of a failure reason.
 * Lines about the harness's own frames (a crash traceback lists them last)
 * are left out: they are the same for every benchmark.
 */
export function stderrTail(stderr: string, harnessDir = "", maxLines = 6, maxChars = 800): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "")
    .filter(
      (line) => !line.includes("<frozen runpy>") && !(harnessDir && line.includes(harnessDir)),
    );
  let tail = lines.slice(-maxLines).join("\n");
  if (tail.length > maxChars) tail = `...${tail.slice(tail.length - maxChars + 3)}`;
  return tail;
}

export function withStderr(reason: string, stderr: string, harnessDir = ""): string {
  const tail = stderrTail(stderr, harnessDir);
  return tail ? `${reason}; last lines on stderr:\n${tail}` : reason;
}

function exceptionWords(message: ErrorMessage): string {
  const first = message.message.trim().split(/\r?\n/)[0] ?? "";
  const where = message.where ? ` (at ${message.where})` : "";
  return `${message.exceptionType ?? "Exception"}${first ? `: ${first}` : ""}${where}`;
}

/** The reason for an error message from the harness, and its kind. */
export function errorReason(message: ErrorMessage): { kind: FailureKind; reason: string } {
  switch (message.kind) {
    case "exception":
      return { kind: "exception", reason: `raised ${exceptionWords(message)}` };
    case "exit": {
      const code = message.exitCode ?? 1;
      const where = message.where ? ` (at ${message.where})` : "";
      return {
        kind: "exit",
        reason: `${exitCodeReason(code)}: the benchmark raised SystemExit${where}`,
      };
    }
    case "import":
      return {
        kind: "import",
        reason: `could not import ${message.file ?? "its file"}: ${exceptionWords(message)}`,
      };
    case "missing":
      return { kind: "missing", reason: message.message };
    case "root":
    case "request":
    case "harness":
      return { kind: "harness", reason: `the harness refused the request: ${message.message}` };
  }
}

/**
 * Why a benchmark is skipped rather than failed, or null when it failed: it
 * raised unittest.SkipTest (the suite's way to say "not on this interpreter"),
 * or it needs a module that is not installed.
 */
export function skipReason(message: ErrorMessage): string | null {
  if (message.kind !== "exception" && message.kind !== "import") return null;
  const type = message.exceptionType ?? "";
  if (type === "SkipTest" || type.endsWith(".SkipTest")) {
    return message.message.trim().split(/\r?\n/)[0] || "skipped by the benchmark";
  }
  return type === "ModuleNotFoundError" ? errorReason(message).reason : null;
}
