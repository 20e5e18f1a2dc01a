/**
 * The sticky pull request comment. Each comment starts with a hidden marker,
 * `<!-- jit-bench:KEY -->`; a later run finds the newest comment carrying its
 * key and edits it, so a pull request keeps one report per key however often
 * the workflow runs, and two workflows with different keys keep one each.
 *
 * Anyone can write a comment that starts with the marker, so only one the
 * token's own identity wrote is ever edited: a look-alike by someone else is
 * left alone. When our own comment cannot be edited, a new one is posted and
 * the result says why.
 */
import { InputError } from "../core/errors.js";
import { COMMENT_LIMIT_CHARS } from "../core/render/limits.js";
import { lazyOctokit, type Octokit } from "./github-client.js";
import { fitBody, forbiddenReason } from "./github-comment-text.js";
import {
  DEFAULT_RETRY_POLICY,
  GitHubForbiddenError,
  GitHubRequestError,
  type RetryPolicy,
  requestWithRetries,
} from "./github-requests.js";
import type { CommentPoster, CommentResult } from "./ports.js";

/** Letters, digits, '.', '_' and '-': nothing that can end the HTML comment or start markup. */
const KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

const PER_PAGE = 100;
/** 10,000 comments: beyond any real pull request, and a bound on a misbehaving server. */
const MAX_PAGES = 100;

export function commentMarker(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new InputError(
      "comment-key",
      key,
      "must be 1 to 64 letters, digits, '.', '_' or '-'",
      'Use a key such as "jit-bench" or "nightly-py313".',
    );
  }
  return `<!-- jit-bench:${key} -->`;
}

export interface GitHubCommentOptions {
  token: string;
  owner: string;
  repo: string;
  /** The pull request (an issue number to the REST API). */
  issueNumber: number;
  /** The REST API root; GITHUB_API_URL, else api.github.com, when absent. */
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user: { login: string } | null;
}

/** Whose comments are ours: a login, or why it could not be learnt. */
type Identity = { login: string } | { login: null; why: string };

export function createGitHubCommentPoster(options: GitHubCommentOptions): CommentPoster {
  return new GitHubCommentPoster(options);
}

class GitHubCommentPoster implements CommentPoster {
  readonly #client: () => Promise<Octokit>;
  readonly #policy: RetryPolicy;
  readonly #where: { owner: string; repo: string };
  readonly #issueNumber: number;
  readonly #secrets: readonly string[];

  constructor(options: GitHubCommentOptions) {
    this.#client = lazyOctokit(options.token, options.baseUrl);
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#where = { owner: options.owner, repo: options.repo };
    this.#issueNumber = options.issueNumber;
    this.#secrets = [options.token];
  }

  async upsert(key: string, body: string): Promise<CommentResult> {
    const marker = commentMarker(key);
    const text = `${marker}\n${fitBody(body, COMMENT_LIMIT_CHARS - marker.length - 1)}`;
    try {
      const octokit = await this.#client();
      const { rest } = octokit;
      const identity = await this.#identity(octokit);
      let note: string | undefined;
      if (identity.login === null) {
        note = `Posted a new comment instead of editing an earlier one: ${identity.why}.`;
      } else {
        const existing = newestOf(await this.#ours(rest, marker, identity.login));
        if (existing !== null) {
          const updated = await this.#update(rest, existing.id, text);
          if (updated.kind === "updated")
            return { action: "updated", id: updated.comment.id, url: updated.comment.html_url };
          note = `Posted a new comment: the earlier one (${existing.html_url}) ${updated.why}.`;
        }
      }
      const created = await this.#call("create the pull request comment", (request) =>
        rest.issues.createComment({
          ...this.#where,
          issue_number: this.#issueNumber,
          body: text,
          request,
        }),
      );
      // Only after finding none: an earlier comment that could not be edited is not merged into.
      if (identity.login !== null && note === undefined) {
        const kept = await this.#keepOne(rest, marker, identity.login, created.data.id, text);
        if (kept !== null) return kept;
      }
      return {
        action: "created",
        id: created.data.id,
        url: created.data.html_url,
        ...(note === undefined ? {} : { note }),
      };
    } catch (error: unknown) {
      if (error instanceof GitHubForbiddenError)
        return { action: "skipped", reason: forbiddenReason(error) };
      throw this.#explain(error);
    }
  }

  async currentHead(): Promise<string | null> {
    try {
      const octokit = await this.#client();
      const { data } = await this.#call("read the pull request's head commit", (request) =>
        octokit.rest.pulls.get({ ...this.#where, pull_number: this.#issueNumber, request }),
      );
      return typeof data.head?.sha === "string" ? data.head.sha : null;
    } catch (error: unknown) {
      if (error instanceof GitHubRequestError) return null;
      throw error;
    }
  }

  /**
   * The login this token writes as. A user's token answers GET /user; an app
   * installation token (GITHUB_TOKEN is one) is refused there, and GraphQL's
   * viewer names it instead ("github-actions[bot]").
   */
  async #identity(octokit: Octokit): Promise<Identity> {
    try {
      const { data } = await this.#call("find whose token this is", (request) =>
        octokit.rest.users.getAuthenticated({ request }),
      );
      return { login: data.login };
    } catch (error: unknown) {
      if (!(error instanceof GitHubRequestError) || (error.status !== 403 && error.status !== 404))
        throw error;
    }
    try {
      const data = await this.#call("find which app this token belongs to", (request) =>
        octokit.graphql<{ viewer?: { login?: unknown } }>("query { viewer { login } }", {
          request,
        }),
      );
      const login = data.viewer?.login;
      if (typeof login === "string" && login !== "") return { login };
      return { login: null, why: "GitHub did not say whose token this is" };
    } catch (error: unknown) {
      const said = error instanceof Error ? error.message : String(error);
      return { login: null, why: `GitHub did not say whose token this is (${said})` };
    }
  }

  /**
   * Two jobs for one pull request that both found no comment both create one.
   * Each then looks again: when an older comment of ours with the marker is
   * there, the report goes into that one and the new one is deleted, so the
   * two converge on one comment. Null when ours is the only one.
   */
  async #keepOne(
    rest: Octokit["rest"],
    marker: string,
    login: string,
    createdId: number,
    text: string,
  ): Promise<CommentResult | null> {
    const oldest = oldestOf(await this.#ours(rest, marker, login));
    if (oldest === null || oldest.id >= createdId) return null;
    const updated = await this.#update(rest, oldest.id, text);
    if (updated.kind !== "updated") return null;
    await this.#call("delete the duplicate comment", (request) =>
      rest.issues.deleteComment({ ...this.#where, comment_id: createdId, request }),
    ).catch(() => undefined);
    return {
      action: "updated",
      id: updated.comment.id,
      url: updated.comment.html_url,
      note: "Another job for this pull request posted its comment at the same time; the report went into the older one and the duplicate was deleted.",
    };
  }

  /** The comments on the pull request that `login` wrote and that start with `marker`. */
  async #ours(rest: Octokit["rest"], marker: string, login: string): Promise<IssueComment[]> {
    const found: IssueComment[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { data } = await this.#call("list the pull request's comments", (request) =>
        rest.issues.listComments({
          ...this.#where,
          issue_number: this.#issueNumber,
          per_page: PER_PAGE,
          page,
          request,
        }),
      );
      // Only at the very start: a comment quoting ours ("> <!-- ...") is someone else's.
      for (const comment of data) {
        if (comment.user?.login === login && comment.body?.startsWith(marker)) found.push(comment);
      }
      if (data.length < PER_PAGE) break;
    }
    return found;
  }

  /** Edits the comment, or says why it could not: deleted since it was listed, locked, refused. */
  async #update(
    rest: Octokit["rest"],
    id: number,
    text: string,
  ): Promise<{ kind: "updated"; comment: IssueComment } | { kind: "failed"; why: string }> {
    try {
      const { data } = await this.#call("update the pull request comment", (request) =>
        rest.issues.updateComment({
          ...this.#where,
          comment_id: id,
          body: text,
          request,
        }),
      );
      return { kind: "updated", comment: data };
    } catch (error: unknown) {
      if (!(error instanceof GitHubRequestError) || error.status === null) throw error;
      if (error.status === 404 || error.status === 410)
        return { kind: "failed", why: "was deleted since it was listed" };
      if (error.status === 403 || error.status === 422)
        return {
          kind: "failed",
          why: `could not be edited (GitHub answered ${error.detail})`,
        };
      throw error;
    }
  }

  #call<T>(operation: string, send: (request: { signal: AbortSignal }) => Promise<T>): Promise<T> {
    return requestWithRetries(operation, this.#policy, this.#secrets, (signal) => send({ signal }));
  }

  /** Adds what the user can do about a final error. */
  #explain(error: unknown): unknown {
    if (!(error instanceof GitHubRequestError)) return error;
    const target = `pull request #${this.#issueNumber} in ${this.#where.owner}/${this.#where.repo}`;
    let advice: string | null = null;
    switch (error.status) {
      case 401:
        advice = "The token was not accepted: pass a valid github-token.";
        break;
      case 404:
      case 410:
        advice = `GitHub does not know ${target}, or the token cannot see it: check the pull request number and the repository.`;
        break;
      case 422:
        advice = `GitHub rejected the comment on ${target} as invalid.`;
        break;
      default:
        return error;
    }
    return new GitHubRequestError(
      error.operation,
      error.status,
      error.detail,
      `${error.message}. ${advice}`,
    );
  }
}

/** Comment ids grow with time: the newest and the oldest of a list, or null when it is empty. */
function newestOf(comments: readonly IssueComment[]): IssueComment | null {
  return comments.reduce<IssueComment | null>((a, c) => (a === null || c.id > a.id ? c : a), null);
}

function oldestOf(comments: readonly IssueComment[]): IssueComment | null {
  return comments.reduce<IssueComment | null>((a, c) => (a === null || c.id < a.id ? c : a), null);
}
