import { describe, expect, it } from "vitest";
import {
  formatCollapsed,
  PROFILE_LIMITS,
  parseCollapsed,
  profileFromCounts,
} from "../../src/core/flamegraph/index.js";
import { inputError } from "../input-error.js";

describe("parseCollapsed", () => {
  it("reads stacks root first, merges repeated lines and sorts", () => {
    const profile = parseCollapsed("b;c 2\r\na;b c 3\n\nb;c 5\n", "p.collapsed");
    expect(profile.total).toBe(10);
    expect(profile.stacks).toEqual([
      { frames: ["a", "b c"], count: 3 },
      { frames: ["b", "c"], count: 7 },
    ]);
  });

  it("round-trips through formatCollapsed", () => {
    const text = "m:a;m:b 4\nm:a;m:c 1\n";
    expect(formatCollapsed(parseCollapsed(text, "p"))).toBe(text);
  });

  it.each([
    ["a;b 0", "must be a positive whole number"],
    ["a;b -3", "must be a positive whole number"],
    ["a;b 1.5", "must be a positive whole number"],
    ["a;b many", "must be a positive whole number"],
    ["a;b 99999999999999999999", "must be a positive whole number"],
    ["a;;b 1", "has an empty frame name"],
    ["justonefield", "is not `frame;frame;leaf count`"],
  ])("rejects %j and names the line", (line, problem) => {
    const error = inputError(() => parseCollapsed(`ok 1\n${line}\n`, "leg.collapsed"));
    expect(error.input).toBe("leg.collapsed:2");
    expect(error.message).toContain(problem);
  });

  it("bounds the depth of a stack and the length of a name", () => {
    const deep = Array.from({ length: PROFILE_LIMITS.maxDepth + 1 }, (_, i) => `f${i}`).join(";");
    expect(inputError(() => parseCollapsed(`${deep} 1`, "p")).message).toContain(
      "frames, more than",
    );
    const long = "n".repeat(PROFILE_LIMITS.maxNameLength + 1);
    expect(inputError(() => parseCollapsed(`a;${long} 1`, "p")).message).toContain(
      "frame name longer than",
    );
  });

  it("bounds the number of distinct stacks", () => {
    const lines = Array.from({ length: PROFILE_LIMITS.maxStacks + 1 }, (_, i) => `s${i} 1`);
    const error = inputError(() => parseCollapsed(lines.join("\n"), "p"));
    expect(error.message).toContain(`more than ${PROFILE_LIMITS.maxStacks} distinct stacks`);
  });

  it("bounds the total number of samples", () => {
    const error = inputError(() => parseCollapsed(`a ${PROFILE_LIMITS.maxTotal}\nb 1`, "p"));
    expect(error.message).toContain("samples");
  });
});

describe("profileFromCounts", () => {
  it("reads the stacks object a profiling process sends", () => {
    const profile = profileFromCounts({ "m:bench;m:helper": 9, "m:bench": 1 }, "profile.stacks");
    expect(profile.total).toBe(10);
    expect(profile.stacks.map((s) => s.frames)).toEqual([["m:bench"], ["m:bench", "m:helper"]]);
  });

  it.each([
    [[], "must be an object"],
    [null, "must be an object"],
    [{ a: "3" }, "positive whole number"],
    [{ a: 0 }, "positive whole number"],
    [{ a: 2.5 }, "positive whole number"],
    [{ "a;": 1 }, "empty frame name"],
  ])("rejects %j", (raw, problem) => {
    expect(inputError(() => profileFromCounts(raw, "profile.stacks")).message).toContain(problem);
  });
});
