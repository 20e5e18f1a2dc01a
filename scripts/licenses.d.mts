/** Types for scripts/licenses.mjs, which the build runs as plain JavaScript. */
export function bundledPackages(statsPath: string): string[];
export function renderLicenses(statsPath: string): string;
