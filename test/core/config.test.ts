import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CONFIG_KEYS,
  type ConfigFile,
  ConfigFileSchema,
  configKeyDocs,
  DEFAULT_SETTINGS,
  parseConfigText,
  resolveRunSettings,
} from "../../src/core/config/settings.js";
import { SettingsRecordSchema } from "../../src/core/results.js";

const CWD = "/work/project";

function yamlFile(text: string, dir = "/repo"): ConfigFile {
  const file = parseConfigText(text, {
    file: "jit-bench.yml",
    syntax: "yaml",
    pyproject: false,
    dir,
  });
  if (file === null) throw new Error("a YAML file always has settings");
  return file;
}

function pyproject(text: string, dir = "/repo"): ConfigFile {
  const file = parseConfigText(text, {
    file: "pyproject.toml",
    syntax: "toml",
    pyproject: true,
    dir,
  });
  if (file === null) throw new Error("expected a [tool.jit-bench] table");
  return file;
}

describe("resolveRunSettings: defaults", () => {
  it("uses every default, rooted in the working directory, when nothing is set", () => {
    expect(resolveRunSettings({ flags: {}, file: null, cwd: CWD })).toEqual({
      suite: ["benchmarks"],
      root: CWD,
      python: ["python3"],
      legs: "both",
      processes: 6,
      warmups: 3,
      values: "auto",
      minTimeMs: 1,
      timer: "cpu",
      pairing: "alternate",
      timeoutMs: 60_000,
      precision: 0.01,
      budgetMs: 120_000,
      maxRegression: 0.1,
      include: [],
      exclude: [],
      outputDir: `${CWD}/.jit-bench`,
      report: `${CWD}/docs/benchmarks.md`,
      overwrite: false,
      profile: false,
      profileTimeMs: 2000,
      allowFailures: false,
      defaultSampling: true,
      tests: null,
      testsTimeoutMs: 600_000,
      variants: [],
      // Nothing set: each setting is named as its flag.
      names: Object.fromEntries(CONFIG_KEYS.map((key) => [key, `--${key}`])),
    });
  });

  it("roots an empty settings file in its own folder", () => {
    const settings = resolveRunSettings({ flags: {}, file: yamlFile("", "/repo/app"), cwd: CWD });
    expect(settings.root).toBe("/repo/app");
    expect(settings.outputDir).toBe("/repo/app/.jit-bench");
  });

  it("hands out fresh lists, so one run's changes never leak into the next", () => {
    const first = resolveRunSettings({ flags: {}, file: null, cwd: CWD });
    first.suite.push("elsewhere");
    first.python.push("-X");
    expect(resolveRunSettings({ flags: {}, file: null, cwd: CWD }).suite).toEqual(["benchmarks"]);
    expect(DEFAULT_SETTINGS.python).toEqual(["python3"]);
  });

  it("has defaults that a results file accepts as its settings record", () => {
    expect(SettingsRecordSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });
});

describe("resolveRunSettings: files", () => {
  it("reads every key of a YAML file, converting units and lists", () => {
    const file = yamlFile(
      [
        "suite: [benchmarks/python, tests/benchmarks]",
        "python: python3.13 -X dev",
        "legs: on",
        "processes: 8",
        "warmups: 0",
        "values: 5",
        "min-time: 250ms",
        "timer: wall",
        "pairing: concurrent",
        "timeout: 2m",
        "max-regression: 5%",
        "include: bench_json*",
        "exclude: [bench_slow, 'bench_[ab]*']",
        "output-dir: out/results",
        "report: null",
        "overwrite: true",
        "profile: true",
        "profile-time: 500ms",
        "allow-failures: true",
        "tests: pytest -q -x",
        "tests-timeout: 90s",
        "variants:",
        "  - '3.13: python3.13'",
        "  - name: 3.14 + JIT",
        "    python: python3.14 -X dev",
        "    env: { PYTHON_JIT: 1 }",
      ].join("\n"),
    );
    expect(resolveRunSettings({ flags: {}, file, cwd: CWD })).toEqual({
      suite: ["benchmarks/python", "tests/benchmarks"],
      root: "/repo",
      python: ["python3.13", "-X", "dev"],
      legs: "on",
      processes: 8,
      warmups: 0,
      values: 5,
      minTimeMs: 250,
      timer: "wall",
      pairing: "concurrent",
      timeoutMs: 120_000,
      // processes set without precision: exactly that many, no sequential sampling.
      precision: null,
      fixedBy: "jit-bench.yml: processes",
      budgetMs: 120_000,
      maxRegression: 0.05,
      include: ["bench_json*"],
      exclude: ["bench_slow", "bench_[ab]*"],
      outputDir: "/repo/out/results",
      report: null,
      overwrite: true,
      profile: true,
      profileTimeMs: 500,
      allowFailures: true,
      tests: "pytest -q -x",
      testsTimeoutMs: 90_000,
      variants: [
        { name: "3.13", python: ["python3.13"], env: [], image: null },
        {
          name: "3.14 + JIT",
          python: ["python3.14", "-X", "dev"],
          env: [["PYTHON_JIT", "1"]],
          image: null,
        },
      ],
      // Each setting is named as the file spells it; the three it left out, as their flags.
      names: Object.fromEntries(
        CONFIG_KEYS.map((key) => [
          key,
          ["root", "precision", "budget"].includes(key) ? `--${key}` : `jit-bench.yml: ${key}`,
        ]),
      ),
    });
  });

  it("reads [tool.jit-bench] from pyproject.toml, taking a python list as is", () => {
    const file = pyproject(
      '[tool.jit-bench]\npython = ["/opt/python 3.13/bin/python3", "-X", "dev"]\nmin-time = "1.5s"\ntimeout = 60000\nreport = false\n',
    );
    const settings = resolveRunSettings({ flags: {}, file, cwd: CWD });
    expect(settings.python).toEqual(["/opt/python 3.13/bin/python3", "-X", "dev"]);
    expect(settings.minTimeMs).toBe(1500);
    expect(settings.timeoutMs).toBe(60_000);
    expect(settings.report).toBeNull();
  });

  it("resolves a file's root against the file's folder, and other paths against that root", () => {
    const file = yamlFile(
      "root: ../service\nreport: docs/jit.md\noutput-dir: /tmp/jb\n",
      "/repo/ci",
    );
    const settings = resolveRunSettings({ flags: {}, file, cwd: CWD });
    expect(settings.root).toBe("/repo/service");
    expect(settings.report).toBe("/repo/service/docs/jit.md");
    expect(settings.outputDir).toBe("/tmp/jb");
    expect(settings.suite).toEqual(["benchmarks"]);
  });

  it("splits a python string on any run of whitespace, with no shell quoting", () => {
    const file = yamlFile('python: "  python3.13\\t-X   dev \\"quoted arg\\" "\n');
    expect(resolveRunSettings({ flags: {}, file, cwd: CWD }).python).toEqual([
      "python3.13",
      "-X",
      "dev",
      '"quoted',
      'arg"',
    ]);
  });
});

describe("resolveRunSettings: flags", () => {
  it("converts flag strings: numbers, durations, python argv", () => {
    const settings = resolveRunSettings({
      flags: {
        processes: "12",
        warmups: "0",
        values: "3",
        "min-time": "100us",
        timeout: "1.5s",
        python: "python3.12 -S",
        legs: "off",
      },
      file: null,
      cwd: CWD,
    });
    expect(settings).toMatchObject({
      processes: 12,
      warmups: 0,
      values: 3,
      minTimeMs: 0.1,
      timeoutMs: 1500,
      python: ["python3.12", "-S"],
      legs: "off",
    });
  });

  it("takes a bare number for a duration as milliseconds", () => {
    const settings = resolveRunSettings({ flags: { "min-time": "25" }, file: null, cwd: CWD });
    expect(settings.minTimeMs).toBe(25);
  });

  it("overrides the file key by key, lists replaced rather than merged", () => {
    const file = yamlFile("processes: 8\nvalues: 5\ninclude: [a*, b*]\nlegs: on\nreport: r.md\n");
    const settings = resolveRunSettings({
      flags: { processes: "3", include: ["c*"], report: false },
      file,
      cwd: CWD,
    });
    expect(settings.processes).toBe(3);
    expect(settings.values).toBe(5);
    expect(settings.legs).toBe("on");
    expect(settings.include).toEqual(["c*"]);
    expect(settings.report).toBeNull();
  });

  it("lets a --report path override report: false in the file", () => {
    const file = pyproject("[tool.jit-bench]\nreport = false\n");
    const settings = resolveRunSettings({ flags: { report: "out.md" }, file, cwd: CWD });
    expect(settings.report).toBe("/repo/out.md");
  });

  it("ignores flags that were not given", () => {
    const file = yamlFile("processes: 8\n");
    const settings = resolveRunSettings({ flags: { processes: undefined }, file, cwd: CWD });
    expect(settings.processes).toBe(8);
  });

  it("resolves --root against the working directory, even with a settings file elsewhere", () => {
    const file = yamlFile("root: ignored\noutput-dir: out\n", "/repo");
    const settings = resolveRunSettings({ flags: { root: "../svc" }, file, cwd: CWD });
    expect(settings.root).toBe("/work/svc");
    expect(settings.outputDir).toBe("/work/svc/out");
  });

  it("refuses a relative working directory, which would make the result depend on the process", () => {
    expect(() => resolveRunSettings({ flags: {}, file: null, cwd: "project" })).toThrow(
      /absolute cwd/,
    );
  });
});

describe("the key list", () => {
  it("documents every key once, in order, with a flag and a description", () => {
    const docs = configKeyDocs();
    expect(docs.map((doc) => doc.key)).toEqual([...CONFIG_KEYS]);
    for (const doc of docs) {
      expect(doc.flag).toBe(`--${doc.key}`);
      expect(doc.description.length).toBeGreaterThan(10);
    }
    expect(docs.find((doc) => doc.key === "root")?.default).toBeNull();
    expect(docs.find((doc) => doc.key === "min-time")?.default).toBe("1ms");
  });

  it("yields a JSON Schema for settings files from the same schema", () => {
    const schema = z.toJSONSchema(ConfigFileSchema, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual([...CONFIG_KEYS]);
    expect(schema.additionalProperties).toBe(false);
    for (const doc of configKeyDocs()) {
      expect(schema.properties[doc.key]?.description).toBe(doc.description);
    }
  });
});
