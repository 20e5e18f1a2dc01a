/**
 * The bundled action with the variants input, end to end as the runner runs
 * it: a run job measures two real interpreters and uploads the variants
 * artifact to the artifact service stand-in, and compare jobs read that
 * artifact (or a synthetic one, or a hostile one) and keep one sticky
 * comment through the REST stand-in, which checks every request against
 * GitHub's OpenAPI description.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { resultsFile } from "../action/synthetic-results.js";
import { DEBIAN_PYTHON, pyenvPython } from "../pythons.js";
import { zip } from "../servers/zip-writer.js";
import { expectNoSecret, HEAD_SHA, OWNER, PR, REPO, useActionWorld } from "./action-world.js";
import { FIVE_VARIANTS, variantsFile } from "./synthetic-variants.js";

const { world, runLeg, compare, comments } = useActionWorld();

/** Two interpreters the tests' machines have, measured as tinily as the statistics allow. */
const PY_A = DEBIAN_PYTHON;
const PY_B = pyenvPython("3.13");
const VARIANTS_RUN = {
  python: "",
  variants: `3.11: ${PY_A}\n3.13: ${PY_B}\n`,
  processes: "6",
  values: "5",
  warmups: "0",
  "min-time": "1ms",
};

/** The comments one key keeps on the pull request. */
const keyed = (key: string) =>
  comments().filter((comment) => comment.body.startsWith(`<!-- jit-bench:${key} -->\n`));

/** Puts `files` in run `runId` as the finished artifact `name`, bypassing the client, as a fork could. */
async function seedArtifact(
  runId: number,
  name: string,
  files: { name: string; data: string }[],
): Promise<void> {
  await world.service.seed(world.service.newJob(runId), name, zip(files));
}

beforeAll(() => {
  world.github.addIssue(OWNER, REPO, PR, ["An unrelated comment by a person."]);
  world.github.addPullRequest(OWNER, REPO, {
    number: PR,
    headSha: HEAD_SHA,
    headBranch: "speedups",
    headRepo: `${OWNER}/${REPO}`,
  });
});

describe("a variants run job and its compare job", () => {
  const RUN = 6101;

  it("measures both interpreters, uploads jit-bench-variants and writes the report to the summary", async () => {
    const step = await runLeg(RUN, "both", "", { inputs: VARIANTS_RUN });
    expect(step.errors).toEqual([]);
    expect(step.warnings).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.stdout).toContain("::group::Measure (2 variants)");
    expect(step.stdout).toContain("::group::Upload results");
    expect(world.service.artifacts(RUN).map((a) => a.name)).toEqual(["jit-bench-variants"]);

    const path = step.outputs["results-path"] ?? "";
    expect(path).toMatch(/\.jit-bench\/variants\.json$/);
    const file = JSON.parse(await readFile(path, "utf8"));
    expect(file.schema).toBe("jit-bench/variants@1");
    expect(file.variants.map((v: { name: string }) => v.name)).toEqual(["3.11", "3.13"]);
    expect(file.variants.map((v: { version: string }) => v.version.slice(0, 4))).toEqual([
      "3.11",
      "3.13",
    ]);
    for (const bench of file.benchmarks) {
      expect(bench.status).toBe("ok");
      expect(bench.sets).toHaveLength(6);
    }
    const json = JSON.parse(
      await readFile(join(dirname(path), "variants-comparison.json"), "utf8"),
    );
    expect(json.schema).toBe("jit-bench/variants-comparison@1");
    expect(json.comparison.rows.map((r: { name: string }) => r.name).sort()).toEqual([
      "bench_join",
      "bench_sum",
    ]);

    expect(step.summary).toContain("## Which Python is fastest for this suite");
    expect(step.summary).toContain("| 3.11 (baseline) | CPython 3.11.");
    expect(step.summary).toContain("| bench\\_sum |");
    expect(step.summary).toContain("Uploaded as artifact `jit-bench-variants` (");
    expect(step.summary).toContain("`.jit-bench/variants-comparison.json`");
    expectNoSecret(step);
  }, 120_000);

  it("compares the run step's own file in one job, as the one-job workflow does", async () => {
    const run = await runLeg(RUN + 1, "both", "", { inputs: VARIANTS_RUN });
    expect(run.code).toBe(0);
    const step = await compare(RUN + 1, {
      results: run.outputs["results-path"] ?? "",
      "comment-key": "one-job",
    });
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.stdout).not.toContain("Downloaded artifact");
    expect(["3.11", "3.13"]).toContain(step.outputs.fastest);
    expect(keyed("one-job")).toHaveLength(1);
  }, 120_000);

  it("compares the artifact in a compare job, posts one comment and names the fastest", async () => {
    const step = await compare(RUN, { "comment-key": "real-variants" });
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.stdout).toContain("Downloaded artifact jit-bench-variants from this workflow run");
    expect(["3.11", "3.13"]).toContain(step.outputs.fastest);
    expect(["significant", "inconclusive"]).toContain(step.outputs["fastest-lead"]);
    expect(step.outputs.recommendation).toContain(step.outputs.fastest);
    const [comment, ...more] = keyed("real-variants");
    expect(more).toEqual([]);
    expect(comment?.body).toContain("## Which Python is fastest for this suite");
    expect(comment?.body).toContain("<sub>Measured at commit 0123456789ab.</sub>");
    expect(step.outputs["comment-url"]).not.toBe("");
    expect(step.summary).toContain("## Which Python is fastest for this suite");
    const json = JSON.parse(await readFile(step.outputs["results-path"] ?? "", "utf8"));
    expect(json.schema).toBe("jit-bench/variants-comparison@1");
    expect(json.headline.fastest).toBe(step.outputs.fastest);
    // Variants report no JIT verdict: the legs' outputs stay unset.
    expect(step.outputs.verdict).toBeUndefined();
    expectNoSecret(step);
  });
});

describe("a compare job over a synthetic variants artifact", () => {
  const RUN = 6202;

  it("fits 5 variants × 50 benchmarks in one comment, every row, and updates it in place", async () => {
    const file = variantsFile(FIVE_VARIANTS, { benchmarks: 50 });
    await seedArtifact(RUN, "jit-bench-variants", [
      { name: "variants.json", data: JSON.stringify(file) },
    ]);
    const first = await compare(RUN, { "comment-key": "five" });
    expect(first.errors).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.outputs.fastest).toBe("3.14 + JIT");
    expect(first.outputs["fastest-lead"]).toBe("significant");
    const [comment] = keyed("five");
    const body = comment?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    expect(body).toContain("**3.14 + JIT is fastest:");
    for (let b = 0; b < 50; b++)
      expect(body).toContain(`| bench\\_${String(b).padStart(3, "0")} |`);
    expect(body).not.toContain("largest changes");

    const again = await compare(RUN, { "comment-key": "five" });
    expect(again.code).toBe(0);
    expect(keyed("five")).toHaveLength(1);
    expect(again.outputs["comment-url"]).toBe(first.outputs["comment-url"]);
  });

  it("escapes benchmark names from the artifact in the comment and the summary", async () => {
    const run = 6203;
    const hostile = "bench_x](https://evil.example)<script>alert(1)</script> @octocat #1";
    const file = variantsFile(FIVE_VARIANTS.slice(0, 2), { names: [hostile, "bench_ok"] });
    await seedArtifact(run, "jit-bench-variants", [
      { name: "variants.json", data: JSON.stringify(file) },
    ]);
    const step = await compare(run, { "comment-key": "escaped" });
    expect(step.code).toBe(0);
    const body = keyed("escaped")[0]?.body ?? "";
    for (const text of [body, step.summary]) {
      expect(text).toContain("bench\\_x\\]");
      expect(text).not.toContain("<script>");
      expect(text).not.toContain("](https://evil");
      expect(text).not.toContain("@octocat");
    }
  });
});

describe("a hostile variants artifact", () => {
  it("is refused with a message naming the artifact, the file and the field, and no comment", async () => {
    const run = 6301;
    const file = variantsFile(FIVE_VARIANTS.slice(0, 2));
    const bad = {
      ...file,
      variants: [file.variants[0], { ...file.variants[1], name: "<img src=x onerror=alert(1)>" }],
    };
    await seedArtifact(run, "jit-bench-variants", [
      { name: "variants.json", data: JSON.stringify(bad) },
    ]);
    const step = await compare(run, { "comment-key": "hostile" });
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      /^variants\.json in artifact jit-bench-variants: variants\[1\]\.name: must be letters, digits, spaces and \. \+ - _ \( \) \(got "<img src=x onerror=alert\(1\)>"\)\. /,
    );
    expect(keyed("hostile")).toEqual([]);
    expect(step.outputs).toEqual({});
    expect(step.summary).toMatch(
      /^## jit-bench: failed\n\nvariants\.json in artifact jit-bench-variants/,
    );
    expect(step.summary).not.toContain("<img");
  });

  it("is refused when it holds a results file instead, or two files, or sits beside leg artifacts", async () => {
    const legs = resultsFile(0.7);
    const results = await (async () => {
      const run = 6302;
      await seedArtifact(run, "jit-bench-variants", [
        { name: "variants.json", data: JSON.stringify(legs) },
      ]);
      return compare(run, { "comment-key": "hostile" });
    })();
    expect(results.errors[0]).toContain(
      'variants.json in artifact jit-bench-variants: is not a variants file: its schema is "jit-bench/results@1", not jit-bench/variants@1',
    );

    const run2 = 6303;
    const file = JSON.stringify(variantsFile(FIVE_VARIANTS.slice(0, 2)));
    await seedArtifact(run2, "jit-bench-variants", [
      { name: "variants.json", data: file },
      { name: "more/other.json", data: file },
    ]);
    const two = await compare(run2, { "comment-key": "hostile" });
    expect(two.errors[0]).toMatch(
      /^artifact jit-bench-variants: holds 2 \.json files; a variants artifact holds one/,
    );

    const run3 = 6304;
    await seedArtifact(run3, "jit-bench-variants", [{ name: "variants.json", data: file }]);
    await seedArtifact(run3, "jit-bench-off", [{ name: "results-off.json", data: "{}" }]);
    const both = await compare(run3, { "comment-key": "hostile" });
    expect(both.errors[0]).toContain(
      "finds both the variants artifact jit-bench-variants and leg artifacts (jit-bench-off) in this workflow run",
    );
    for (const step of [results, two, both]) expect(step.code).not.toBe(0);
    expect(keyed("hostile")).toEqual([]);
  });
});
