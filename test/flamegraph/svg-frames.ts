/** Reads the frames back out of a rendered flame graph SVG, for assertions on what was drawn. */
export interface DrawnFrame {
  name: string;
  title: string;
  depth: number;
  x: number;
  width: number;
  fill: string;
  label: string;
}

const FRAME =
  /<g class="f" data-x="[^"]*" data-w="[^"]*" data-d="(\d+)" data-n="([^"]*)"><title>([^<]*)<\/title><rect x="([^"]+)" y="[^"]+" width="([^"]+)" height="[^"]+" fill="([^"]+)"\/><text [^>]*>([^<]*)<\/text><\/g>/g;

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => {
    const map: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
    return map[entity] ?? "";
  });
}

export function drawnFrames(svg: string): DrawnFrame[] {
  return [...svg.matchAll(FRAME)].map((m) => ({
    depth: Number(m[1]),
    name: unescapeXml(m[2] ?? ""),
    title: unescapeXml(m[3] ?? ""),
    x: Number(m[4]),
    width: Number(m[5]),
    fill: m[6] ?? "",
    label: unescapeXml(m[7] ?? ""),
  }));
}

export function frameNamed(svg: string, name: string): DrawnFrame {
  const found = drawnFrames(svg).filter((frame) => frame.name === name);
  if (found.length !== 1)
    throw new Error(`expected one frame named ${name}, found ${found.length}`);
  return found[0] as DrawnFrame;
}

/** [red, green, blue] of an rgb(r,g,b) fill. */
export function rgb(fill: string): [number, number, number] {
  const match = /^rgb\((\d+),(\d+),(\d+)\)$/.exec(fill);
  if (!match) throw new Error(`not an rgb() colour: ${fill}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
