/**
 * The release conventions hold: the release workflow checks dist/ and the
 * version before it moves the major tag, with write access only where the
 * tag is pushed; Dependabot keeps TypeScript below 7 while the bundler needs
 * 6; the package metadata and the licence are in place.
 */
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { needs?: string; if?: string; permissions?: Record<string, string>; steps: Step[] };

const release = load(readFileSync(".github/workflows/release.yml", "utf8")) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const pkg = JSON.parse(readFileSync("package.json", "utf8"));

describe("release workflow", () => {
  it("runs on a published release or a version tag", () => {
    expect(release.on.release).toEqual({ types: ["published"] });
    expect(release.on.push).toEqual({ tags: ["v[0-9]+.[0-9]+.[0-9]+"] });
  });

  it("grants contents: write only to the job that moves the tag", () => {
    expect(release.permissions).toEqual({ contents: "read" });
    const writers = Object.entries(release.jobs).filter(
      ([, job]) => job.permissions?.contents === "write",
    );
    expect(writers.map(([name]) => name)).toEqual(["move-major-tag"]);
    for (const [name, job] of Object.entries(release.jobs)) {
      expect(Object.keys(job.permissions ?? {})).toEqual(
        name === "publish-npm" ? ["contents", "id-token"] : ["contents"],
      );
    }
  });

  it("publishes the npm package with provenance, after the checks, from dist/ as committed", () => {
    const publish = release.jobs["publish-npm"] as Job;
    expect(publish.needs).toBe("check");
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
    const run = publish.steps.map((s) => s.run ?? "").join("\n");
    expect(run).toMatch(/npm publish --provenance --access public --tag "\$tag" --ignore-scripts/);
    expect(run).not.toMatch(/npm (ci|install|run)/);
    const node = publish.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(node?.with?.["registry-url"]).toBe("https://registry.npmjs.org");
    expect(pkg.repository.url).toBe("git+https://github.com/aria/jit-bench.git");
  });

  it("moves the major tag only after dist/ and the version were checked, and not for prereleases", () => {
    const check = release.jobs.check as Job;
    const move = release.jobs["move-major-tag"] as Job;
    expect(move.needs).toBe("check");
    expect(move.if).toContain("!github.event.release.prerelease");
    const runs = check.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("bash .ci/check-dist");
    expect(runs).toContain("package.json");
    expect(runs).toContain("CHANGELOG.md");
    const push = move.steps.map((s) => s.run ?? "").join("\n");
    expect(push).toMatch(/major="\$\{TAG%%\.\*\}"/);
    expect(push).toMatch(/git push --force origin "refs\/tags\/\$major"/);
  });

  it("pins every action to a commit and keeps credentials out of the checking job", () => {
    for (const job of Object.values(release.jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses).toMatch(/^actions\/(checkout|setup-node)@[0-9a-f]{40}$/);
      }
    }
    const checkout = (release.jobs.check as Job).steps[0];
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
  });
});

describe("dependabot", () => {
  const config = load(readFileSync(".github/dependabot.yml", "utf8")) as {
    updates: {
      "package-ecosystem": string;
      ignore?: { "dependency-name": string; versions: string[] }[];
    }[];
  };

  it("updates npm packages and the pinned actions", () => {
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual([
      "github-actions",
      "npm",
    ]);
  });

  it("holds TypeScript below 7, which is what package.json asks for", () => {
    const npm = config.updates.find((u) => u["package-ecosystem"] === "npm");
    expect(npm?.ignore).toContainEqual({ "dependency-name": "typescript", versions: [">= 7"] });
    expect(pkg.devDependencies.typescript).toMatch(/^[~^]?6\./);
  });
});

describe("package metadata and licence", () => {
  it("names the repository, its issues and its homepage", () => {
    expect(pkg.repository).toEqual({
      type: "git",
      url: "git+https://github.com/aria/jit-bench.git",
    });
    expect(pkg.bugs.url).toBe("https://github.com/aria/jit-bench/issues");
    expect(pkg.homepage).toBe("https://github.com/aria/jit-bench#readme");
    expect(pkg.keywords).toEqual(expect.arrayContaining(["python", "jit", "benchmark"]));
    expect(pkg.license).toBe("MIT");
  });

  it("ships the MIT licence text with Aria's copyright", () => {
    const licence = readFileSync("LICENSE", "utf8");
    expect(licence.startsWith("MIT License\n\nCopyright (c) 2026 Aria\n")).toBe(true);
  });

  it("keeps a changelog whose sections a release can be checked against", () => {
    const changelog = readFileSync("CHANGELOG.md", "utf8");
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    for (const [, version] of changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
