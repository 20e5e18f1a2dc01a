import { describe, expect, it } from "vitest";
import {
  parseCollapsed,
  renderDiffFlameGraph,
  renderFlameGraph,
} from "../../src/core/flamegraph/index.js";
import { INNER_WIDTH, SVG_GEOMETRY } from "../../src/core/flamegraph/svg.js";
import { drawnFrames, frameNamed, rgb } from "./svg-frames.js";

function svgOf(outcome: ReturnType<typeof renderFlameGraph>): string {
  if (outcome.kind !== "svg") throw new Error(`expected an SVG, got a note: ${outcome.note}`);
  return outcome.svg;
}

describe("renderFlameGraph", () => {
  it("escapes hostile frame names and titles everywhere they appear", () => {
    const hostile = [
      "<script>alert(1)</script>",
      "a&b \"quoted\" 'single'",
      "]]><evil/>",
      "ctrl\u0001char",
    ];
    const text = hostile.map((name) => `bench;${name} 10`).join("\n");
    const svg = svgOf(
      renderFlameGraph(parseCollapsed(text, "hostile"), { title: "<b>&title</b>" }),
    );
    // Our own script is the only one, and no hostile markup survives as markup.
    expect(svg.match(/<script/g)).toHaveLength(1);
    expect(svg).not.toContain("<evil");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain("\u0001");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(svg).toContain("a&amp;b &quot;quoted&quot; &#39;single&#39;");
    expect(svg).toContain("&lt;b&gt;&amp;title&lt;/b&gt;");
    // Read back, every name is intact (the control character aside, which XML cannot carry).
    const names = drawnFrames(svg).map((frame) => frame.name);
    for (const name of hostile.slice(0, 3)) expect(names).toContain(name);
    expect(names).toContain("ctrl\uFFFDchar");
  });

  it("gives every frame a width in proportion to its samples", () => {
    const profile = parseCollapsed("main;big 60\nmain;small 20\nmain;big;inner 15\nother 5", "p");
    const svg = svgOf(renderFlameGraph(profile, { title: "t" }));
    const frames = drawnFrames(svg);
    const width = (name: string) => frameNamed(svg, name).width;
    expect(width("all")).toBeCloseTo(INNER_WIDTH, 1);
    expect(width("main")).toBeCloseTo(INNER_WIDTH * 0.95, 1);
    expect(width("big")).toBeCloseTo(INNER_WIDTH * 0.75, 1);
    expect(width("small")).toBeCloseTo(INNER_WIDTH * 0.2, 1);
    expect(width("inner")).toBeCloseTo(INNER_WIDTH * 0.15, 1);
    expect(width("other")).toBeCloseTo(INNER_WIDTH * 0.05, 1);
    // Siblings sit side by side in name order, children start at their parent's left edge.
    expect(frameNamed(svg, "big").x).toBeCloseTo(SVG_GEOMETRY.pad, 1);
    expect(frameNamed(svg, "small").x).toBeCloseTo(SVG_GEOMETRY.pad + INNER_WIDTH * 0.75, 1);
    expect(frameNamed(svg, "inner").x).toBeCloseTo(frameNamed(svg, "big").x, 1);
    expect(frames.map((f) => f.depth).sort()).toEqual([0, 1, 1, 2, 2, 3]);
    expect(frameNamed(svg, "big").title).toBe("big: 75 samples, 75.0% (own code 60, 60.0%)");
  });

  it("cuts labels that do not fit and keeps the full name in the title", () => {
    const long = `module:${"x".repeat(300)}`;
    const svg = svgOf(renderFlameGraph(parseCollapsed(`${long} 1\nshort 99`, "p"), { title: "t" }));
    const frame = frameNamed(svg, long);
    expect(frame.label).toBe("");
    expect(frame.title.startsWith(long)).toBe(true);
    expect(frameNamed(svg, "short").label).toBe("short");
  });

  it("gives a note instead of an SVG when there are too few samples", () => {
    const outcome = renderFlameGraph(parseCollapsed("a;b 3\na 2", "p"), { title: "bench_tiny" });
    expect(outcome).toMatchObject({ kind: "note", samples: 5 });
    if (outcome.kind !== "note") return;
    expect(outcome.note).toContain("bench_tiny");
    expect(outcome.note).toContain("only 5 stack samples");
    expect(outcome.note).toContain("20");
    const enough = renderFlameGraph(parseCollapsed("a;b 3\na 2", "p"), {
      title: "t",
      minSamples: 5,
    });
    expect(enough.kind).toBe("svg");
  });

  it("leaves out the narrowest frames when there are too many, never an ancestor", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `root;mid${i};leaf${i} ${i + 1}`);
    const outcome = renderFlameGraph(parseCollapsed(lines.join("\n"), "p"), {
      title: "t",
      maxFrames: 20,
    });
    if (outcome.kind !== "svg") throw new Error("expected an SVG");
    const names = new Set(drawnFrames(outcome.svg).map((f) => f.name));
    expect(names.size).toBe(20);
    expect(outcome.omitted).toBe(102 - 20);
    expect(names.has("leaf49")).toBe(true);
    for (const name of names) {
      const leaf = /^leaf(\d+)$/.exec(name);
      if (leaf) expect(names.has(`mid${leaf[1]}`)).toBe(true);
    }
    expect(outcome.svg).toContain("82 frames too narrow to draw are left out");
  });
});

describe("renderDiffFlameGraph", () => {
  const off = parseCollapsed("main;grew 10\nmain;shrank 60\nmain;same 30", "off");
  const on = parseCollapsed("main;grew 40\nmain;shrank 30\nmain;same 30", "on");

  it("colours frames red when their share grew and blue when it shrank", () => {
    const svg = svgOf(renderDiffFlameGraph(off, on, { title: "diff" }));
    const [gr, gg, gb] = rgb(frameNamed(svg, "grew").fill);
    const [sr, sg, sb] = rgb(frameNamed(svg, "shrank").fill);
    const [nr, ng, nb] = rgb(frameNamed(svg, "same").fill);
    expect(gr).toBeGreaterThan(gb + 100);
    expect(gr).toBeGreaterThan(gg + 100);
    expect(sb).toBeGreaterThan(sr + 100);
    expect(sb).toBeGreaterThan(sg + 100);
    expect(nr).toBe(nb);
    expect(nr).toBe(ng);
    expect(frameNamed(svg, "grew").title).toContain("+30.0 points");
    expect(frameNamed(svg, "shrank").title).toContain("-30.0 points");
    // Widths are the JIT-on profile's.
    expect(frameNamed(svg, "grew").width).toBeCloseTo(INNER_WIDTH * 0.4, 1);
    expect(svg).toContain("share grew under the JIT");
  });

  it("colours a small change paler than a large one, and a graph where little moved pale", () => {
    const before = parseCollapsed("m;a 10\nm;b 40\nm;c 50", "off");
    const after = parseCollapsed("m;a 40\nm;b 50\nm;c 10", "on");
    const svg = svgOf(renderDiffFlameGraph(before, after, { title: "d" }));
    // a grew by 30 points, b by 10: both red, a the more saturated (less green and blue).
    const [, aGreen] = rgb(frameNamed(svg, "a").fill);
    const [bRed, bGreen, bBlue] = rgb(frameNamed(svg, "b").fill);
    expect(bRed).toBeGreaterThan(bBlue);
    expect(aGreen).toBeLessThan(bGreen);
    // Half a point is the largest change here: it must not be drawn at full strength.
    const calmOff = parseCollapsed("m;a 500\nm;b 500", "off");
    const calmOn = parseCollapsed("m;a 505\nm;b 495", "on");
    const calm = svgOf(renderDiffFlameGraph(calmOff, calmOn, { title: "d" }));
    const [, calmGreen] = rgb(frameNamed(calm, "a").fill);
    expect(calmGreen).toBeGreaterThan(100);
  });

  it("names the leg that has too few samples", () => {
    const short = parseCollapsed("main;grew 3", "on");
    const outcome = renderDiffFlameGraph(off, short, { title: "bench_x" });
    expect(outcome.kind).toBe("note");
    if (outcome.kind === "note") expect(outcome.note).toContain("bench_x (JIT on): only 3");
  });
});
