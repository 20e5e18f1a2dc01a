/**
 * One module on purpose: HarnessProcess is one child process's state (its
 * buffers, timer, exit and failure), which every handler here reads and
 * changes; apart, they would pass that state around.
 *
 * One harness process: spawning, the message channel, stderr, the wall-clock
 * limit and killing. Each process leads its own process group (detached), so
 * killing the group also ends whatever the benchmark started. A process that
 * ends, by itself or not, always has its group killed, and every group still
 * alive when Node exits is killed then.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { InputError } from "../../core/errors.js";
import { MAX_LINE_BYTES, type Message, type MessageOf, parseLine, snippet } from "../protocol.js";
import {
  exitCodeReason,
  type FailureKind,
  signalReason,
  timeoutReason,
  withStderr,
} from "./reasons.js";
import {
  killDescendants,
  killMarkedProcesses,
  newWorkerMarker,
  PARENT_PID_VARIABLE,
  WORKER_MARKER_VARIABLE,
} from "./sweep.js";

/** How much of stderr is kept: its end, where the reason for a failure usually is. */
export const STDERR_KEEP_BYTES = 64 * 1024;

/** What to do about an interpreter that cannot run the harness, said in the words of the setting that named it. */
export function pythonFix(input: string): string {
  const how = input.startsWith("--") ? `pass ${input}` : `set ${input}`;
  return `Install Python 3.9 or newer, or ${how} with the path to one.`;
}

export class WorkerFailure extends Error {
  override readonly name = "WorkerFailure";

  constructor(
    /** What went wrong, in words for a results file. */
    readonly reason: string,
    readonly kind: FailureKind,
    /** The end of the process's stderr. */
    readonly stderr: string = "",
    /** True when the benchmark cannot run here (a module it needs is not installed). */
    readonly skipped: boolean = false,
  ) {
    super(reason);
  }
}

export interface SpawnRequest {
  python: readonly string[];
  /** How errors name the setting that chose the interpreter: `--python`, `python`, a file key. */
  pythonInput: string;
  harnessDir: string;
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  command: string;
  request: unknown;
  /** Keep stdin open for commands (measure); otherwise the harness reads nothing. */
  interactive: boolean;
}

const live = new Set<HarnessProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const proc of live) {
      proc.kill();
      killMarkedProcesses(proc.marker);
    }
  });
}

export class HarnessProcess {
  private readonly child: ChildProcess;
  private readonly queue: Message[] = [];
  private readonly waiters: { resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  private stdoutPending: Buffer[] = [];
  private stdoutPendingBytes = 0;
  private stderrChunks: Buffer[] = [];
  private stderrBytes = 0;
  private preamble = "";
  private hello: MessageOf<"hello"> | null = null;
  private tooOld: string | null = null;
  private spawnError: NodeJS.ErrnoException | null = null;
  private protocolProblem: string | null = null;
  private timedOut = false;
  private groupGone = false;
  private exited = false;
  private closedInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private failure: Error | null = null;
  private readonly timer: NodeJS.Timeout;
  /** Inherited by everything the worker starts, so that what left its group is found too. */
  readonly marker = newWorkerMarker();
  /** Resolves when the process has exited and its output is read. */
  readonly closed: Promise<void>;

  constructor(private readonly spec: SpawnRequest) {
    const [command, ...prefix] = spec.python;
    if (command === undefined || command === "") {
      throw new InputError(
        spec.pythonInput,
        spec.python.join(" "),
        "is empty",
        pythonFix(spec.pythonInput),
      );
    }
    this.child = spawn(
      command,
      [...prefix, spec.harnessDir, spec.command, JSON.stringify(spec.request)],
      {
        env: {
          ...process.env,
          ...spec.env,
          [WORKER_MARKER_VARIABLE]: this.marker,
          [PARENT_PID_VARIABLE]: String(process.pid),
        },
        stdio: [spec.interactive ? "pipe" : "ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    live.add(this);
    installExitHook();
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.kill();
    }, spec.timeoutMs);
    this.child.stdout?.on("data", (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr?.on("data", (chunk: Buffer) => this.onStderr(chunk));
    // A write to a process that already died fails with EPIPE; its exit explains it better.
    this.child.stdin?.on("error", () => {});
    this.child.on("error", (error: NodeJS.ErrnoException) => {
      this.spawnError ??= error;
    });
    // Whatever the benchmark started dies with it, also so that it cannot hold the pipes open:
    // the group at once, and then whatever left the group but still carries the marker.
    this.child.on("exit", () => {
      this.exited = true;
      this.kill();
      killMarkedProcesses(this.marker);
    });
    this.closed = new Promise((resolve) => {
      this.child.on("close", (code, signal) => {
        this.onClose(code, signal);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The harness's hello, once it arrived: which Python answered. */
  get helloMessage(): MessageOf<"hello"> | null {
    return this.hello;
  }

  /** The next message from the harness (after hello), or the reason there will be none. */
  next(): Promise<Message> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  send(line: string): void {
    const stdin = this.child.stdin;
    if (stdin && !stdin.destroyed && stdin.writable) stdin.write(`${line}\n`);
  }

  /** Kills the whole process group. Idempotent; safe after the process ended. */
  kill(): void {
    const pid = this.child.pid;
    // Once the group is gone its id may be reused by an unrelated process group.
    if (pid === undefined || this.groupGone) return;
    // Descendants first, while the worker (their subreaper) still holds them.
    // Descendants that left the group first, while the worker (their subreaper) still holds
    // them: the group is frozen meanwhile, so nothing in it reacts to their deaths. Not once
    // the worker has exited: its pid may already name another process.
    if (!this.exited) {
      try {
        process.kill(-pid, "SIGSTOP");
      } catch {
        // ESRCH: the group is already gone.
      }
      killDescendants(pid);
    }
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // ESRCH: the group is already gone.
    }
  }

  /** Ends the process with a protocol failure (a message that makes no sense here). */
  fail(problem: string): WorkerFailure {
    this.protocolProblem ??= problem;
    this.kill();
    return new WorkerFailure(`sent ${problem}`, "protocol", this.stderr());
  }

  /** The last STDERR_KEEP_BYTES of stderr (trimmed lazily while it arrives, exactly here). */
  stderr(): string {
    const all = Buffer.concat(this.stderrChunks);
    return all.subarray(Math.max(0, all.length - STDERR_KEEP_BYTES)).toString("utf8");
  }

  private onStdout(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      this.stdoutPending.push(chunk.subarray(start, newline));
      const line = Buffer.concat(this.stdoutPending).toString("utf8");
      this.stdoutPending = [];
      this.stdoutPendingBytes = 0;
      this.onLine(line);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      this.stdoutPending.push(chunk.subarray(start));
      this.stdoutPendingBytes += chunk.length - start;
      if (this.stdoutPendingBytes > MAX_LINE_BYTES) {
        this.stdoutPending = [];
        this.stdoutPendingBytes = 0;
        this.onProtocolProblem(`a line longer than ${MAX_LINE_BYTES} bytes`);
      }
    }
  }

  private onLine(line: string): void {
    if (line.trim() === "" || this.protocolProblem) return;
    const parsed = parseLine(line);
    if (this.hello === null) {
      // Before hello, the output is not ours yet (a sitecustomize may print, or it is not Python).
      if (parsed.ok && parsed.message.type === "hello") this.hello = parsed.message;
      else if (parsed.ok && parsed.message.type === "too-old") this.tooOld = parsed.message.version;
      else if (this.preamble.length < 500) this.preamble += `${line}\n`;
      return;
    }
    if (!parsed.ok) {
      this.onProtocolProblem(parsed.problem);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(parsed.message);
    else this.queue.push(parsed.message);
  }

  private onProtocolProblem(problem: string): void {
    this.protocolProblem = problem;
    this.kill();
  }

  private onStderr(chunk: Buffer): void {
    this.stderrChunks.push(chunk);
    this.stderrBytes += chunk.length;
    if (this.stderrBytes > 2 * STDERR_KEEP_BYTES) {
      const all = Buffer.concat(this.stderrChunks);
      const kept = all.subarray(all.length - STDERR_KEEP_BYTES);
      this.stderrChunks = [kept];
      this.stderrBytes = kept.length;
    }
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    clearTimeout(this.timer);
    this.closedInfo = { code, signal };
    this.kill();
    this.groupGone = true;
    killMarkedProcesses(this.marker);
    live.delete(this);
    this.failure = this.endReason();
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
  }

  private endReason(): Error {
    const python = this.spec.python.join(" ");
    const input = this.spec.pythonInput;
    const fix = pythonFix(input);
    const error = this.spawnError;
    if (error?.code === "ENOENT") {
      return new InputError(input, python, "command not found", fix);
    }
    if (error?.code === "EACCES") {
      return new InputError(input, python, "cannot be run (permission denied)", fix);
    }
    if (error) return new Error(`could not start ${python}: ${error.message}`);
    const stderr = this.stderr();
    if (this.timedOut) {
      return new WorkerFailure(
        withStderr(timeoutReason(this.spec.timeoutMs), stderr, this.spec.harnessDir),
        "timeout",
        stderr,
      );
    }
    if (this.protocolProblem) {
      return new WorkerFailure(
        withStderr(`sent ${this.protocolProblem}`, stderr, this.spec.harnessDir),
        "protocol",
        stderr,
      );
    }
    if (this.tooOld !== null) {
      return new InputError(
        input,
        python,
        `is too old (${this.tooOld}); the harness needs 3.9 or newer`,
        fix,
      );
    }
    const { code, signal } = this.closedInfo ?? { code: null, signal: null };
    const how = signal ? signalReason(signal) : exitCodeReason(code ?? -1);
    if (this.hello === null) {
      const said = this.preamble.trim() || stderr.trim();
      return new InputError(
        input,
        python,
        `is not a working Python: it ${how.replace(" before finishing", "")} without starting the harness` +
          (said ? `, saying ${snippet(said, 160)}` : ""),
        fix,
      );
    }
    return new WorkerFailure(
      withStderr(how, stderr, this.spec.harnessDir),
      signal ? "signal" : "exit-code",
      stderr,
    );
  }
}
