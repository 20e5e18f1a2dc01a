/**
 * The harness as a typed client: spawns one HarnessProcess for a call, and
 * reads its messages as the types the call expects. An error message from
 * the harness becomes InputError (for the root) or WorkerFailure.
 */
import { harnessDir } from "../../adapters/install-paths.js";
import { InputError } from "../../core/errors.js";
import type { MessageOf, MessageType } from "../protocol.js";
import { HarnessProcess, WorkerFailure } from "./process.js";
import { errorReason, skipReason } from "./reasons.js";

export interface WorkerOptions {
  /** argv prefix: ["python3"], ["/usr/bin/python3.11"], or ["docker", "run", ..., "python"]. */
  python: readonly string[];
  /** Project root: the harness enters it and puts it first on sys.path. */
  root: string;
  /** Extra environment, e.g. { PYTHON_JIT: "0" }; the rest is inherited from process.env. */
  env: Readonly<Record<string, string>>;
  /** Wall-clock limit for the whole process, in milliseconds. */
  timeoutMs: number;
  /** Default: harnessDir() from adapters/install-paths.ts. */
  harnessDir?: string;
  /**
   * How errors name the setting that chose `python` (`--python`, `python`,
   * `jit-bench.yml: python`). Default: `python`.
   */
  pythonInput?: string;
}

/** A HarnessProcess with typed expectations: the next message must be `type`, or it is a failure. */
export class Client {
  constructor(
    private readonly proc: HarnessProcess,
    private readonly root: string,
  ) {}

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get helloMessage(): MessageOf<"hello"> | null {
    return this.proc.helloMessage;
  }

  get closed(): Promise<void> {
    return this.proc.closed;
  }

  stderr(): string {
    return this.proc.stderr();
  }

  async expect<T extends MessageType>(type: T): Promise<MessageOf<T>> {
    const message = await this.proc.next();
    if (message.type === type) return message as MessageOf<T>;
    if (message.type === "error") {
      if (message.kind === "root") {
        this.proc.kill();
        throw new InputError(
          "root",
          this.root,
          `cannot be entered by the Python that runs the benchmarks (${message.message})`,
          "Pass the project root as a folder that exists where that Python runs.",
        );
      }
      const { kind, reason } = errorReason(message);
      const skip = skipReason(message);
      // The process ends by itself after an error; wait for it, so that no process outlives the call.
      await this.end();
      throw new WorkerFailure(skip ?? reason, kind, this.proc.stderr(), skip !== null);
    }
    const failure = this.proc.fail(`a "${message.type}" message where "${type}" was expected`);
    await this.end();
    throw failure;
  }

  send(line: string): void {
    this.proc.send(line);
  }

  /** Waits for the process to end (the wall-clock limit still applies) and its group to be gone. */
  async end(): Promise<void> {
    await this.proc.closed;
  }

  kill(): void {
    this.proc.kill();
  }
}

/** Spawns the harness for one call; `interactive` keeps stdin open for commands. */
export function start(
  opts: WorkerOptions,
  command: string,
  request: unknown,
  interactive: boolean,
): Client {
  const proc = new HarnessProcess({
    python: opts.python,
    pythonInput: opts.pythonInput ?? "python",
    harnessDir: opts.harnessDir ?? harnessDir(),
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    command,
    request,
    interactive,
  });
  return new Client(proc, opts.root);
}
