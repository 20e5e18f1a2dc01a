// The argv alone, without an engine: what reaches docker, and what is refused before.
import { describe, expect, it } from "vitest";
import {
  ALWAYS_PASSED_ENV,
  CONTAINER_HARNESS_DIR,
  containerName,
  dockerPythonArgv,
  toContainerPath,
} from "../../src/adapters/docker.js";
import { InputError } from "../../src/core/errors.js";

const base = {
  image: "example/python:3.13",
  workspace: "/srv/project",
  harnessDir: "/opt/jit-bench/harness",
  python: ["python3.13", "-X", "dev"],
  name: "jit-bench-test-1",
};

/** Every value that follows `flag` in the argv. */
function valuesOf(argv: readonly string[], flag: string): string[] {
  return argv.flatMap((arg, i) => {
    const next = argv[i + 1];
    return arg === flag && next !== undefined ? [next] : [];
  });
}

describe("dockerPythonArgv", () => {
  it("runs the image's Python with no network, a unique name and an init process", () => {
    const { argv, harnessDir, name } = dockerPythonArgv(base);
    expect(argv.slice(0, 3)).toEqual(["docker", "run", "--rm"]);
    expect(argv).toContain("-i");
    expect(argv).toContain("--init");
    expect(valuesOf(argv, "--network")).toEqual(["none"]);
    expect(valuesOf(argv, "--pull")).toEqual(["never"]);
    expect(valuesOf(argv, "--name")).toEqual(["jit-bench-test-1"]);
    expect(name).toBe("jit-bench-test-1");
    // The image and the Python command end the prefix; the caller appends the harness.
    expect(argv.slice(-4)).toEqual(["example/python:3.13", "python3.13", "-X", "dev"]);
    expect(harnessDir).toBe(CONTAINER_HARNESS_DIR);
  });

  it("mounts the workspace read-write at its own path and the harness read-only", () => {
    const { argv, workdir } = dockerPythonArgv(base);
    expect(valuesOf(argv, "--mount")).toEqual([
      "type=bind,source=/srv/project,target=/srv/project",
      `type=bind,source=/opt/jit-bench/harness,target=${CONTAINER_HARNESS_DIR},readonly`,
    ]);
    expect(valuesOf(argv, "--workdir")).toEqual(["/srv/project"]);
    expect(workdir).toBe("/srv/project");
  });

  it("mounts the workspace at another path when asked", () => {
    const { argv, workdir } = dockerPythonArgv({ ...base, containerWorkdir: "/workspace" });
    expect(valuesOf(argv, "--mount")[0]).toBe("type=bind,source=/srv/project,target=/workspace");
    expect(valuesOf(argv, "--workdir")).toEqual(["/workspace"]);
    expect(workdir).toBe("/workspace");
  });

  it("quotes a path with commas or quotes as one CSV field", () => {
    const { argv } = dockerPythonArgv({ ...base, workspace: '/srv/a,b"c', containerWorkdir: "/w" });
    expect(valuesOf(argv, "--mount")[0]).toBe('type=bind,"source=/srv/a,b""c",target=/w');
  });

  it("passes variables by name only, PYTHON_JIT always and once", () => {
    const { argv } = dockerPythonArgv({ ...base, env: ["PYTHONHASHSEED", "PYTHON_JIT"] });
    expect(valuesOf(argv, "--env")).toEqual([
      ...ALWAYS_PASSED_ENV,
      "PYTHONHASHSEED",
      "JIT_BENCH_IMAGE=example/python:3.13",
    ]);
  });

  it("runs as the given user", () => {
    expect(valuesOf(dockerPythonArgv({ ...base, user: "1001:121" }).argv, "--user")).toEqual([
      "1001:121",
    ]);
    expect(dockerPythonArgv(base).argv).not.toContain("--user");
  });

  it("refuses what docker would misread", () => {
    expect(() => dockerPythonArgv({ ...base, env: ["PYTHON_JIT=1"] })).toThrow(InputError);
    expect(() => dockerPythonArgv({ ...base, env: ["1X"] })).toThrow(/env: is not an environment/);
    expect(() => dockerPythonArgv({ ...base, containerWorkdir: "work" })).toThrow(
      /container workdir: must be an absolute path/,
    );
    expect(() => dockerPythonArgv({ ...base, python: [] })).toThrow(InputError);
    expect(() => dockerPythonArgv({ ...base, name: "--rm" })).toThrow(/container name/);
  });
});

describe("toContainerPath", () => {
  it("maps a workspace path to the container's", () => {
    expect(toContainerPath("/srv/project/bench/bench_a.py", "/srv/project", "/workspace")).toBe(
      "/workspace/bench/bench_a.py",
    );
    expect(toContainerPath("/srv/project", "/srv/project/", "/workspace/")).toBe("/workspace/");
    expect(toContainerPath("/srv/project/x.py", "/srv/project")).toBe("/srv/project/x.py");
  });

  it("refuses a path the container cannot see", () => {
    expect(() => toContainerPath("/srv/other/x.py", "/srv/project", "/w")).toThrow(
      /outside the workspace \/srv\/project/,
    );
    expect(() => toContainerPath("/srv/project-2/x.py", "/srv/project", "/w")).toThrow(InputError);
  });
});

describe("containerName", () => {
  it("gives a new valid docker name on each call", () => {
    const names = new Set(Array.from({ length: 50 }, () => containerName()));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^jit-bench-\d+-[0-9a-f]{12}$/);
  });
});
