/**
 * Artifact faults the adapter tests do not reach: a download cut short, and
 * one entry that inflates to far more than the budget. Either way the
 * download folder is removed, nothing lands outside it, and the memory this
 * process uses stays bounded while hundreds of megabytes stream through.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, open, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ArtifactStore } from "../../src/adapters/ports.js";
import { useArtifactWorld } from "../servers/artifact-world.js";
import { zip } from "../servers/zip-writer.js";
import { rssGrowthDuring } from "./support.js";

const TOKEN = "ghs_faultSuiteTokenNeverLogged77";
let adapter: typeof import("../../src/adapters/artifacts.js");
const world = useArtifactWorld(TOKEN, async () => {
  adapter = await import("../../src/adapters/artifacts.js");
});

function store(
  options: Parameters<typeof adapter.createActionsArtifactStore>[0] = {},
): ArtifactStore {
  return adapter.createActionsArtifactStore({
    github: { token: TOKEN, owner: "aria", repo: "app" },
    ...options,
  });
}

describe("artifact downloads that go wrong", () => {
  it("refuses a download cut short after its last entry, by its digest, and removes what was extracted", async () => {
    const job = world.service.newJob(world.joinRun());
    process.env.ACTIONS_RUNTIME_TOKEN = job.runtimeToken;
    const full = zip([
      { name: "results.json", data: '{"schema":"jit-bench/results@1"}' },
      { name: "more.json", data: "{}" },
    ]);
    const digest = `sha256:${createHash("sha256").update(full).digest("hex")}`;
    // The bytes of both entries arrive, the zip's closing directory does not.
    const cut = full.subarray(0, full.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    await world.service.seed(job, "cut-short", cut, digest);
    const parent = join(world.work, "cut-short");
    const dest = join(parent, "dest");
    await expect(store().download("cut-short", dest)).rejects.toThrow(
      'Artifact "cut-short" does not match the digest recorded at upload; it was changed or damaged in transit.',
    );
    expect(existsSync(dest)).toBe(false);
  });

  it("streams an entry that inflates past the budget to disk, refuses it, and holds little of it in memory", async () => {
    world.joinRun();
    const source = join(world.work, "huge-src");
    await mkdir(source);
    const hugeBytes = 256 * 1024 * 1024;
    // Written a megabyte at a time: a buffer of the whole would raise the peak this test reads.
    const file = await open(join(source, "zeros.bin"), "w");
    const chunk = Buffer.alloc(1024 * 1024);
    for (let written = 0; written < hugeBytes; written += chunk.length) await file.write(chunk);
    await file.close();
    const uploaded = await store().upload("huge", [join(source, "zeros.bin")], source);
    await rm(source, { recursive: true });
    // Zeros deflate about a thousandfold: the artifact itself is small.
    expect(uploaded.size).toBeLessThan(2 * 1024 * 1024);

    const parent = join(world.work, "huge-dest");
    await mkdir(parent);
    const { result, growth } = await rssGrowthDuring(() =>
      store({ limits: { maxBytes: 16 * 1024 * 1024 } })
        .download("huge", join(parent, "dest"))
        .catch((error: unknown) => error),
    );
    expect(String(result)).toContain(
      'Artifact "huge" was refused: "zeros.bin" brings the artifact over 16777216 bytes',
    );
    expect(growth).toBeLessThan(hugeBytes / 4);
    expect(await readdir(parent)).toEqual([]);
  });
});
