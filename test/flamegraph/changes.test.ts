import { describe, expect, it } from "vitest";
import {
  describeTopChanges,
  parseCollapsed,
  shareChanges,
  topChanges,
} from "../../src/core/flamegraph/index.js";

// Shares of samples ending in each frame. off: a 10%, b 20%, c 30%, d 40%.
// on: a 30% (+20), b 25% (+5), c 30% (0), d 10% (-30), e 5% (+5, new).
const off = parseCollapsed("m;a 10\nm;b 20\nm;c 30\nm;d 40", "off");
const on = parseCollapsed("m;a 60\nm;b 50\nm;c 60\nm;d 20\nm;x;e 10", "on");

describe("topChanges", () => {
  it("lists the frames whose share grew most, biggest first, ties by name", () => {
    const top = topChanges(off, on, 3);
    expect(top.map((c) => c.frame)).toEqual(["a", "b", "e"]);
    expect(top[0]?.offShare).toBeCloseTo(0.1, 12);
    expect(top[0]?.onShare).toBeCloseTo(0.3, 12);
    expect(top[0]?.delta).toBeCloseTo(0.2, 12);
    expect(top[2]?.offShare).toBe(0);
  });

  it("never lists a frame that did not grow", () => {
    expect(topChanges(off, on, 10).map((c) => c.frame)).toEqual(["a", "b", "e"]);
    expect(topChanges(on, on, 3)).toEqual([]);
  });

  it("counts a frame's own samples wherever it was called from, not its callees", () => {
    const changes = shareChanges(
      parseCollapsed("p;f 50\nq;f 50", "off"),
      parseCollapsed("p;f 20\nq;f;g 80", "on"),
    );
    const byFrame = new Map(changes.map((c) => [c.frame, c]));
    expect(byFrame.get("f")?.delta).toBeCloseTo(-0.8, 12);
    expect(byFrame.get("g")?.delta).toBeCloseTo(0.8, 12);
    expect(byFrame.has("p")).toBe(false);
  });
});

describe("describeTopChanges", () => {
  it("reads as one line with the change and both shares", () => {
    expect(describeTopChanges(topChanges(off, on, 2))).toBe(
      "The 2 frames that grew most under the JIT: a (+20.0 points, 10.0% -> 30.0% of samples), " +
        "b (+5.0 points, 20.0% -> 25.0% of samples).",
    );
    expect(describeTopChanges(topChanges(off, on, 1))).toMatch(/^The frame that grew most/);
    expect(describeTopChanges([])).toBe("No frame's share of the samples grew under the JIT.");
  });
});
