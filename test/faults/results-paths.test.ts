/**
 * Paths inside results files come from data (a fork's artifact, maybe):
 * they are relative, stay inside the results file's folder, follow no link
 * out of it, and every read is size-capped on the open file, so a path to
 * /etc/passwd, /proc/self/environ or /dev/zero reads nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdir, open, readFile, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLegProfiles, STACKS_MAX_BYTES } from "../../src/adapters/profile-files.js";
import { loadComparisonInputs } from "../../src/adapters/results-files.js";
import { InputError } from "../../src/core/errors.js";
import { runCli } from "../cli/support.js";
import { scratchDir } from "./support.js";

const FIXTURES = resolve("test/fixtures/results");
let dir: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-paths-");
});
afterAll(async () => {
  await dir?.cleanup();
});

/** The fixture leg with a profile record whose stack file is `stacks`, written into `folder`. */
async function profiled(folder: string, leg: "off" | "on", stacks: string): Promise<string> {
  const file = JSON.parse(await readFile(join(FIXTURES, `${leg}.json`), "utf8"));
  const [bench] = file.legs[leg].benchmarks;
  bench.profile = {
    role: "profile",
    order: 99,
    status: "ok",
    method: "sys._current_frames",
    intervalS: 0.001,
    seconds: 1,
    calls: 10,
    samples: 100,
    outside: 0,
    dropped: 0,
    stacks,
    graphs: [],
    notes: [],
    jit: bench.processes[0].jit,
  };
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${leg}.json`);
  await writeFile(path, JSON.stringify(file));
  return path;
}

async function noteFor(folder: string, stacks: string): Promise<string> {
  const path = await profiled(folder, "off", stacks);
  const profiles = await readLegProfiles([path]);
  const [entry] = profiles.off.values();
  expect(entry?.profile).toBeNull();
  return entry?.note ?? "";
}

describe("paths in results files", () => {
  it.each([
    ["../../etc/passwd"],
    ["/proc/self/environ"],
    ["/dev/zero"],
    ["stacks/../../../etc/shadow"],
  ])(
    "refuses a stack file named %s at the schema, with one line naming the field and exit 2",
    async (stacks) => {
      const folder = join(dir.path, `schema-${stacks.replace(/\W/g, "_")}`);
      const off = await profiled(folder, "off", stacks);
      const cli = await runCli(["compare", off, join(FIXTURES, "on.json")]);
      expect(cli.code).toBe(2);
      expect(cli.stdout).toBe("");
      expect(cli.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(cli.stderr).toContain("profile.stacks");
      expect(cli.stderr).toContain("must be a path relative to the results file's folder");
      expect(cli.stderr).not.toContain("root:");
    },
  );

  it("reads nothing through a stack file that is a link out of the folder, and quotes none of it", async () => {
    const folder = join(dir.path, "link-out");
    await mkdir(folder, { recursive: true });
    await symlink("/etc/passwd", join(folder, "stacks.txt"));
    const note = await noteFor(folder, "stacks.txt");
    expect(note).toContain("leads out of its folder through a symbolic link");
    expect(note).not.toContain("root:");
  });

  it("reads nothing from a device or a named pipe inside the folder, and does not block on the pipe", async () => {
    const folder = join(dir.path, "special");
    await mkdir(folder, { recursive: true });
    execFileSync("mkfifo", [join(folder, "pipe.txt")]);
    expect(await noteFor(folder, "pipe.txt")).toContain("is not a regular file");
  });

  it("refuses a stack file over the size cap without reading it", async () => {
    const folder = join(dir.path, "huge");
    await mkdir(folder, { recursive: true });
    const handle = await open(join(folder, "stacks.txt"), "w");
    await handle.truncate(STACKS_MAX_BYTES + 1);
    await handle.close();
    expect(await noteFor(folder, "stacks.txt")).toContain(
      `is larger than the ${STACKS_MAX_BYTES} bytes allowed`,
    );
  });

  it("refuses a results folder holding a link to a file outside it", async () => {
    const folder = join(dir.path, "linked-results");
    await mkdir(folder, { recursive: true });
    await symlink(join(FIXTURES, "off.json"), join(folder, "off.json"));
    const error = await loadComparisonInputs([folder, join(FIXTURES, "on.json")]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain("leads out of its folder through a symbolic link");
  });

  it("refuses /dev/zero as a results file with one line and exit 2, reading nothing", async () => {
    const cli = await runCli(["compare", "/dev/zero", join(FIXTURES, "on.json")]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(cli.stderr).toContain("/dev/zero");
    expect(cli.stderr).toContain("is not a regular file");
  });
});
