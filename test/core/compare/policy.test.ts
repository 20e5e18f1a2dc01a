import { describe, expect, it } from "vitest";
import { parsePercent } from "../../../src/core/compare/policy.js";
import { InputError } from "../../../src/core/errors.js";

describe("parsePercent", () => {
  it('reads "5" and "5%" alike, as five percent', () => {
    expect(parsePercent("--threshold", "5")).toBe(0.05);
    expect(parsePercent("--threshold", "5%")).toBe(0.05);
    expect(parsePercent("--threshold", " 2.5 % ")).toBe(0.025);
    expect(parsePercent("--threshold", "0")).toBe(0);
    expect(parsePercent("--threshold", "0.5%")).toBe(0.005);
  });

  it("refuses a bare fraction, which could mean either, with the two readings in the message", () => {
    const attempt = () => parsePercent("--threshold", "0.05");
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      /--threshold: is ambiguous.*Write --threshold 5% for 5 percent, or --threshold 0\.05%/,
    );
  });

  it("shows the fix for an action input in a workflow's syntax", () => {
    expect(() => parsePercent("threshold", "0.05")).toThrow(
      /^threshold: is ambiguous.*Write threshold: 5% for 5 percent, or threshold: 0\.05%/,
    );
  });

  it("refuses what is not a percentage, in one line naming the flag and the value", () => {
    const attempt = () => parsePercent("--max-regression", "ten");
    expect(attempt).toThrow('--max-regression: is not a percentage (got "ten")');
    expect(() => parsePercent("--threshold", "-5")).toThrow(InputError);
  });
});
