// The bundled suite imports, and every benchmark runs or is skipped for its
// documented reason, on the oldest and newest interpreters we support.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canImport, checkSuite, pyenvPython, pythonVersion, SUITE_DIR } from "./python.js";

const ARIA = [
  "bench_async_context_switch",
  "bench_context_assembly",
  "bench_json_serialization",
  "bench_model_resolution",
  "bench_pheromone_scoring",
  "bench_semaphore_acquire",
  "bench_toml_parsing",
  "bench_yaml_parsing",
];
const CLASSICS = [
  "bench_fannkuch",
  "bench_float",
  "bench_generators",
  "bench_nbody",
  "bench_richards",
  "bench_spectral_norm",
  "bench_unpack_sequence",
];
const ALL = [...ARIA, ...CLASSICS].sort();

const TOML_SKIP = /^skipped: tomllib needs Python 3\.11\+ \(this is 3\.(9|10)\.\d+\)$/;
const YAML_SKIP = /^skipped: PyYAML is not installed/;

/** What each benchmark must report on an interpreter, from facts found independently of the suite. */
function expectedStatus(name: string, version: [number, number], hasYaml: boolean): RegExp {
  switch (name) {
    case "bench_toml_parsing":
      return version[0] === 3 && version[1] < 11 ? TOML_SKIP : /^ok$/;
    case "bench_yaml_parsing":
      return hasYaml ? /^ok$/ : YAML_SKIP;
    default:
      return /^ok$/;
  }
}

const INTERPRETERS = [
  ["3.9", pyenvPython("3.9")],
  ["3.10", pyenvPython("3.10")],
  ["3.13", pyenvPython("3.13")],
  ["python3", "python3"],
] as const;

describe.each(INTERPRETERS)("the bundled suite on %s", (_label, python) => {
  it("imports every file and runs or skips every benchmark for its documented reason", async () => {
    const [version, hasYaml, report] = await Promise.all([
      pythonVersion(python),
      canImport(python, "yaml"),
      checkSuite(python, SUITE_DIR),
    ]);

    for (const [file, status] of Object.entries(report.files)) {
      expect(status, file).toBe("ok");
    }
    expect(report.duplicates).toEqual([]);
    expect(Object.keys(report.benchmarks).sort()).toEqual(ALL);
    for (const [name, status] of Object.entries(report.benchmarks)) {
      expect(status, name).toMatch(expectedStatus(name, version, hasYaml));
    }
  });
});

describe("the bundled suite without PyYAML", () => {
  it("skips only the YAML benchmark, with the reason, and still resolves models", async () => {
    const report = await checkSuite("python3", SUITE_DIR, ["--without", "yaml"]);

    expect(report.benchmarks.bench_yaml_parsing).toMatch(YAML_SKIP);
    expect(report.benchmarks.bench_model_resolution).toBe("ok");
    const others = Object.entries(report.benchmarks).filter(([n]) => n !== "bench_yaml_parsing");
    expect(others.map(([n]) => n).sort()).toEqual(ALL.filter((n) => n !== "bench_yaml_parsing"));
    for (const [name, status] of others) expect(status, name).toBe("ok");
  });
});

describe("import-time self-checks", () => {
  const scratch = mkdtempSync(join(tmpdir(), "jit-bench-broken-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("make a wrong port fail on import, naming the benchmark and the expected answer", async () => {
    // Forget the checksum's alternating sign: fannkuch still runs, but sums wrong.
    const source = readFileSync(join(SUITE_DIR, "classics", "bench_fannkuch.py"), "utf8");
    const broken = source.replace("checksum += -flips if parity else flips", "checksum += flips");
    expect(broken).not.toBe(source);
    writeFileSync(join(scratch, "bench_fannkuch.py"), broken);
    copyFileSync(join(SUITE_DIR, "classics", "bench_nbody.py"), join(scratch, "bench_nbody.py"));

    const report = await checkSuite("python3", scratch);

    expect(report.files["bench_fannkuch.py"]).toMatch(
      /^error: RuntimeError: bench_fannkuch self-check failed: .*expected \(228, 16\)/,
    );
    expect(report.files["bench_nbody.py"]).toBe("ok");
    expect(Object.keys(report.benchmarks)).toEqual(["bench_nbody"]);
  });
});
