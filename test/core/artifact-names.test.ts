import { describe, expect, it } from "vitest";
import {
  artifactName,
  legArtifacts,
  MissingArtifactError,
  parseArtifactName,
  requireLegArtifacts,
} from "../../src/core/artifact-names.js";
import { InputError } from "../../src/core/errors.js";

describe("artifactName", () => {
  it("joins prefix, leg and shard", () => {
    expect(artifactName({ prefix: "", leg: "off", shard: null })).toBe("jit-bench-off");
    expect(artifactName({ prefix: "py313-", leg: "on", shard: { index: 2, count: 3 } })).toBe(
      "py313-jit-bench-on-shard-2-of-3",
    );
  });

  it.each(["a/b", "a b", "x:y", "é", "x".repeat(101)])("refuses the prefix %j", (prefix) => {
    expect(() => artifactName({ prefix, leg: "on", shard: null })).toThrow(InputError);
  });

  it.each([
    [0, 3],
    [4, 3],
    [1.5, 3],
  ])("refuses shard %i of %i", (index, count) => {
    expect(() => artifactName({ prefix: "", leg: "on", shard: { index, count } })).toThrow(
      /1 <= i <= n/,
    );
  });

  it("round-trips through parseArtifactName", () => {
    for (const parts of [
      { prefix: "", leg: "off" as const, shard: null },
      { prefix: "nightly.", leg: "on" as const, shard: { index: 10, count: 12 } },
    ]) {
      expect(parseArtifactName(artifactName(parts), parts.prefix)).toEqual(parts);
    }
  });

  it.each([
    ["jit-bench-on", "py-"],
    ["py-jit-bench-maybe", "py-"],
    ["py-jit-bench-on-shard-3-of-2", "py-"],
    ["py-jit-bench-on-shard-01-of-2", "py-"],
    ["py-jit-bench-on-extra", "py-"],
  ])("does not parse %j with prefix %j", (name, prefix) => {
    expect(parseArtifactName(name, prefix)).toBeNull();
  });
});

describe("legArtifacts", () => {
  const others = ["jit-bench-off", "other-artifact", "py-jit-bench-on"];

  it("finds one unsharded leg", () => {
    expect(legArtifacts(others, "", "off")).toEqual({
      status: "complete",
      names: ["jit-bench-off"],
    });
  });

  it("puts a full shard set in shard order", () => {
    const names = [
      "jit-bench-on-shard-3-of-3",
      "jit-bench-on-shard-1-of-3",
      "jit-bench-on-shard-2-of-3",
    ];
    expect(legArtifacts([...others, ...names], "", "on")).toEqual({
      status: "complete",
      names: [
        "jit-bench-on-shard-1-of-3",
        "jit-bench-on-shard-2-of-3",
        "jit-bench-on-shard-3-of-3",
      ],
    });
  });

  it("names the missing shards", () => {
    const names = ["jit-bench-on-shard-1-of-4", "jit-bench-on-shard-3-of-4"];
    expect(legArtifacts(names, "", "on")).toEqual({
      status: "incomplete",
      count: 4,
      missing: ["jit-bench-on-shard-2-of-4", "jit-bench-on-shard-4-of-4"],
      present: names,
    });
  });

  it("reports a leg with no artifact and the name expected", () => {
    expect(legArtifacts(others, "py-", "off")).toEqual({
      status: "absent",
      expected: "py-jit-bench-off",
    });
  });

  it("flags shard sets that disagree on the count", () => {
    const names = ["jit-bench-on", "jit-bench-on-shard-1-of-2", "jit-bench-on-shard-2-of-2"];
    expect(legArtifacts(names, "", "on").status).toBe("conflicting");
    expect(
      legArtifacts(["jit-bench-on-shard-1-of-2", "jit-bench-on-shard-1-of-3"], "", "on").status,
    ).toBe("conflicting");
  });
});

describe("requireLegArtifacts", () => {
  it("returns the names of a complete leg", () => {
    expect(requireLegArtifacts(["jit-bench-on"], "", "on", "this workflow run")).toEqual([
      "jit-bench-on",
    ]);
  });

  it("throws an error naming what is missing and what exists", () => {
    const available = ["jit-bench-on-shard-2-of-2", "jit-bench-off"];
    const error = (() => {
      try {
        requireLegArtifacts(available, "", "on", "workflow run 42");
      } catch (e: unknown) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MissingArtifactError);
    expect((error as MissingArtifactError).expected).toEqual(["jit-bench-on-shard-1-of-2"]);
    expect((error as Error).message).toBe(
      'Artifact "jit-bench-on-shard-1-of-2" not found in workflow run 42; it has "jit-bench-on-shard-2-of-2", ' +
        '"jit-bench-off". Check that every run job finished and uploaded with the same artifact prefix and ' +
        "shard count, that compare runs after them, and that the artifacts have not expired.",
    );
  });

  it("says when a run has no artifacts at all", () => {
    expect(() => requireLegArtifacts([], "", "off", "this workflow run")).toThrow(
      /"jit-bench-off" not found in this workflow run; it has no artifacts/,
    );
  });
});
