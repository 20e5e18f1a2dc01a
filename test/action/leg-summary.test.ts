import { describe, expect, it } from "vitest";
import { jitProof, renderLegSummary } from "../../src/action/leg-summary.js";
import type { LegResults } from "../../src/core/results.js";
import { JIT_ACTIVE, JIT_OFF, NO_JIT_BUILD } from "../core/compare/synthetic.js";
import { resultsFile } from "./synthetic-results.js";

function leg(leg: "off" | "on", jit: LegResults["jit"]): LegResults {
  const results = resultsFile(1).legs[leg];
  if (!results) throw new Error("no leg");
  return { ...results, jit };
}

describe("jitProof", () => {
  it("says plainly when the interpreter has no JIT", () => {
    for (const side of ["off", "on"] as const) {
      expect(jitProof(leg(side, NO_JIT_BUILD))).toBe(
        "JIT compiled in: no — this leg measured the plain interpreter.",
      );
    }
  });

  it("tells a JIT-off leg that kept it off from one where it was on anyway", () => {
    expect(jitProof(leg("off", JIT_OFF))).toBe(
      "JIT compiled in: yes — PYTHON_JIT=0 kept it off in this leg.",
    );
    expect(jitProof(leg("off", JIT_ACTIVE))).toMatch(/did not measure the plain interpreter/);
  });

  it("counts the benchmarks the JIT compiled code for, and the idle ones", () => {
    const on = leg("on", JIT_ACTIVE);
    // As the synthetic legs are built: 2 executors in every JIT-on process.
    expect(jitProof(on)).toBe(
      "JIT compiled in: yes — enabled; it compiled code for 6 of 6 benchmarks.",
    );
    const idle = on.benchmarks.map((b, i) =>
      i < 2
        ? b
        : {
            ...b,
            processes: b.processes.map((p) =>
              p.engagement
                ? { ...p, engagement: { ...p.engagement, executors: 0, hotspots: [] } }
                : p,
            ),
          },
    );
    expect(jitProof({ ...on, benchmarks: idle })).toBe(
      "JIT compiled in: yes — enabled; it compiled code for 2 of 6 benchmarks, 4 idle (no Python code hot enough to compile).",
    );
    expect(jitProof(leg("on", { ...JIT_ACTIVE, enabled: false }))).toMatch(/did not enable it/);
  });
});

describe("renderLegSummary", () => {
  it("names the leg, the shard, the artifact and every benchmark, escaping names", () => {
    const results = resultsFile(1);
    const on = results.legs.on;
    if (!on?.benchmarks[0]) throw new Error("no benchmarks");
    on.benchmarks[0] = { ...on.benchmarks[0], name: "bench_<b>|pipe" };
    const text = renderLegSummary({
      results,
      leg: "on",
      shard: { index: 2, count: 3 },
      image: "registry.example/app:prod",
      artifact: { name: "py314-jit-bench-on-shard-2-of-3", size: 2048 },
      resultsPath: ".jit-bench/results-on.json",
    });
    expect(text).toContain("### jit-bench: JIT-on leg (PYTHON_JIT=1) · shard 2 of 3");
    expect(text).toContain("in image `registry.example/app:prod`");
    expect(text).toContain("py314-jit-bench-on-shard-2-of-3");
    expect(text).toContain("bench\\_&lt;b&gt;\\|pipe");
    expect(text.split("\n").filter((l) => l.startsWith("| bench"))).toHaveLength(6);
  });
});
