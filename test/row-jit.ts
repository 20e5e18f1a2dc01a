/** Row JIT states for tests that build comparison rows by hand. */
import type { RowJit, RowJitState } from "../src/core/compare/engagement.js";

export function rowJitOf(state: RowJitState, executors: number | null = null): RowJit {
  return {
    state,
    executors,
    engagedProcesses: state === "engaged" ? 1 : 0,
    scannedProcesses: state === "engaged" || state === "idle" ? 1 : 0,
    timingLoopExecutors: null,
    hotspots: [],
    proof: "sys._jit + _opcode.get_executor",
    loopShare: null,
  };
}
