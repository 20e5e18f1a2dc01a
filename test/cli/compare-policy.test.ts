/** The compare command's policy flags, read as percentages over the defaults. */
import { describe, expect, it } from "vitest";
import { policyFromFlags } from "../../src/cli/compare.js";

describe("policyFromFlags", () => {
  it("fills in the defaults", () => {
    expect(policyFromFlags({})).toEqual({
      threshold: 0.05,
      maxRegression: 0.1,
      maxMemoryGrowth: 0.2,
    });
    expect(policyFromFlags({ threshold: "3%", maxMemoryGrowth: "50" })).toEqual({
      threshold: 0.03,
      maxRegression: 0.1,
      maxMemoryGrowth: 0.5,
    });
  });
});
