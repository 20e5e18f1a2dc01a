/**
 * The README's way to run the CLI from outside the repository works today:
 * the package is not on npm until a release publishes it, so the docs name
 * the GitHub repository (`npx github:aria/jit-bench`), whose committed dist/
 * is the package. Here the package as npm packs it is installed into an empty
 * folder, offline and with an empty npm cache: everything the CLI runs is in
 * its bundle, so the install adds one package and fetches nothing. The
 * installed bin then runs on the machine's Node (the oldest `engines`
 * allows) and on the Node 24 that action.yml names.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NODE_24 } from "../action/runner.js";
import { DEBIAN_PYTHON } from "../pythons.js";

const REPO = resolve(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "jit-bench-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("running the CLI from outside the repository", () => {
  it("the docs name a command that works before the package is on npm", () => {
    for (const doc of ["README.md", "docs/getting-a-jit-python.md"]) {
      const text = readFileSync(join(REPO, doc), "utf8");
      expect(text, doc).toContain("npx github:aria/jit-bench probe --python python3.14");
      // A bare `npx jit-bench` answers E404 until a release is published.
      for (const line of text.split("\n").filter((l) => /^\s*npx jit-bench /.test(l))) {
        throw new Error(`${doc} runs the unpublished package by name: ${line}`);
      }
    }
    expect(pkg.repository.url).toBe("git+https://github.com/aria/jit-bench.git");
  });
});

describe("the packed package, installed into an empty folder", () => {
  const app = join(work, "app");
  let install: ReturnType<typeof spawnSync>;
  let packed: string[];

  beforeAll(() => {
    const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", work], {
      cwd: REPO,
      encoding: "utf8",
    });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, pack.stdout.trim().split("\n").at(-1) ?? "");
    const list = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
    expect(list.status, list.stderr).toBe(0);
    packed = list.stdout
      .trim()
      .split("\n")
      .map((line) => line.replace(/^package\//, ""));
    mkdirSync(app);
    // --offline with a cache nobody has filled: any dependency would fail the install.
    install = spawnSync(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--cache", join(work, "cache"), tarball],
      { cwd: app, encoding: "utf8" },
    );
  });

  it("installs offline as one package, without a warning", () => {
    expect(install.status, String(install.stderr)).toBe(0);
    // EBADENGINE, deprecations and the like would all be `npm warn` lines.
    expect(String(install.stderr)).toBe("");
    expect(String(install.stdout)).toContain("added 1 package");
    const modules = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));
    expect(modules).toEqual(["jit-bench"]);
  });

  it("is about the size the README says", () => {
    const stated = /adds one package, ([\d.]+) MB on disk/.exec(
      readFileSync(join(REPO, "README.md"), "utf8"),
    )?.[1];
    expect(stated, "README: adds one package, N MB on disk").toBeDefined();
    const installed = packed.reduce(
      (sum, path) => sum + statSync(join(app, "node_modules", "jit-bench", path)).size,
      0,
    );
    // Within a quarter: the README is remeasured when the bundle grows or shrinks that much.
    expect(installed / 1e6 / Number(stated)).toBeGreaterThan(0.75);
    expect(installed / 1e6 / Number(stated)).toBeLessThan(1.25);
  });

  it("declares no dependency of any kind: the bundles carry them", () => {
    const installed = JSON.parse(
      readFileSync(join(app, "node_modules", "jit-bench", "package.json"), "utf8"),
    );
    for (const field of [
      "dependencies",
      "optionalDependencies",
      "peerDependencies",
      "bundleDependencies",
    ]) {
      expect(installed[field], field).toBeUndefined();
    }
  });

  it("ships the CLI, its bootstrap worker and the Python harness, not the action's bundle", () => {
    expect(packed).toContain(pkg.bin["jit-bench"]);
    expect(packed).toContain("dist/cli/licenses.txt");
    expect(packed).toContain("dist/bootstrap-worker/index.js");
    expect(packed).toContain("dist/harness/__main__.py");
    // The action runs from the repository at a tag, never from npm.
    expect(
      packed.filter((path) => /^dist\/[^/]+\.js$/.test(path) || path === "action.yml"),
    ).toEqual([]);
  });

  it("loads nothing but Node's own modules outside its bundles", () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const loaded = new Set<string>();
    for (const path of packed.filter((p) => p.endsWith(".js"))) {
      const code = readFileSync(join(app, "node_modules", "jit-bench", path), "utf8");
      for (const match of code.matchAll(/createRequire\(import\.meta\.url\)\("([^"]+)"\)/g)) {
        loaded.add(match[1] ?? "");
      }
      for (const match of code.matchAll(/^import .* from "([^"]+)";$/gm)) {
        loaded.add(match[1] ?? "");
      }
    }
    expect(loaded.size).toBeGreaterThan(0);
    expect([...loaded].filter((name) => !builtins.has(name))).toEqual([]);
  });

  const nodes = [
    ["the machine's Node (the oldest engines allows)", dirname(process.execPath)],
    ["Node 24, which action.yml names", dirname(NODE_24)],
  ] as const;
  describe.each(nodes)("on %s", (_name, nodeDir) => {
    // npm keeps a compile cache in the temporary folder: this test's own, removed with it.
    const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH}`, TMPDIR: work };

    it("npx jit-bench answers --version and --help", () => {
      const node = spawnSync("node", ["-p", "process.execPath"], {
        cwd: app,
        env,
        encoding: "utf8",
      });
      expect(node.stdout.trim()).toBe(join(nodeDir, "node"));
      const version = spawnSync("npx", ["--offline", "jit-bench", "--version"], {
        cwd: app,
        env,
        encoding: "utf8",
      });
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.trim()).toBe(pkg.version);
      const help = spawnSync("npx", ["--offline", "jit-bench", "--help"], {
        cwd: app,
        env,
        encoding: "utf8",
      });
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^Usage: jit-bench /);
      for (const command of ["run", "compare", "probe", "advise"]) {
        expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
      }
    });

    it("the installed bin finds its Python harness and probes an interpreter", () => {
      const probe = spawnSync(
        join(app, "node_modules", ".bin", "jit-bench"),
        ["probe", "--python", DEBIAN_PYTHON, "--json"],
        { cwd: app, env, encoding: "utf8" },
      );
      expect(probe.status, probe.stderr).toBe(0);
      const answer = JSON.parse(probe.stdout);
      expect(answer.answer).toBe("no-jit");
      expect(answer.interpreter.executable).toBe(DEBIAN_PYTHON);
    });
  });
});
