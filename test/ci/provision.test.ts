/**
 * `.ci/provision` runs before `npm test`. Where it may not install (no root),
 * it must stop at once with one message that names everything missing and the
 * commands that get it. Here `id`, `dpkg` and `docker` are small scripts on
 * PATH that play a user without root on a machine with nothing installed, or
 * root on a machine without a Docker engine, where a copy of provision calls
 * a stand-in for setup-docker.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PYENV_SERIES } from "../pythons.js";

const PROVISION = resolve(import.meta.dirname, "../../.ci/provision");
const dir = mkdtempSync(join(tmpdir(), "jit-bench-provision-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fake(name: string, body: string): void {
  const path = join(dir, "bin", name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

describe(".ci/provision without root", () => {
  it("installs nothing and names what is missing with the commands, in one line", () => {
    rmSync(join(dir, "bin"), { recursive: true, force: true });
    spawnSync("mkdir", ["-p", join(dir, "bin"), join(dir, "pyenv", "versions", "3.9.18", "bin")]);
    fake("id", "echo 1000");
    fake("dpkg", "exit 1");
    fake("docker", "exit 1");
    fake("apt-get", 'echo "apt-get must not run" >&2; exit 99');
    writeFileSync(join(dir, "pyenv", "versions", "3.9.18", "bin", "python3.9"), "");
    chmodSync(join(dir, "pyenv", "versions", "3.9.18", "bin", "python3.9"), 0o755);

    const run = spawnSync("bash", [PROVISION], {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${join(dir, "bin")}:${process.env.PATH}`,
        PYENV_ROOT: join(dir, "pyenv"),
      },
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "provision: the tests need the Debian packages chromium python3-pytest-benchmark python3.11 pyflakes3; " +
        "a Docker engine with the image jit-bench-test/python:3.11-debian; " +
        `CPython 2.7 3.8 3.10 3.11 3.12 3.13 under ${join(dir, "pyenv", "versions")} ` +
        "(this user cannot install them: no root or no apt-get). " +
        "Run: sudo bash .ci/setup-system chromium python3-pytest-benchmark python3.11 pyflakes3 && " +
        "sudo bash .ci/setup-docker && pyenv install 2.7 3.8 3.10 3.11 3.12 3.13",
    );
  });
});

describe(".ci/provision as root without a Docker engine", () => {
  it("asks setup-docker for an engine marked as the tests' own, which the run stops at its end", () => {
    rmSync(join(dir, "bin"), { recursive: true, force: true });
    const ci = join(dir, "ci");
    mkdirSync(join(dir, "bin"), { recursive: true });
    mkdirSync(ci, { recursive: true });
    for (const file of ["provision", "docker-test-image"]) {
      copyFileSync(resolve(import.meta.dirname, "../../.ci", file), join(ci, file));
    }
    const asked = join(dir, "setup-docker-env");
    writeFileSync(
      join(ci, "setup-docker"),
      `echo "JIT_BENCH_ENGINE_FOR_TESTS=\${JIT_BENCH_ENGINE_FOR_TESTS:-unset}" > ${asked}\n`,
    );
    fake("id", "echo 0");
    fake("dpkg", "exit 0");
    fake("apt-get", 'echo "apt-get must not run" >&2; exit 99');
    fake("docker", "exit 1");
    for (const series of PYENV_SERIES) {
      const bin = join(dir, "root-pyenv", "versions", `${series}.0`, "bin");
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, `python${series}`), "");
      chmodSync(join(bin, `python${series}`), 0o755);
    }

    const run = spawnSync("bash", [join(ci, "provision")], {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${join(dir, "bin")}:${process.env.PATH}`,
        PYENV_ROOT: join(dir, "root-pyenv"),
        JIT_BENCH_ENGINE_FOR_TESTS: "",
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("provision: setting up a Docker engine");
    expect(readFileSync(asked, "utf8")).toBe("JIT_BENCH_ENGINE_FOR_TESTS=1\n");
  });
});
