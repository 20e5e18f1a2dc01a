/**
 * Writes a benchmark's flame graphs as `<dir>/<benchmark>.<off|on|diff>.svg`.
 * Each file appears whole or not at all (temporary file, then rename), so an
 * artifact upload racing a cancelled run never ships half an SVG. Graphs that
 * came out as notes (too few samples) write no file; their notes come back.
 */
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type BenchmarkFlameGraphs,
  GRAPH_KINDS,
  type GraphKind,
} from "../core/flamegraph/index.js";
import { writeFileAtomic } from "./files.js";

const MAX_STEM = 100;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A benchmark name as a file name on any runner OS: "tests/x.py::bench_a"
 * becomes "tests_x.py_bench_a-1a2b3c4d". Whenever characters had to go, a
 * hash of the original name is added, so two names never share a file.
 */
export function fileStem(benchmark: string): string {
  const cleaned = benchmark
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._-]+/, "")
    .slice(0, MAX_STEM);
  if (cleaned === benchmark && !RESERVED.test(cleaned)) return cleaned;
  const digest = createHash("sha256").update(benchmark, "utf8").digest("hex").slice(0, 8);
  return cleaned === "" ? digest : `${cleaned}-${digest}`;
}

export function flameGraphFileName(benchmark: string, kind: GraphKind): string {
  return `${fileStem(benchmark)}.${kind}.svg`;
}

export interface WrittenFlameGraphs {
  /** Absolute or dir-relative paths as joined from `dir`, in off, on, diff order. */
  readonly files: { readonly kind: GraphKind; readonly path: string }[];
  /** Why a graph has no file: one line each. */
  readonly notes: string[];
}

export async function writeFlameGraphs(
  dir: string,
  result: BenchmarkFlameGraphs,
): Promise<WrittenFlameGraphs> {
  await mkdir(dir, { recursive: true });
  const files: { kind: GraphKind; path: string }[] = [];
  const notes: string[] = [];
  for (const kind of GRAPH_KINDS) {
    const graph = result.graphs[kind];
    if (graph === undefined) continue;
    switch (graph.kind) {
      case "svg": {
        const path = join(dir, flameGraphFileName(result.benchmark, kind));
        await writeFileAtomic(path, graph.svg);
        files.push({ kind, path });
        break;
      }
      case "note":
        notes.push(graph.note);
        break;
      default: {
        const unreachable: never = graph;
        throw new Error(`unknown flame graph outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return { files, notes };
}
