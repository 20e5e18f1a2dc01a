/**
 * The SVG document shared by the plain and the differential flame graph:
 * frames as <g> with a <title> (the browser's hover text), a rect and a
 * label, root at the bottom; a header, a reset control, an optional legend
 * and a details line the script fills on hover. Self-contained: the style
 * and the script are inline and the font is the browser's own monospace.
 */
import { escapeXml } from "./escape.js";
import { FLAME_SCRIPT } from "./script.js";
import type { FrameBox, Layout } from "./tree.js";

export const SVG_GEOMETRY = {
  width: 1200,
  pad: 10,
  frameHeight: 17,
  /** Where the frames start below the header. */
  top: 84,
  bottom: 34,
  fontSize: 11,
  /** A generous estimate of one monospace character at fontSize, for cutting labels. */
  charWidth: 6.8,
} as const;

export const INNER_WIDTH = SVG_GEOMETRY.width - 2 * SVG_GEOMETRY.pad;

export interface LegendItem {
  readonly color: string;
  readonly label: string;
}

export interface DocumentSpec {
  readonly title: string;
  readonly subtitle: string;
  readonly layout: Layout;
  readonly fill: (box: FrameBox) => string;
  /** The hover text of a frame: its name and its numbers. */
  readonly tooltip: (box: FrameBox) => string;
  readonly legend: readonly LegendItem[];
}

/**
 * Every graph's mark of its maker, after the XML declaration: `jit-bench run`
 * replaces a file at its profile.svg path only when it carries this (core/own-files.ts).
 */
export const SVG_MARK = "<!-- jit-bench flame graph -->";

const IDLE = "Hover over a frame for its numbers; click it to zoom in.";

function num(value: number): string {
  return value.toFixed(2);
}

export function fitLabel(name: string, px: number): string {
  const n = Math.floor((px - 6) / SVG_GEOMETRY.charWidth);
  if (n >= name.length) return name;
  return n < 3 ? "" : `${name.slice(0, n - 2)}..`;
}

function frame(box: FrameBox, y: number, spec: DocumentSpec): string {
  const { pad, frameHeight } = SVG_GEOMETRY;
  const x = pad + box.x * INNER_WIDTH;
  const width = box.width * INNER_WIDTH;
  const name = box.node.name;
  return (
    `<g class="f" data-x="${box.x}" data-w="${box.width}" data-d="${box.depth}" data-n="${escapeXml(name)}">` +
    `<title>${escapeXml(spec.tooltip(box))}</title>` +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${frameHeight - 1}" fill="${spec.fill(box)}"/>` +
    `<text x="${num(x + 3)}" y="${num(y + frameHeight - 5)}">${escapeXml(fitLabel(name, width))}</text>` +
    "</g>"
  );
}

function legend(items: readonly LegendItem[]): string {
  let x = SVG_GEOMETRY.width - SVG_GEOMETRY.pad;
  const parts: string[] = [];
  for (const item of [...items].reverse()) {
    const textWidth = item.label.length * SVG_GEOMETRY.charWidth;
    x -= textWidth;
    parts.push(`<text x="${num(x)}" y="70">${escapeXml(item.label)}</text>`);
    x -= 16;
    parts.push(
      `<rect x="${num(x)}" y="60" width="12" height="12" fill="${item.color}" stroke="#888"/>`,
    );
    x -= 14;
  }
  return `<g id="legend">${parts.join("")}</g>`;
}

export function renderDocument(spec: DocumentSpec): string {
  const { width, pad, frameHeight, top, bottom, fontSize, charWidth } = SVG_GEOMETRY;
  const { boxes, maxDepth } = spec.layout;
  const height = top + (maxDepth + 1) * frameHeight + bottom;
  const frames = boxes.map((box) => frame(box, top + (maxDepth - box.depth) * frameHeight, spec));
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`,
    SVG_MARK,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ` data-inner-width="${INNER_WIDTH}" data-pad="${pad}" data-char-width="${charWidth}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<style>`,
    `text { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: ${fontSize}px; fill: #111; }`,
    `g.f { cursor: pointer; } g.f text { pointer-events: none; }`,
    `g.f rect { stroke: #fff; stroke-width: 0.5; } g.f:hover rect { stroke: #000; stroke-width: 1; }`,
    `g.f.above rect { opacity: 0.55; }`,
    `#reset { cursor: pointer; fill: #0645ad; visibility: hidden; }`,
    `</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fafafa"/>`,
    `<text id="heading" x="${width / 2}" y="24" text-anchor="middle" style="font-size:17px">${escapeXml(spec.title)}</text>`,
    `<text id="subtitle" x="${width / 2}" y="44" text-anchor="middle">${escapeXml(spec.subtitle)}</text>`,
    `<text id="reset" x="${pad}" y="70">[ reset zoom ]</text>`,
    legend(spec.legend),
    `<g id="frames">${frames.join("\n")}</g>`,
    `<text id="details" x="${pad}" y="${height - 12}">${escapeXml(IDLE)}</text>`,
    `<script type="text/ecmascript"><![CDATA[\n${FLAME_SCRIPT}]]></script>`,
    `</svg>`,
    "",
  ].join("\n");
}
