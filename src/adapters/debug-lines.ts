/**
 * Debug lines only in debug mode. @actions/core writes every `core.debug`
 * message to stdout as a `::debug::` line, always; the runner hides them
 * unless its debug mode is on (RUNNER_DEBUG=1, set by the ACTIONS_STEP_DEBUG
 * secret or a re-run with debug logging). Outside a runner nothing hides
 * them, and @actions/artifact alone writes a dozen for each upload. Dropping
 * them at stdout, by the runner's own rule, covers our messages and the
 * libraries' alike, so a log reads the same on a runner and anywhere else.
 */
import * as core from "@actions/core";

const DEBUG_COMMAND = "::debug::";
const gated = new WeakSet<NodeJS.WritableStream>();

/**
 * From now on, `::debug::` lines written to `stream` are dropped unless
 * `isDebug()` says debug mode is on; it is asked at each line, so turning
 * debug mode on later takes effect. Once per stream: later calls do nothing.
 */
export function followRunnerDebugMode(
  stream: NodeJS.WritableStream = process.stdout,
  isDebug: () => boolean = core.isDebug,
): void {
  if (gated.has(stream)) return;
  gated.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((...args: unknown[]) => {
    if (!isDebugLine(args[0]) || isDebug()) return write(...args);
    // A dropped line counts as written: whoever waits on its callback goes on.
    const done = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (done !== undefined) process.nextTick(done);
    return true;
  }) as typeof stream.write;
}

/** @actions/core writes each workflow command, newline included, in one write. */
export function isDebugLine(chunk: unknown): boolean {
  if (typeof chunk === "string") return chunk.startsWith(DEBUG_COMMAND);
  if (chunk instanceof Uint8Array) {
    return (
      Buffer.from(
        chunk.buffer,
        chunk.byteOffset,
        Math.min(chunk.byteLength, DEBUG_COMMAND.length),
      ).toString("latin1") === DEBUG_COMMAND
    );
  }
  return false;
}
