import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitMarkdown, sizeOf } from "../../src/core/fit-markdown.js";

const note = (omitted: number) => `\n[cut ${omitted}]`;

describe("fitMarkdown", () => {
  it("leaves text that fits alone", () => {
    expect(fitMarkdown("short", 5, "chars", note)).toEqual({
      text: "short",
      truncated: false,
      omitted: 0,
    });
  });

  it("cuts at a line break and reports what it left out", () => {
    const text = "line one\nline two\nline three\n";
    const fitted = fitMarkdown(text, 24, "chars", note);
    expect(fitted.text).toBe("line one\n\n[cut 20]");
    expect(fitted.omitted).toBe(text.length - "line one\n".length);
  });

  it("closes a code fence left open by the cut", () => {
    const text = `intro\n\`\`\`text\n${"row\n".repeat(50)}\`\`\`\nafter\n`;
    const fitted = fitMarkdown(text, 80, "chars", note);
    expect(fitted.text).toMatch(/row\n\n```\n\[cut \d+\]$/);
    expect(fitted.text.length).toBeLessThanOrEqual(80);
  });

  it("closes a tilde fence with tildes", () => {
    const text = `~~~\n${"```\n".repeat(3)}${"x\n".repeat(60)}~~~\n`;
    expect(fitMarkdown(text, 60, "chars", note).text).toMatch(/\n~~~\n\[cut \d+\]$/);
  });

  it("never splits a surrogate pair or a UTF-8 sequence", () => {
    const emoji = "😀".repeat(40);
    const chars = fitMarkdown(emoji, 31, "chars", note).text;
    expect(chars).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const bytes = fitMarkdown("é".repeat(100), 41, "utf8-bytes", note).text;
    expect(bytes).not.toContain("\ufffd");
    expect(sizeOf(bytes, "utf8-bytes")).toBeLessThanOrEqual(41);
  });

  it("never exceeds the limit, in either unit", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "\n", "é", "😀", "`", "~", "|"), maxLength: 400 }),
        fc.integer({ min: 40, max: 300 }),
        fc.constantFrom("chars" as const, "utf8-bytes" as const),
        (text, limit, unit) => {
          const fitted = fitMarkdown(text, limit, unit, note);
          expect(sizeOf(fitted.text, unit)).toBeLessThanOrEqual(limit);
          expect(fitted.truncated).toBe(sizeOf(text, unit) > limit);
          if (!fitted.truncated) expect(fitted.text).toBe(text);
        },
      ),
    );
  });

  it("refuses a limit too small for its note", () => {
    expect(() => fitMarkdown("x".repeat(100), 5, "chars", note)).toThrow(/too small/);
  });
});
