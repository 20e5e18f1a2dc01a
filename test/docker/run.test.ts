// Python inside the test image, started with the argv the workers use.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTAINER_HARNESS_DIR,
  containerName,
  type DockerPythonOptions,
  dockerPythonArgv,
} from "../../src/adapters/docker.js";
import { requireEngine, run, TEST_IMAGE } from "./engine.js";

beforeAll(requireEngine);

// A workspace whose path has a space and a comma, which a shell or a naive --mount would split.
const root = mkdtempSync(join(tmpdir(), "jit-bench-docker-"));
const workspace = join(root, "my project, v2");
const harness = join(root, "harness");
mkdirSync(workspace);
mkdirSync(harness);
writeFileSync(join(workspace, "bench_data.txt"), "from the host\n");
// A stand-in harness: reports what the real one would depend on.
writeFileSync(
  join(harness, "__main__.py"),
  `import json, os, sys
def can_write(folder):
    try:
        with open(os.path.join(folder, "written.txt"), "w") as f:
            f.write("from the container")
        return "yes"
    except OSError as e:
        return e.strerror
print(json.dumps({
    "argv": sys.argv,
    "cwd": os.getcwd(),
    "data": open("bench_data.txt").read(),
    "harness_writable": can_write(os.path.dirname(os.path.abspath(__file__))),
    "workspace_writable": can_write(os.getcwd()),
    "image": os.environ.get("JIT_BENCH_IMAGE"),
    "stdin": sys.stdin.read(),
}))
`,
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function options(overrides: Partial<DockerPythonOptions> = {}): DockerPythonOptions {
  return {
    image: TEST_IMAGE,
    workspace,
    harnessDir: harness,
    python: ["python3"],
    name: containerName("jit-bench-test"),
    ...overrides,
  };
}

function python(code: string, env: NodeJS.ProcessEnv = process.env) {
  return run([...dockerPythonArgv(options()).argv, "-c", code], env);
}

describe("Python in the image", () => {
  it("runs Debian's Python 3.11", async () => {
    const result = await python("import sys; print(sys.version_info[:2])");
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("(3, 11)");
    expect(result.code).toBe(0);
  });

  it("has no network but loopback", async () => {
    const result = await python(
      "import os, socket; print(sorted(os.listdir('/sys/class/net'))); print([n for _, n in socket.if_nameindex()])",
    );
    expect(result.stdout.trim().split("\n")).toEqual(["['lo']", "['lo']"]);
  });

  it("sees PYTHON_JIT from the docker client's environment, and only when set", async () => {
    const code = "import os; print(repr(os.environ.get('PYTHON_JIT')))";
    const { PYTHON_JIT: _, ...without } = process.env;
    expect((await python(code, { ...without, PYTHON_JIT: "1" })).stdout.trim()).toBe("'1'");
    expect((await python(code, { ...without, PYTHON_JIT: "0" })).stdout.trim()).toBe("'0'");
    expect((await python(code, without)).stdout.trim()).toBe("None");
  });

  it("passes a value verbatim, shell characters and all", async () => {
    const value = `a b'"$HOME;\`id\` *`;
    const { argv } = dockerPythonArgv(options({ env: ["JIT_BENCH_PROBE_VALUE"] }));
    const result = await run(
      [...argv, "-c", "import os; print(os.environ['JIT_BENCH_PROBE_VALUE'], end='')"],
      { ...process.env, JIT_BENCH_PROBE_VALUE: value },
    );
    expect(result.stdout).toBe(value);
  });

  it("fails at once, without pulling, when the image is missing", async () => {
    const result = await run([
      ...dockerPythonArgv(options({ image: "jit-bench-test/absent:never-built" })).argv,
      "-c",
      "print('ran')",
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/no such image/i);
  });
});

describe("the harness folder", () => {
  it("runs read-only from its mount, in the workspace, with arguments and stdin intact", async () => {
    const prefix = dockerPythonArgv(options());
    const result = await run(
      [...prefix.argv, prefix.harnessDir, "probe", "--root", prefix.workdir, "two words"],
      process.env,
      "hello from the worker\n",
    );
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toEqual({
      argv: [CONTAINER_HARNESS_DIR, "probe", "--root", workspace, "two words"],
      cwd: workspace,
      data: "from the host\n",
      harness_writable: "Read-only file system",
      workspace_writable: "yes",
      image: TEST_IMAGE,
      stdin: "hello from the worker\n",
    });
    expect(readFileSync(join(workspace, "written.txt"), "utf8")).toBe("from the container");
    expect(existsSync(join(harness, "written.txt"))).toBe(false);
  });

  it("sees the workspace at another path when one is given", async () => {
    const prefix = dockerPythonArgv(options({ containerWorkdir: "/workspace" }));
    const result = await run([...prefix.argv, prefix.harnessDir]);
    const report = JSON.parse(result.stdout) as { cwd: string; data: string };
    expect(report.cwd).toBe("/workspace");
    expect(report.data).toBe("from the host\n");
  });
});

describe("jit-bench's own harness", () => {
  it("answers probe from inside the container, naming the image it ran in", async () => {
    const prefix = dockerPythonArgv(
      options({ harnessDir: fileURLToPath(new URL("../../src/harness", import.meta.url)) }),
    );
    const request = JSON.stringify({ root: prefix.workdir });
    const result = await run([...prefix.argv, prefix.harnessDir, "probe", request], {
      ...process.env,
      PYTHON_JIT: "1",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const messages = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(messages.map((m) => m.type)).toEqual(["hello", "probe"]);
    expect(messages[1]).toMatchObject({
      interpreter: { implementation: "CPython", executable: "/usr/bin/python3" },
      fingerprint: { containerImage: TEST_IMAGE },
      // Debian's 3.11 predates the JIT: the probe must say so, not guess.
      jit: { compiled: false, active: false },
    });
  });
});
