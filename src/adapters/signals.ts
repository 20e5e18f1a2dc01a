/**
 * Stopping on a signal, for both entries. The first SIGINT, SIGTERM or
 * SIGHUP (a cancelled job gets SIGTERM, a terminal Ctrl-C SIGINT) aborts
 * `stop`: measure no more, keep what was measured. A second aborts `urgent`,
 * whose listeners write the results measured so far synchronously, and then
 * the entry ends the process its own way.
 */

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export interface SignalHooks {
  /** Each signal, before anything is aborted; `count` is 1 for the first. */
  readonly onSignal?: (signal: StopSignal, count: number) => void;
  /** Every signal after the first, once `urgent` is aborted: ends the process. */
  readonly onAgain: (signal: StopSignal) => void;
}

export interface StopSignals {
  /** Aborted by the first signal: start nothing new, keep what was measured. */
  readonly stop: AbortSignal;
  /** Aborted by the second: write what was measured now, synchronously. */
  readonly urgent: AbortSignal;
  /** Removes the handlers: the process reacts to signals as before. */
  dispose(): void;
}

export function handleStopSignals(hooks: SignalHooks): StopSignals {
  const stop = new AbortController();
  const urgent = new AbortController();
  let count = 0;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      count += 1;
      hooks.onSignal?.(signal, count);
      if (count === 1) {
        stop.abort(signal);
        return;
      }
      urgent.abort(signal);
      hooks.onAgain(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    stop: stop.signal,
    urgent: urgent.signal,
    dispose: () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}
