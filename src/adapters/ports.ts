/**
 * What the modes need from the outside world, as small interfaces: the modes
 * depend on these, never on @actions/* directly, so they are tested with
 * hand-written fakes and the real adapters are tested against local servers.
 */

/** An artifact as the store knows it. */
export interface StoredArtifact {
  name: string;
  id: number;
  /** Bytes as stored (the zip), not as extracted. */
  size: number;
}

export interface ArtifactQuery {
  /**
   * Another workflow run's id. Absent means this run, which needs no token;
   * another run is reached through the REST API with the store's token.
   */
  runId?: number;
}

export interface ArtifactStore {
  /** Uploads `files` (paths under `rootDir`) as one artifact named `name`. */
  upload(
    name: string,
    files: readonly string[],
    rootDir: string,
  ): Promise<{ id: number; size: number }>;
  /**
   * Extracts the newest artifact named `name` into `destDir`, which must be
   * absent or empty, and returns the absolute paths of the files extracted,
   * sorted. Throws MissingArtifactError naming the artifacts that do exist.
   */
  download(name: string, destDir: string, query?: ArtifactQuery): Promise<string[]>;
  /** The newest artifact of each name. */
  list(query?: ArtifactQuery): Promise<StoredArtifact[]>;
}

export const COMMENT_ACTIONS = ["created", "updated", "skipped"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export type CommentResult =
  | {
      action: "created" | "updated";
      id: number;
      url: string;
      /** Why a new comment was posted where an earlier one was expected to be edited. */
      note?: string;
    }
  /** The token may not comment (fork pull request, read-only token): `reason` says what to do. */
  | { action: "skipped"; reason: string };

export interface CommentPoster {
  /**
   * Creates the comment that carries `key`, or edits the newest one already
   * there, so that each key keeps exactly one comment per pull request.
   */
  upsert(key: string, body: string): Promise<CommentResult>;
  /**
   * The commit the pull request's head is at now, as GitHub says; null when
   * it cannot be learnt. A compare for an older commit leaves the comment alone.
   */
  currentHead(): Promise<string | null>;
}

export interface JobSummary {
  /** Appends markdown to the job summary, cut with a note if over GitHub's limit. */
  write(markdown: string): Promise<void>;
}

export type PullRequestLookup =
  | { kind: "pull-request"; number: number }
  | { kind: "none"; reason: string };

export interface PullRequestFinder {
  /** The one open pull request whose head is the head repository, branch and commit GitHub reports for the run. */
  ofRun(runId: number): Promise<PullRequestLookup>;
}
