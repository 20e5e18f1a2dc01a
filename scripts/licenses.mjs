// The third-party licenses of a bundle, from ncc's webpack stats (--stats-out).
//
// ncc writes licenses.txt for the entry chunk alone, so the packages that are
// only in a lazily loaded chunk (@actions/artifact's Azure client, Octokit)
// would be left out. This lists every package whose code is in any chunk of
// the bundle, in the same layout: name, license, license text, a blank line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The package folders (node_modules/<name> or node_modules/@scope/<name>) a stats file names. */
export function bundledPackages(statsPath) {
  const stats = JSON.parse(readFileSync(statsPath, "utf8"));
  const roots = new Set();
  const walk = (modules) => {
    for (const module of modules ?? []) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(
        (module.name ?? "").replace(/^\.\//, ""),
      );
      if (match) roots.add(match[1]);
      walk(module.modules);
    }
  };
  walk(stats.modules);
  return [...roots];
}

function licenseOf(root) {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const type =
    typeof manifest.license === "string"
      ? manifest.license
      : (manifest.license?.type ?? manifest.licenses?.map((l) => l.type).join(" OR ") ?? "");
  const file = readdirSync(root)
    .filter((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name))
    .sort()[0];
  const text = file === undefined ? "" : readFileSync(join(root, file), "utf8").trim();
  return { name: manifest.name, type, text };
}

/** licenses.txt for the packages in the stats file, sorted by name, each package once. */
export function renderLicenses(statsPath) {
  const byName = new Map();
  for (const root of bundledPackages(statsPath)) {
    if (!existsSync(join(root, "package.json"))) continue;
    const license = licenseOf(root);
    if (license.name && !byName.has(license.name)) byName.set(license.name, license);
  }
  return [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, type, text }) => `${name}\n${type}\n${text}\n`)
    .join("\n");
}
