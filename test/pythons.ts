/**
 * The interpreters the tests run on, discovered rather than named by patch
 * version: pyenv's newest build of each series, and Debian's python3.11.
 * `.ci/provision` checks for the same list before `npm test` runs, and says
 * how to get what is missing; a test that asks for a missing one fails with
 * that advice instead of a bare ENOENT.
 */
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Every pyenv series some test needs; keep in step with PYENV_SERIES in .ci/provision. */
export const PYENV_SERIES = ["2.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"] as const;
export type PyenvSeries = (typeof PYENV_SERIES)[number];

export const PYENV_VERSIONS = join(process.env.PYENV_ROOT ?? join(homedir(), ".pyenv"), "versions");

/** Plain CPython releases installed under pyenv (3.13.0, not 3.13t or pypy), newest last. */
function installed(series: string, versions: string): string[] {
  let names: string[];
  try {
    names = readdirSync(versions);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(`${series}.`) && /^\d+\.\d+\.\d+$/.test(name))
    .filter((name) => existsSync(join(versions, name, "bin", `python${series}`)))
    .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
}

/** The newest installed CPython of a series, e.g. ~/.pyenv/versions/3.13.5/bin/python3.13. */
export function pyenvPython(series: PyenvSeries, versions = PYENV_VERSIONS): string {
  const version = installed(series, versions).at(-1);
  if (version === undefined) {
    throw new Error(
      `No CPython ${series}.x under ${versions}: the tests need one. ` +
        `Install it with \`pyenv install ${series}\`; \`bash .ci/provision\` lists everything the tests need.`,
    );
  }
  return join(versions, version, "bin", `python${series}`);
}

/** The full version of a pyenv interpreter, read from its folder: "3.13.0". */
export function pyenvVersion(python: string): string {
  const match = /\/(\d+\.\d+\.\d+)\/bin\/python[\d.]+$/.exec(python);
  if (!match?.[1]) throw new Error(`${python} is not a pyenv CPython`);
  return match[1];
}

/** Debian's interpreter (the bookworm package python3.11), which the Docker test image also runs. */
export const DEBIAN_PYTHON = "/usr/bin/python3.11";
