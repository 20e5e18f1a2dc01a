/**
 * The SVGs in a real browser (Debian's Chromium, headless): loaded from a
 * file as a user opens them from an artifact, hovered, zoomed by a click and
 * reset. Screenshots go to test-output/flamegraph/ and are kept as artifacts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  parseCollapsed,
  renderDiffFlameGraph,
  renderFlameGraph,
} from "../../src/core/flamegraph/index.js";
import { INNER_WIDTH, SVG_GEOMETRY } from "../../src/core/flamegraph/svg.js";

const OUTPUT = resolve(import.meta.dirname, "..", "..", "test-output", "flamegraph");
const HOSTILE = `<img src=x onerror="alert('name')">`;

const off = parseCollapsed(
  ["m:bench;m:heavy;m:inner 300", "m:bench;m:heavy 300", "m:bench;m:light 400"].join("\n"),
  "off",
);
const on = parseCollapsed(
  [
    "m:bench;m:heavy;m:inner 500",
    "m:bench;m:heavy 300",
    "m:bench;m:light 150",
    `m:bench;${HOSTILE} 50`,
  ].join("\n"),
  "on",
);

function writeSvg(name: string, outcome: ReturnType<typeof renderFlameGraph>): string {
  if (outcome.kind !== "svg") throw new Error(outcome.note);
  const path = join(OUTPUT, name);
  writeFileSync(path, outcome.svg);
  return pathToFileURL(path).href;
}

let context: BrowserContext;
let userDataDir: string;
const dialogs: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), "jit-bench-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: SVG_GEOMETRY.width + 20, height: 400 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  // A file that is not well-formed XML shows Chromium's parser error instead of an <svg>.
  expect(await page.evaluate("document.documentElement.localName")).toBe("svg");
  expect(await page.locator("parsererror").count()).toBe(0);
  expect(errors).toEqual([]);
  // The screenshots then show the whole graph and nothing below it.
  const height = Number(await page.locator(":root").getAttribute("height"));
  await page.setViewportSize({ width: SVG_GEOMETRY.width, height });
  return page;
}

interface Box {
  x: number;
  width: number;
  hidden: boolean;
}

function frame(page: Page, name: string) {
  return page.locator(`g.f[data-n=${JSON.stringify(name)}]`);
}

async function box(page: Page, name: string): Promise<Box> {
  const rect = frame(page, name).locator("rect");
  return {
    x: Number(await rect.getAttribute("x")),
    width: Number(await rect.getAttribute("width")),
    hidden: await frame(page, name).isHidden(),
  };
}

describe("a flame graph in Chromium", () => {
  it("shows a frame's numbers on hover, zooms on click and resets", async () => {
    const page = await open(
      writeSvg("bench.on.svg", renderFlameGraph(on, { title: "bench: JIT on" })),
    );
    const heavy = frame(page, "m:heavy");
    const title = await heavy.locator("title").textContent();
    expect(title).toBe("m:heavy: 800 samples, 80.0% (own code 300, 30.0%)");

    await heavy.locator("rect").hover();
    expect(await page.locator("#details").textContent()).toBe(title);

    const before = await box(page, "m:heavy");
    expect(before.width).toBeCloseTo(INNER_WIDTH * 0.8, 1);
    await heavy.locator("rect").click();
    const zoomed = await box(page, "m:heavy");
    expect(zoomed.x).toBeCloseTo(SVG_GEOMETRY.pad, 1);
    expect(zoomed.width).toBeCloseTo(INNER_WIDTH, 1);
    // Its callee keeps its share of it; its caller spans the width; a sibling is hidden.
    expect((await box(page, "m:inner")).width).toBeCloseTo(INNER_WIDTH * (500 / 800), 1);
    expect((await box(page, "m:bench")).width).toBeCloseTo(INNER_WIDTH, 1);
    expect((await box(page, "m:light")).hidden).toBe(true);
    expect(await page.locator("#reset").isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "bench.on.zoomed.png") });

    await page.locator("#reset").click();
    const reset = await box(page, "m:heavy");
    expect(reset.x).toBeCloseTo(before.x, 1);
    expect(reset.width).toBeCloseTo(before.width, 1);
    expect((await box(page, "m:light")).hidden).toBe(false);
    await page.close();
  });

  it("shows a hostile frame name as text and runs none of it", async () => {
    const page = await open(writeSvg("hostile.on.svg", renderFlameGraph(on, { title: HOSTILE })));
    await frame(page, HOSTILE).locator("rect").hover();
    expect(await page.locator("#details").textContent()).toContain(HOSTILE);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("#heading").textContent()).toBe(HOSTILE);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("draws the differential graph with its legend, and zooms it", async () => {
    const page = await open(
      writeSvg(
        "bench.diff.svg",
        renderDiffFlameGraph(off, on, { title: "bench: JIT on against JIT off" }),
      ),
    );
    expect(await page.locator("#legend").textContent()).toContain("share grew under the JIT");
    const inner = frame(page, "m:inner");
    expect(await inner.locator("title").textContent()).toContain("+20.0 points");
    await page.screenshot({ path: join(OUTPUT, "bench.diff.png") });
    await inner.locator("rect").click();
    expect((await box(page, "m:inner")).width).toBeCloseTo(INNER_WIDTH, 1);
    await page.screenshot({ path: join(OUTPUT, "bench.diff.zoomed.png") });
    await page.close();
  });
});
