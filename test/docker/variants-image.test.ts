/**
 * A variants run whose variants run in containers of the Debian-built test
 * image (`.ci/setup-docker`): every worker is a `docker run --network none`,
 * the variant's own environment reaches it by name, and no container of the
 * run is left running afterwards.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTAINER_LABEL } from "../../src/adapters/docker.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import { VariantsFileSchema } from "../../src/core/variants/results.js";
import { runVariants } from "../../src/modes/variants/run.js";
import { requireEngine, run, TEST_IMAGE } from "./engine.js";

/** WORK sets how much work each call does: the variants differ in that alone. */
const SUITE = `
import os

WORK = int(os.environ.get("WORK", "1"))


def bench_loop():
    total = 0
    for i in range(2000 * WORK):
        total += i & 7
    return total
`;

let dir = "";

beforeAll(async () => {
  await requireEngine();
  dir = await mkdtemp(join(tmpdir(), "jit-bench-variants-image-"));
  await writeFile(join(dir, "bench_work.py"), SUITE);
});

afterAll(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("variants in a container image", () => {
  it("measures each variant in containers of its image, with its own environment", async () => {
    const settings = resolveRunSettings({
      flags: {
        suite: ["bench_work.py"],
        processes: "3",
        values: "3",
        warmups: "1",
        "min-time": "1ms",
        report: "false",
        variants: [
          `one: WORK=1 --image ${TEST_IMAGE} python3`,
          `four: WORK=4 --image ${TEST_IMAGE} python3`,
        ],
      },
      file: null,
      cwd: dir,
    });
    const lines: string[] = [];
    const { file } = await runVariants(settings, {
      now: () => new Date(),
      log: (line) => lines.push(line),
      warn: (line) => lines.push(`warning: ${line}`),
      signal: new AbortController().signal,
    });
    expect(VariantsFileSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    expect(file.variants.map((v) => v.image)).toEqual([TEST_IMAGE, TEST_IMAGE]);
    // The harness inside the container records the image it ran in.
    expect(file.fingerprint.containerImage).toBe(TEST_IMAGE);
    const bench = file.benchmarks[0];
    expect(bench?.status).toBe("ok");
    expect(bench?.sets).toHaveLength(3);
    // Four times the work: "four" is slower, which it can only be if WORK reached its containers.
    const comparison = compareVariants(file, { seed: 1, resamples: 200 });
    const speed = comparison.rows[0]?.cells[0]?.speedup ?? Number.NaN;
    expect(speed).toBeLessThan(0.5);
    const left = await run([
      "docker",
      "ps",
      "--filter",
      `label=${CONTAINER_LABEL}`,
      "--format",
      "{{.Names}}",
    ]);
    expect(left.stdout.trim()).toBe("");
  });
});
