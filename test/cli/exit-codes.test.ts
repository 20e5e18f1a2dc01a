/**
 * Every subcommand's usage and input errors exit 2 through the bundled CLI, as
 * users run it: 1 is kept for a regression under --fail-on-regression, which
 * a script must be able to tell apart from a mistyped flag.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./support.js";

const R = "test/fixtures/results";

const usageErrors: { command: string; args: string[]; says: RegExp }[] = [
  { command: "run", args: ["run", "--procesess", "3"], says: /--procesess/ },
  { command: "run", args: ["run", "--processes", "0"], says: /--processes/ },
  { command: "run", args: ["run", "--legs", "sideways"], says: /--legs/ },
  {
    command: "compare",
    args: ["compare", "--bogus", `${R}/off.json`, `${R}/on.json`],
    says: /--bogus/,
  },
  {
    command: "compare",
    args: ["compare", "--format", "xml", `${R}/off.json`, `${R}/on.json`],
    says: /xml/,
  },
  { command: "compare", args: ["compare"], says: /baseline/ },
  { command: "compare", args: ["compare", "a", "b", "c"], says: /too many arguments/ },
  { command: "probe", args: ["probe", "--bogus"], says: /--bogus/ },
  { command: "probe", args: ["probe", "--python", "/no/such/python"], says: /\/no\/such\/python/ },
  { command: "advise", args: ["advise", "--dockerfile", "Dockerfile", "--bogus"], says: /--bogus/ },
  {
    command: "advise",
    args: ["advise", "--dockerfile", "/no/such/Dockerfile"],
    says: /does not exist/,
  },
  { command: "(none)", args: ["--bogus"], says: /--bogus/ },
  { command: "(none)", args: ["bogus"], says: /bogus/ },
];

describe("exit codes of every subcommand", () => {
  for (const c of usageErrors) {
    it(`${c.command}: \`jit-bench ${c.args.join(" ")}\` exits 2 and names the problem`, async () => {
      const result = await runCli(c.args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(c.says);
      expect(result.stdout).toBe("");
    });
  }

  for (const command of ["run", "compare", "probe", "advise"]) {
    // run and compare also exit 3 when a benchmark failed.
    const codes = ["run", "compare"].includes(command)
      ? ["0", "1", "2", "3", "70"]
      : ["0", "1", "2", "70"];
    it(`${command} --help exits 0 and documents exit codes ${codes.join(", ")}`, async () => {
      const result = await runCli([command, "--help"]);
      expect(result.code, result.stderr).toBe(0);
      for (const code of codes) {
        expect(result.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, "m"));
      }
    });
  }
});
