/** Lines that finish out of order come out in suite order. */
import { describe, expect, it } from "vitest";
import { orderedLines } from "../../src/modes/run/ordered-lines.js";

describe("orderedLines", () => {
  it("holds a line until every earlier one is out", () => {
    const out: string[] = [];
    const lines = orderedLines((line) => out.push(line));
    lines.add(2, "[3/4] c");
    lines.add(1, "[2/4] b");
    expect(out).toEqual([]);
    lines.add(0, "[1/4] a");
    expect(out).toEqual(["[1/4] a", "[2/4] b", "[3/4] c"]);
    lines.add(3, "[4/4] d");
    expect(out).toEqual(["[1/4] a", "[2/4] b", "[3/4] c", "[4/4] d"]);
  });

  it("lets out what still waits, in order, when the run ends with a gap", () => {
    const out: string[] = [];
    const lines = orderedLines((line) => out.push(line));
    lines.add(3, "[4/4] d");
    lines.add(1, "[2/4] b");
    lines.flush();
    expect(out).toEqual(["[2/4] b", "[4/4] d"]);
  });
});
