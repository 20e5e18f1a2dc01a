import { describe, expect, it } from "vitest";
import {
  codeSpan,
  escapeLogText,
  escapeMarkdown,
  escapeTerminal,
  mermaidLabel,
} from "../../../src/core/render/escape.js";

describe("escapeMarkdown", () => {
  it("keeps a table cell one cell: pipes escaped, newlines gone", () => {
    const text = escapeMarkdown("a|b\nc\r\nd");
    expect(text).toBe("a\\|b c d");
  });

  it("starts no math, and links no issue or commit GitHub would find in plain text", () => {
    const zw = "\u200b";
    expect(escapeMarkdown("$\\sqrt{x}$")).toBe("\\$\\\\sqrt\\{x\\}\\$");
    expect(escapeMarkdown("fixes GH-1")).toBe(`fixes GH-${zw}1`);
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const shown = escapeMarkdown(sha);
    // No run of seven hex digits is left, and removing the breaks gives the text back.
    expect(shown).not.toMatch(/[0-9a-f]{7}/i);
    expect(shown.replaceAll(zw, "")).toBe(sha);
    expect(escapeMarkdown("bench_abc12")).toBe("bench\\_abc12");
  });

  it("turns tags into text", () => {
    expect(escapeMarkdown("<img src=x onerror=alert(1)>")).toBe(
      "&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(escapeMarkdown("a & b")).toBe("a &amp; b");
  });

  it("opens no link, image, code span or emphasis", () => {
    const text = escapeMarkdown("[x](javascript:alert(1)) ![i](u) `code` *em* _em_ ~~s~~");
    expect(text).not.toMatch(/(?<!\\)[[\]`*_~]/);
    // With both brackets escaped, the parentheses after them open nothing.
    expect(text).toContain("\\[x\\](javascript\\:alert(1))");
  });

  it("escapes a scheme's colon and leaves times, labels and parentheses readable", () => {
    expect(escapeMarkdown("Intel(R) Xeon(R) at 2026-12-04T16:18:19, note: ok")).toBe(
      "Intel(R) Xeon(R) at 2026-12-04T16:18:19, note: ok",
    );
    expect(escapeMarkdown("https://evil.example mailto:a javascript:x")).toBe(
      "https\\://evil.example mailto\\:a javascript\\:x",
    );
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

describe("escapeTerminal", () => {
  it("shows every control character as an escape, so the text stays on its line", () => {
    expect(escapeTerminal("a\nb\r\tc")).toBe("a\\nb\\r\\tc");
    expect(escapeTerminal("\u001b[31mred\u001b]8;;u\u0007")).toBe("\\x1b[31mred\\x1b]8;;u\\x07");
    expect(escapeTerminal("\u009b1m \u0085")).toBe("\\x9b1m \\x85");
    expect(escapeTerminal("a\u202eb\u2066c\u2028")).toBe("a\\u202eb\\u2066c\\u2028");
  });

  it("leaves ordinary text, symbols and other scripts alone", () => {
    expect(escapeTerminal("bench_ü ✓ ≈ ±1.3% ключ 名前")).toBe("bench_ü ✓ ≈ ±1.3% ключ 名前");
  });
});

describe("escapeLogText", () => {
  it("breaks a workflow command at the start of any line, after spaces too", () => {
    const text = escapeLogText("name\n::error::x\n  ::add-mask::y\r\n::warning file=a::z");
    const lines = text.split("\n");
    expect(lines).toEqual([
      "name",
      ":\u200b:error::x",
      "  :\u200b:add-mask::y",
      ":\u200b:warning file=a::z",
    ]);
  });

  it("breaks a legacy ##[command] anywhere in a line, and keeps mid-line colons", () => {
    expect(escapeLogText("a ##[error]b")).toBe("a ##\u200b[error]b");
    expect(escapeLogText("ratio: 1.2x :: fine")).toBe("ratio: 1.2x :: fine");
  });

  it("lets no carriage return rewrite a line", () => {
    expect(escapeLogText("ok\r::error::x")).toBe("ok\\r::error::x");
  });
});

describe("codeSpan", () => {
  it("outgrows any backtick run, so the text cannot close the span", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
  });

  it("keeps the span on one line", () => {
    expect(codeSpan("a\n# Heading\r\nb")).toBe("`a # Heading  b`");
  });
});
