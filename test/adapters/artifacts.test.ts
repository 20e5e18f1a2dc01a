/**
 * The artifact adapter against the real @actions/artifact client, a twirp
 * stand-in for the results service, a REST stand-in for GitHub, and a real
 * Azure Blob store (Azurite).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { ArtifactStore } from "../../src/adapters/ports.js";
import { MissingArtifactError } from "../../src/core/artifact-names.js";
import { InputError } from "../../src/core/errors.js";
import { useArtifactWorld } from "../servers/artifact-world.js";
import { zip } from "../servers/zip-writer.js";

const TOKEN = "ghs_artifactTestTokenNeverLogged99";
let adapter: typeof import("../../src/adapters/artifacts.js");
const world = useArtifactWorld(TOKEN, async () => {
  adapter = await import("../../src/adapters/artifacts.js");
});
const { joinRun } = world;

function store(
  options: Parameters<typeof adapter.createActionsArtifactStore>[0] = {},
): ArtifactStore {
  return adapter.createActionsArtifactStore({
    github: { token: TOKEN, owner: "aria", repo: "app" },
    ...options,
  });
}

async function makeFiles(
  files: Record<string, string | Uint8Array>,
): Promise<{ root: string; paths: string[] }> {
  const root = await mkdtemp(join(world.work, "src-"));
  const paths: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    paths.push(path);
  }
  return { root, paths };
}

async function snapshot(root: string, paths: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of paths) out[relative(root, path)] = (await readFile(path)).toString("base64");
  return out;
}

const newDir = () => join(world.work, `out-${randomBytes(4).toString("hex")}`);

describe("artifact store", () => {
  it("uploads and downloads leg results byte for byte", async () => {
    joinRun();
    const files = {
      "results.json": JSON.stringify({ schema: "jit-bench/results@1", legs: {} }),
      "raw/deep/values.bin": randomBytes(300_000),
      "notes é.md": "ünïcode name\n",
    };
    const { root, paths } = await makeFiles(files);
    const uploaded = await store().upload("jit-bench-off", paths, root);
    expect(uploaded.id).toBeGreaterThan(0);
    expect(uploaded.size).toBeGreaterThan(300_000);

    const dest = newDir();
    const got = await store().download("jit-bench-off", dest);
    expect(got.map((p) => relative(dest, p))).toEqual([
      "notes é.md",
      "raw/deep/values.bin",
      "results.json",
    ]);
    expect(await snapshot(dest, got)).toEqual(await snapshot(root, paths));
    expect(await store().list()).toEqual([
      { name: "jit-bench-off", id: uploaded.id, size: uploaded.size },
    ]);
  });

  it("names the missing artifact and the ones that exist", async () => {
    joinRun();
    const { root, paths } = await makeFiles({ "r.json": "{}" });
    await store().upload("jit-bench-off", paths, root);
    await store().upload("jit-bench-on-shard-1-of-2", paths, root);
    const dest = newDir();

    const error = await store()
      .download("jit-bench-on", dest)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MissingArtifactError);
    expect((error as MissingArtifactError).expected).toEqual(["jit-bench-on"]);
    expect((error as MissingArtifactError).available).toEqual([
      "jit-bench-off",
      "jit-bench-on-shard-1-of-2",
    ]);
    expect((error as Error).message).toMatch(
      /Artifact "jit-bench-on" not found in this workflow run; it has "jit-bench-off", "jit-bench-on-shard-1-of-2"/,
    );
    expect(existsSync(dest)).toBe(false);
  });

  it("reaches another run's artifacts by run id, through the REST API", async () => {
    const earlier = joinRun();
    const { root, paths } = await makeFiles({
      "results.json": '{"leg":"on"}',
      "big.bin": randomBytes(50_000),
    });
    await store().upload("nightly-jit-bench-on", paths, root);

    joinRun();
    expect(await store().list()).toEqual([]);
    expect((await store().list({ runId: earlier })).map((a) => a.name)).toEqual([
      "nightly-jit-bench-on",
    ]);
    const dest = newDir();
    const got = await store().download("nightly-jit-bench-on", dest, { runId: earlier });

    expect(await snapshot(dest, got)).toEqual(await snapshot(root, paths));
    const calls = world.github.requests.filter(
      (r) => r.path.includes(`/runs/${earlier}/`) || r.operationId === "actions/download-artifact",
    );
    expect(calls.map((r) => r.operationId)).toContain("actions/download-artifact");
    expect(calls.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);

    await expect(
      store().download("nightly-jit-bench-off", newDir(), { runId: earlier }),
    ).rejects.toThrow(
      /"nightly-jit-bench-off" not found in workflow run \d+; it has "nightly-jit-bench-on"/,
    );
  });

  it("asks for a token to read another run", async () => {
    joinRun();
    const error = await adapter
      .createActionsArtifactStore()
      .list({ runId: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe("github-token");
  });

  it("refuses a second upload under the same name with the name in the error", async () => {
    joinRun();
    const { root, paths } = await makeFiles({ "r.json": "{}" });
    await store().upload("jit-bench-on", paths, root);
    await expect(store().upload("jit-bench-on", paths, root)).rejects.toThrow(
      /Could not upload artifact "jit-bench-on": .*already exists/,
    );
  });
});

describe("untrusted downloads", () => {
  it("keeps hostile zip entries inside the download folder, as plain files", async () => {
    const run = joinRun();
    const job = world.service.newJob(run);
    process.env.ACTIONS_RUNTIME_TOKEN = job.runtimeToken;
    const outside = `jit-bench-escape-${randomBytes(4).toString("hex")}.txt`;
    await world.service.seed(
      job,
      "hostile",
      zip([
        { name: `../../${outside}`, data: "climbed out" },
        { name: `/tmp/${outside}`, data: "absolute" },
        { name: "link", data: "/etc/passwd", mode: 0o120777 },
        { name: "ok/results.json", data: "{}" },
      ]),
    );
    const parent = await mkdtemp(join(world.work, "hostile-"));
    const dest = join(parent, "a", "b");

    const got = await store().download("hostile", dest);

    expect(existsSync(join(parent, outside))).toBe(false);
    expect(existsSync(join(parent, "a", outside))).toBe(false);
    expect(existsSync(join("/tmp", outside))).toBe(false);
    expect(await readdir(parent)).toEqual(["a"]);
    // unzip-stream turns ".." segments into "." and roots absolute names in the folder.
    expect(got.map((path) => relative(dest, path))).toEqual([
      outside,
      "link",
      "ok/results.json",
      `tmp/${outside}`,
    ]);
    for (const path of got) {
      expect(relative(dest, path).startsWith("..")).toBe(false);
      expect((await lstat(path)).isFile()).toBe(true);
    }
    expect(await readFile(join(dest, "link"), "utf8")).toBe("/etc/passwd");
  });

  it("refuses an artifact whose bytes do not match its recorded digest", async () => {
    const run = joinRun();
    const job = world.service.newJob(run);
    process.env.ACTIONS_RUNTIME_TOKEN = job.runtimeToken;
    await world.service.seed(
      job,
      "tampered",
      zip([{ name: "r.json", data: "{}" }]),
      `sha256:${"0".repeat(64)}`,
    );
    const dest = newDir();
    await expect(store().download("tampered", dest)).rejects.toThrow(/does not match the digest/);
    expect(existsSync(dest)).toBe(false);
  });

  it("removes an artifact that extracts to more than the size cap", async () => {
    joinRun();
    const { root, paths } = await makeFiles({ "zeros.bin": new Uint8Array(200_000) });
    const uploaded = await store().upload("bomb", paths, root);
    expect(uploaded.size).toBeLessThan(50_000);
    const dest = newDir();
    await expect(store({ limits: { maxBytes: 50_000 } }).download("bomb", dest)).rejects.toThrow(
      /"zeros.bin" brings the artifact over 50000 bytes/,
    );
    expect(existsSync(dest)).toBe(false);
  });

  it("refuses to extract into a folder that is not empty", async () => {
    joinRun();
    const { root, paths } = await makeFiles({ "r.json": "{}" });
    await store().upload("jit-bench-off", paths, root);
    const dest = newDir();
    await mkdir(dest);
    await writeFile(join(dest, "leftover"), "x");
    await expect(store().download("jit-bench-off", dest)).rejects.toThrow(/not empty/);
    expect(await readdir(dest)).toEqual(["leftover"]);
  });
});

describe("the results service stand-in", () => {
  const twirp = (method: string, token: string, body: unknown) =>
    fetch(`${world.service.url}twirp/github.actions.results.api.v1.ArtifactService/${method}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("refuses a body naming another run than the token's scope", async () => {
    const mine = world.service.newJob(joinRun());
    const theirs = world.service.newJob(joinRun());
    const response = await twirp("ListArtifacts", mine.runtimeToken, {
      workflow_run_backend_id: theirs.runBackendId,
      workflow_job_run_backend_id: theirs.jobBackendId,
    });
    expect(response.status).toBe(403);
  });

  it("records fields the proto does not have", async () => {
    const job = world.service.newJob(joinRun());
    await twirp("ListArtifacts", job.runtimeToken, {
      workflow_run_backend_id: job.runBackendId,
      workflow_job_run_backend_id: job.jobBackendId,
      nameFilter: "camelCase is not the proto name",
    });
    expect(world.service.violations.splice(0)).toEqual(["ListArtifacts: unknown field nameFilter"]);
  });
});
