/**
 * Artifact names for leg results. Run mode uploads under these names and
 * compare mode derives the same names to check that no leg or shard is
 * missing before it downloads anything.
 *
 *   `${prefix}jit-bench-${leg}`                      one job ran the whole leg
 *   `${prefix}jit-bench-${leg}-shard-${i}-of-${n}`   shard i (1-based) of n
 *   `${prefix}jit-bench-variants`                     a run with the `variants` setting
 */
import { InputError } from "./errors.js";
import { LEGS, type Leg } from "./results.js";
import { MAX_SHARDS } from "./shard.js";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ArtifactNameParts {
  prefix: string;
  leg: Leg;
  shard: Shard | null;
}

/** Safe in artifact names and in file names on every runner OS. */
const PREFIX_PATTERN = /^[A-Za-z0-9._-]{0,100}$/;

export function validateArtifactPrefix(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new InputError(
      "artifact-prefix",
      prefix,
      "may hold only letters, digits, '.', '_' and '-', at most 100 of them",
      'Use a prefix such as "py313-" or leave it empty.',
    );
  }
  return prefix;
}

function validateShard(shard: Shard): void {
  const ok =
    Number.isSafeInteger(shard.index) &&
    Number.isSafeInteger(shard.count) &&
    shard.count >= 1 &&
    shard.index >= 1 &&
    shard.index <= shard.count;
  if (!ok) {
    throw new InputError(
      "shard",
      `${shard.index}/${shard.count}`,
      "must be i/n with whole numbers 1 <= i <= n",
      "Use for example shard 1/3, 2/3 and 3/3 in three jobs.",
    );
  }
}

export function artifactName({ prefix, leg, shard }: ArtifactNameParts): string {
  validateArtifactPrefix(prefix);
  const base = `${prefix}jit-bench-${leg}`;
  if (shard === null) return base;
  validateShard(shard);
  return `${base}-shard-${shard.index}-of-${shard.count}`;
}

/**
 * The one artifact of a run with the `variants` setting: never sharded, and
 * never a leg's name, so compare mode tells the two kinds of run apart by
 * name before it reads a byte of either.
 */
export function variantsArtifactName(prefix: string): string {
  validateArtifactPrefix(prefix);
  return `${prefix}jit-bench-variants`;
}

/** The parts of a name made by artifactName with this prefix, or null for any other name. */
export function parseArtifactName(name: string, prefix: string): ArtifactNameParts | null {
  if (!name.startsWith(prefix)) return null;
  const match = /^jit-bench-(off|on)(?:-shard-([1-9]\d{0,5})-of-([1-9]\d{0,5}))?$/.exec(
    name.slice(prefix.length),
  );
  if (!match) return null;
  const leg = LEGS.find((candidate) => candidate === match[1]);
  if (leg === undefined) return null;
  if (match[2] === undefined || match[3] === undefined) return { prefix, leg, shard: null };
  const shard = { index: Number(match[2]), count: Number(match[3]) };
  // More shards than any run makes is no name of ours, and would cost a list that long.
  return shard.index <= shard.count && shard.count <= MAX_SHARDS ? { prefix, leg, shard } : null;
}

/** What a run's artifacts hold for one leg. */
export type LegArtifacts =
  /** Either the one unsharded artifact or every shard 1..n, in shard order. */
  | { status: "complete"; names: string[] }
  | { status: "absent"; expected: string }
  | { status: "incomplete"; count: number; missing: string[]; present: string[] }
  /** Shards disagreeing on n, or sharded and unsharded uploads side by side. */
  | { status: "conflicting"; names: string[] };

export function legArtifacts(available: readonly string[], prefix: string, leg: Leg): LegArtifacts {
  validateArtifactPrefix(prefix);
  const mine = [...new Set(available)]
    .map((name) => ({ name, parts: parseArtifactName(name, prefix) }))
    .filter((entry) => entry.parts?.leg === leg);
  if (mine.length === 0)
    return { status: "absent", expected: artifactName({ prefix, leg, shard: null }) };

  const counts = new Set(mine.map((entry) => entry.parts?.shard?.count ?? 0));
  if (counts.size > 1)
    return { status: "conflicting", names: mine.map((entry) => entry.name).sort() };

  const [count = 0] = counts;
  if (count === 0) return { status: "complete", names: mine.map((entry) => entry.name) };

  const expected = Array.from({ length: count }, (_, i) =>
    artifactName({ prefix, leg, shard: { index: i + 1, count } }),
  );
  const present = new Set(mine.map((entry) => entry.name));
  const missing = expected.filter((name) => !present.has(name));
  if (missing.length > 0) {
    return {
      status: "incomplete",
      count,
      missing,
      present: expected.filter((n) => present.has(n)),
    };
  }
  return { status: "complete", names: expected };
}

/**
 * The artifact names holding one leg, or MissingArtifactError saying which
 * are missing and which exist. `where` names the run: "this workflow run".
 */
export function requireLegArtifacts(
  available: readonly string[],
  prefix: string,
  leg: Leg,
  where: string,
): string[] {
  const found = legArtifacts(available, prefix, leg);
  switch (found.status) {
    case "complete":
      return found.names;
    case "absent":
      throw new MissingArtifactError([found.expected], available, where);
    case "incomplete":
      throw new MissingArtifactError(found.missing, available, where);
    case "conflicting":
      throw new MissingArtifactError(
        [],
        available,
        where,
        `The artifacts for leg "${leg}" disagree on sharding: ${found.names.join(", ")}. ` +
          "Use one shard count per leg, and delete or rename leftovers from older runs.",
      );
    default:
      return exhaustive(found);
  }
}

/** An artifact compare needs is not there; the message lists what is. */
export class MissingArtifactError extends Error {
  override readonly name = "MissingArtifactError";

  constructor(
    readonly expected: readonly string[],
    readonly available: readonly string[],
    readonly where: string,
    detail?: string,
  ) {
    super(detail ?? missingMessage(expected, available, where));
  }
}

function missingMessage(
  expected: readonly string[],
  available: readonly string[],
  where: string,
): string {
  const wanted = expected.map((name) => JSON.stringify(name)).join(", ");
  const noun = expected.length === 1 ? "Artifact" : "Artifacts";
  const existing =
    available.length === 0
      ? "it has no artifacts"
      : `it has ${available.map((name) => JSON.stringify(name)).join(", ")}`;
  return (
    `${noun} ${wanted} not found in ${where}; ${existing}. ` +
    "Check that every run job finished and uploaded with the same artifact prefix and shard count, " +
    "that compare runs after them, and that the artifacts have not expired."
  );
}

function exhaustive(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
