import { describe, expect, it } from "vitest";
import { escapeMarkdown, mermaidLabel } from "../../../src/core/render/escape.js";

describe("escapeMarkdown", () => {
  it("keeps a table cell one cell: pipes escaped, newlines gone", () => {
    const text = escapeMarkdown("a|b\nc\r\nd");
    expect(text).toBe("a\\|b c d");
  });

  it("turns tags into text", () => {
    expect(escapeMarkdown("<img src=x onerror=alert(1)>")).toBe(
      "&lt;img src=x onerror=alert\\(1\\)&gt;",
    );
    expect(escapeMarkdown("a & b")).toBe("a &amp; b");
  });

  it("opens no link, image, code span or emphasis", () => {
    const text = escapeMarkdown("[x](javascript:alert(1)) ![i](u) `code` *em* _em_ ~~s~~");
    expect(text).not.toMatch(/(?<!\\)[[\]()`*_~]/);
    expect(text).toContain("\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
  });

  it("pings nobody and links no issue", () => {
    expect(escapeMarkdown("@octocat fixes #12")).toBe("@\u200boctocat fixes \\#\u200b12");
  });

  it("drops control characters", () => {
    expect(escapeMarkdown("a\u0000b\u001bc")).toBe("abc");
  });
});

describe("mermaidLabel", () => {
  it("keeps only characters that cannot end the quoted label or the code fence", () => {
    expect(mermaidLabel('bench_"x"`y`')).toBe("bench__x__y_");
    expect(mermaidLabel("a".repeat(40)).length).toBe(28);
  });
});
