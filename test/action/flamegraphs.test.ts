/**
 * The action's flame graph pieces, pure: which files go into a leg's
 * artifact, the run summary's line, and the compare summary's readings,
 * with hostile benchmark and frame names kept inert in markdown.
 */
import { describe, expect, it } from "vitest";
import {
  profileFilesOf,
  profileLegLine,
  type RecordedProfile,
  readingsFor,
  renderFlameGraphSection,
} from "../../src/action/flamegraph-report.js";
import { artifactRunUrl } from "../../src/action/flamegraphs.js";
import { parseCollapsed } from "../../src/core/flamegraph/index.js";
import type { BenchmarkResult, JitState, LegResults } from "../../src/core/results.js";

const JIT: JitState = {
  compiled: false,
  tier2: false,
  enabled: false,
  active: false,
  method: "unsupported",
  detail: "no JIT",
};

function benchmark(name: string, profile: BenchmarkResult["profile"]): BenchmarkResult {
  return {
    name,
    file: "b.py",
    async: false,
    status: "ok",
    reason: null,
    loops: 1,
    processes: [],
    failures: [],
    stats: null,
    summary: null,
    ...(profile ? { profile } : {}),
  };
}

function okProfile(stem: string, graphs: string[], notes: string[] = []) {
  return {
    role: "profile" as const,
    order: 9,
    status: "ok" as const,
    method: "sys._current_frames",
    intervalS: 0.001,
    seconds: 1,
    calls: 10,
    samples: 100,
    outside: 0,
    dropped: 0,
    stacks: `flamegraphs/${stem}.collapsed`,
    graphs,
    notes,
    jit: JIT,
  };
}

const LEG: LegResults = {
  leg: "on",
  pythonJit: "1",
  jit: JIT,
  benchmarks: [
    benchmark(
      "bench_a",
      okProfile("bench_a.on", ["flamegraphs/bench_a.on.svg", "flamegraphs/bench_a.diff.svg"]),
    ),
    benchmark("bench_short", okProfile("bench_short.on", [], ["too few samples"])),
    benchmark("bench_broken", { role: "profile", order: 3, status: "failed", reason: "raised X" }),
    benchmark("bench_plain", undefined),
  ],
};

describe("a leg's artifact and summary line", () => {
  it("takes every recorded stack file and graph, resolved against the results folder", () => {
    expect(profileFilesOf(LEG, "/out")).toEqual([
      "/out/flamegraphs/bench_a.on.collapsed",
      "/out/flamegraphs/bench_a.on.svg",
      "/out/flamegraphs/bench_a.diff.svg",
      "/out/flamegraphs/bench_short.on.collapsed",
    ]);
  });

  it("counts graphs, failures and notes in one line", () => {
    expect(profileLegLine(LEG)).toBe(
      "Flame graphs: 2 SVG files of 3 profiled benchmarks in the artifact's `flamegraphs/` folder, " +
        "taken in untimed processes; 1 profiling process failed, 1 graph not drawn (too few samples).",
    );
  });

  it("says nothing for a leg that was not profiled", () => {
    expect(profileLegLine({ ...LEG, benchmarks: [benchmark("bench_plain", undefined)] })).toBe("");
  });
});

const HOSTILE = "m:<img src=x onerror=alert(1)>|@team";

function recorded(text: string, graphs: string[] = []): RecordedProfile {
  return { profile: parseCollapsed(text, "test"), note: null, graphs };
}

describe("the compare job's readings", () => {
  const off = new Map<string, RecordedProfile>([
    ["bench_a", recorded("m:bench_a;m:grows 30\nm:bench_a;m:shrinks 70", ["bench_a.off.svg"])],
    ["bench_tiny", recorded("m:bench_tiny 5")],
    ["bench_off_only", recorded("m:x 50")],
    [`bench_${HOSTILE}`, recorded(`m:b;${HOSTILE} 10\nm:b;m:other 40`)],
  ]);
  const on = new Map<string, RecordedProfile>([
    ["bench_a", recorded("m:bench_a;m:grows 60\nm:bench_a;m:shrinks 40", ["bench_a.on.svg"])],
    ["bench_tiny", recorded("m:bench_tiny 5")],
    [`bench_${HOSTILE}`, recorded(`m:b;${HOSTILE} 30\nm:b;m:other 20`)],
    ["bench_failed_on", { profile: null, note: "profiling the JIT-on leg raised X", graphs: [] }],
  ]);
  const { readings, diffs } = readingsFor({ off, on });

  it("names the frames that grew, and draws a differential graph for each benchmark with both legs", () => {
    const a = readings.find((r) => r.benchmark === "bench_a");
    expect(a?.kind).toBe("changes");
    if (a?.kind !== "changes") return;
    expect(a.grew.map((c) => [c.frame, Number(c.delta.toFixed(2))])).toEqual([["m:grows", 0.3]]);
    expect(a.files).toEqual(["bench_a.off.svg", "bench_a.on.svg", "bench_a.diff.svg"]);
    expect(diffs.map((d) => d.benchmark)).toEqual(["bench_a", `bench_${HOSTILE}`]);
    expect(diffs[0]?.graphs.diff?.kind).toBe("svg");
  });

  it("gives a note instead when a leg is missing, failed, or has too few samples", () => {
    const notes = Object.fromEntries(
      readings
        .filter((r) => r.kind === "note")
        .map((r) => [r.benchmark, r.kind === "note" && r.note]),
    );
    expect(notes).toEqual({
      bench_tiny:
        "too few stack samples inside the benchmark to compare (JIT off 5, JIT on 5; a graph needs 20): profile for longer",
      bench_off_only: "the JIT-on leg was not profiled",
      bench_failed_on: "profiling the JIT-on leg raised X",
    });
  });

  it("renders one escaped line per benchmark, under links to the artifacts", () => {
    const markdown = renderFlameGraphSection({
      readings,
      artifacts: ["jit-bench-off", "jit-bench-on"],
      runUrl: "https://github.com/o/r/actions/runs/5",
      diffDir: ".jit-bench/flamegraphs",
    });
    expect(markdown).toContain(
      "in the `flamegraphs/` folder of the artifacts `jit-bench-off`, `jit-bench-on` of [the workflow run](https://github.com/o/r/actions/runs/5#artifacts).",
    );
    expect(markdown).toContain(
      "- **bench\\_a**: The frame that grew most under the JIT: m\\:grows (+30.0 points, 30.0% -&gt; 60.0% of samples). (`bench_a.off.svg`, `bench_a.on.svg`, `bench_a.diff.svg`)",
    );
    expect(markdown).not.toContain("<img");
    expect(markdown).not.toMatch(/@team/);
    expect(markdown).toContain("&lt;img src=x onerror=alert(1)&gt;\\|@\u200bteam");
  });

  it("keeps file and artifact names from the data inside their code spans", () => {
    const markdown = renderFlameGraphSection({
      readings: [
        {
          kind: "note",
          benchmark: "bench_x",
          note: "too few samples",
          files: ["a`<img src=x onerror=alert(1)>`.svg", "b\n# Heading.svg"],
        },
      ],
      artifacts: ["jit-bench-off`<b>x</b>`"],
      runUrl: null,
      diffDir: null,
    });
    expect(markdown).toContain("``a`<img src=x onerror=alert(1)>`.svg``");
    expect(markdown).toContain("`b # Heading.svg`");
    expect(markdown).toContain("`` jit-bench-off`<b>x</b>` ``");
    expect(markdown.split("\n").some((line) => line.startsWith("# Heading"))).toBe(false);
  });

  it("renders nothing when no benchmark was profiled", () => {
    const empty = readingsFor({ off: new Map(), on: new Map() });
    expect(empty.readings).toEqual([]);
    expect(
      renderFlameGraphSection({ readings: [], artifacts: [], runUrl: null, diffDir: null }),
    ).toBe("");
  });
});

describe("artifactRunUrl", () => {
  it("points at the run named by run-id, or at this run", () => {
    const here = "https://github.com/o/r/actions/runs/5";
    expect(artifactRunUrl(here, null)).toBe(here);
    expect(artifactRunUrl(here, 77)).toBe("https://github.com/o/r/actions/runs/77");
    expect(artifactRunUrl(null, 77)).toBeNull();
  });
});
