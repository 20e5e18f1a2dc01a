/**
 * One compare's whole input is bounded, not only each file: a fork can send
 * many files each under the cap, or fill them with numbers, or point every
 * profile at one large stack file. Each is refused (or read once) with the
 * limit named, before the memory runs out.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLegProfiles } from "../../src/adapters/profile-files.js";
import { COMPARE_INPUT_LIMITS, loadComparisonInputs } from "../../src/adapters/results-files.js";
import { InputError } from "../../src/core/errors.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-budget-"));
  dirs.push(dir);
  return dir;
}

async function refusal(paths: string[]): Promise<InputError> {
  const error = await loadComparisonInputs(paths).catch((e: unknown) => e);
  if (!(error instanceof InputError))
    throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe("the compare input budget", () => {
  it("refuses files whose sizes add up past the limit, before reading any", async () => {
    const dir = folder();
    // Sparse files: each under the per-file cap, together over the whole input's.
    for (const name of ["a.json", "b.json", "c.json"]) {
      writeFileSync(join(dir, name), "");
      truncateSync(join(dir, name), 100 * 1024 * 1024);
    }
    const error = await refusal([dir]);
    expect(error.message).toContain(
      `${COMPARE_INPUT_LIMITS.bytes / 1024 / 1024} MiB one compare reads in all`,
    );
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("refuses more files than two legs of the most shards can hold", async () => {
    const dir = folder();
    for (let i = 0; i <= COMPARE_INPUT_LIMITS.files; i++)
      writeFileSync(join(dir, `${i}.json`), "{}");
    const error = await refusal([dir]);
    expect(error.message).toContain(`more than the ${COMPARE_INPUT_LIMITS.files} files`);
  });

  it("refuses a file that takes the values past the limit, naming it", async () => {
    const dir = folder();
    const count = COMPARE_INPUT_LIMITS.values + 1;
    writeFileSync(join(dir, "numbers.json"), `[${"1,".repeat(count - 1)}1]`);
    const error = await refusal([join(dir, "numbers.json")]);
    expect(error.message).toContain("numbers.json");
    expect(error.message).toContain(`past ${COMPARE_INPUT_LIMITS.values.toLocaleString("en")}`);
  });
});

describe("stack files named again and again", () => {
  it("are read and parsed once, however many profile records name them", async () => {
    const dir = folder();
    const file = JSON.parse(readFileSync("test/fixtures/results/on.json", "utf8"));
    const [template] = file.legs.on.benchmarks;
    writeFileSync(join(dir, "stacks.txt"), "main;bench_a;work 10\nmain;bench_a 2\n");
    file.legs.on.benchmarks = Array.from({ length: 40 }, (_, i) => ({
      ...structuredClone(template),
      name: `bench_${i}`,
      profile: {
        role: "profile",
        order: 1000 + i,
        status: "ok",
        method: "sys._current_frames",
        intervalS: 0.001,
        seconds: 1,
        calls: 10,
        samples: 12,
        outside: 0,
        dropped: 0,
        stacks: "stacks.txt",
        graphs: [],
        notes: [],
        jit: template.processes[0].jit,
      },
    }));
    writeFileSync(join(dir, "on.json"), JSON.stringify(file));
    const profiles = await readLegProfiles([join(dir, "on.json")]);
    const all = [...profiles.on.values()].map((p) => p.profile);
    expect(all).toHaveLength(40);
    expect(all[0]).not.toBeNull();
    expect(all.every((p) => p === all[0])).toBe(true);
  });
});
