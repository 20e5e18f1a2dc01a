/**
 * docs/profile.svg, as `jit-bench run --profile` drew it for the bundled
 * suite (see docs/profiling.md for the command): self-contained, and alive
 * in a real browser when opened from the file. The screenshot is kept in
 * test-output/flamegraph/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INNER_WIDTH, SVG_GEOMETRY } from "../../src/core/flamegraph/svg.js";
import { drawnFrames } from "./svg-frames.js";

const REPO = resolve(import.meta.dirname, "..", "..");
const SVG = join(REPO, "docs", "profile.svg");
const OUTPUT = join(REPO, "test-output", "flamegraph");
const HELPER = "bench_chat:count_tokens";

const text = readFileSync(SVG, "utf8");

describe("docs/profile.svg", () => {
  it("is a graph of the bundled suite's context assembly, with nothing loaded from elsewhere", () => {
    expect(text).toContain("<title>bench_context_assembly: JIT off (PYTHON_JIT=0)</title>");
    expect(text).not.toMatch(/\b(?:href|src)\s*=/);
    const names = drawnFrames(text).map((frame) => frame.name);
    expect(names).toContain("bench_chat:bench_context_assembly");
    expect(names).toContain(HELPER);
  });
});

describe("docs/profile.svg in Chromium", () => {
  let context: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), "jit-bench-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      viewport: { width: SVG_GEOMETRY.width, height: 400 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("shows the helper's numbers on hover and zooms to it on a click", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(SVG).href);
    expect(await page.evaluate("document.documentElement.localName")).toBe("svg");
    expect(errors).toEqual([]);

    const helper = page.locator(`g.f[data-n=${JSON.stringify(HELPER)}]`);
    const title = await helper.locator("title").textContent();
    expect(title).toMatch(/^bench_chat:count_tokens: \d+ samples, [\d.]+% \(own code/);
    await helper.locator("rect").hover();
    expect(await page.locator("#details").textContent()).toBe(title);

    const width = async () => Number(await helper.locator("rect").getAttribute("width"));
    expect(await width()).toBeLessThan(INNER_WIDTH);
    await helper.locator("rect").click();
    expect(await width()).toBeCloseTo(INNER_WIDTH, 1);
    expect(await page.locator("#reset").isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "docs-profile.zoomed.png") });
    await page.close();
  });
});
