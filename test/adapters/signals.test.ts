/**
 * The signal wiring both entries share: the first signal aborts `stop`, the
 * next ones `urgent` and then call the entry's own exit. The handlers are
 * called directly, so the test runner's own signal handling is never reached.
 */
import { afterEach, describe, expect, it } from "vitest";
import { handleStopSignals, STOP_SIGNALS, type StopSignals } from "../../src/adapters/signals.js";

let wired: StopSignals | null = null;
afterEach(() => wired?.dispose());

function added(before: Map<string, readonly unknown[]>, signal: string): () => void {
  const fresh = process
    .listeners(signal as NodeJS.Signals)
    .filter((l) => !before.get(signal)?.includes(l));
  expect(fresh).toHaveLength(1);
  return fresh[0] as () => void;
}

describe("handleStopSignals", () => {
  it("aborts stop on the first signal and urgent, then the entry's exit, on the second", () => {
    const before = new Map(STOP_SIGNALS.map((s) => [s, process.listeners(s)] as const));
    const seen: string[] = [];
    wired = handleStopSignals({
      onSignal: (signal, count) => seen.push(`${signal} ${count}`),
      onAgain: (signal) => seen.push(`again ${signal}`),
    });
    added(before, "SIGTERM")();
    expect(wired.stop.aborted).toBe(true);
    expect(wired.stop.reason).toBe("SIGTERM");
    expect(wired.urgent.aborted).toBe(false);
    added(before, "SIGINT")();
    expect(wired.urgent.aborted).toBe(true);
    expect(wired.urgent.reason).toBe("SIGINT");
    expect(seen).toEqual(["SIGTERM 1", "SIGINT 2", "again SIGINT"]);
  });

  it("removes its handlers when disposed", () => {
    const before = STOP_SIGNALS.map((s) => process.listenerCount(s));
    const signals = handleStopSignals({ onAgain: () => undefined });
    expect(STOP_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before.map((n) => n + 1));
    signals.dispose();
    expect(STOP_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before);
  });
});
