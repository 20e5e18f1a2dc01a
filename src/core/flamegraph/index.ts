export {
  type BenchmarkFlameGraphs,
  flameGraphsFor,
  GRAPH_KINDS,
  type GraphKind,
  TOP_CHANGES,
} from "./benchmark.js";
export {
  describeTopChanges,
  type FrameChange,
  formatPoints,
  noJitReading,
  selfShares,
  shareChanges,
  topChanges,
} from "./changes.js";
export {
  formatCollapsed,
  PROFILE_LIMITS,
  type Profile,
  parseCollapsed,
  profileFromCounts,
  type StackCount,
} from "./collapsed.js";
export { escapeXml } from "./escape.js";
export {
  DEFAULT_MIN_SAMPLES,
  type FlameGraphOptions,
  type FlameGraphOutcome,
  legTitle,
  renderDiffFlameGraph,
  renderFlameGraph,
} from "./render.js";
export { suiteProfile } from "./suite.js";
