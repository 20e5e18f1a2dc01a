import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commentMarker, createGitHubCommentPoster } from "../../src/adapters/github-comment.js";
import type { RetryPolicy } from "../../src/adapters/github-requests.js";
import type { CommentResult } from "../../src/adapters/ports.js";
import { InputError } from "../../src/core/errors.js";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { type FakeGitHub, startFakeGitHub } from "../servers/fake-github.js";

const TOKEN = "ghs_testTokenThatMustNeverBeLogged1234";
const OWNER = "aria";
const REPO = "app";
/** GITHUB_TOKEN's identity: the stand-in's default. */
const ME = "github-actions[bot]";
let github: FakeGitHub;
let issue = 0;
let sleeps: number[];

beforeAll(async () => {
  github = await startFakeGitHub({ token: TOKEN });
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  issue += 1;
  github.addIssue(OWNER, REPO, issue);
  sleeps = [];
});
afterEach(() => {
  // Every request the adapter made must be one GitHub's API description allows.
  expect(github.violations).toEqual([]);
});

function poster(retry: Partial<RetryPolicy> = {}, number = issue) {
  return createGitHubCommentPoster({
    token: TOKEN,
    owner: OWNER,
    repo: REPO,
    issueNumber: number,
    baseUrl: github.url,
    retry: {
      attempts: 3,
      baseDelayMs: 5,
      maxDelayMs: 40,
      timeoutMs: 2_000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...retry,
    },
  });
}

function posted(result: CommentResult): { id: number; url: string } {
  if (result.action === "skipped") throw new Error(`unexpected skip: ${result.reason}`);
  return result;
}

/** This test's requests for one operation: list and create carry the issue number in their path. */
const requestsFor = (operationId: string) =>
  github.requests.filter(
    (r) => r.operationId === operationId && r.path.includes(`/issues/${issue}/`),
  );

describe("sticky comment", () => {
  it("creates the comment, then edits the same one on the next run", async () => {
    const first = await poster().upsert("jit-bench", "first report");
    const second = await poster().upsert("jit-bench", "second report");

    expect(first.action).toBe("created");
    expect(second.action).toBe("updated");
    expect(posted(second).id).toBe(posted(first).id);
    const comments = github.comments(OWNER, REPO, issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe("<!-- jit-bench:jit-bench -->\nsecond report");
    expect(posted(second).url).toContain(`/pull/${issue}#issuecomment-${posted(first).id}`);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it("keeps one comment per key", async () => {
    await poster().upsert("linux", "a");
    await poster().upsert("macos", "b");
    await poster().upsert("linux", "c");
    const bodies = github.comments(OWNER, REPO, issue).map((c) => c.body);
    expect(bodies).toEqual(["<!-- jit-bench:linux -->\nc", "<!-- jit-bench:macos -->\nb"]);
  });

  it("pages through hundreds of comments and edits the newest of its own", async () => {
    const marker = commentMarker("jit-bench");
    const bodies: (string | { body: string; login: string })[] = Array.from(
      { length: 250 },
      (_, i) => `chatter ${i}`,
    );
    bodies[20] = { body: `${marker}\nold report`, login: ME };
    bodies[180] = { body: `${marker}\nnewer report`, login: ME };
    bodies[200] = `> ${marker}\nsomeone quoting it`;
    bodies[230] = "<!-- jit-bench:jit-bench-other -->\nanother key";
    github.addIssue(OWNER, REPO, issue, bodies);
    const ids = github.comments(OWNER, REPO, issue).map((c) => c.id);

    const result = posted(await poster().upsert("jit-bench", "fresh"));

    expect(result.id).toBe(ids[180]);
    expect(
      requestsFor("issues/list-comments").map((r) => new URLSearchParams(r.query).get("page")),
    ).toEqual(["1", "2", "3"]);
    const comments = github.comments(OWNER, REPO, issue);
    expect(comments).toHaveLength(250);
    expect(comments[180]?.body).toBe(`${marker}\nfresh`);
    expect(comments[20]?.body).toBe(`${marker}\nold report`);
  });

  it("creates a new comment when its old one was deleted between listing and editing", async () => {
    const first = posted(await poster().upsert("k", "one"));
    github.fault({ operationId: "issues/update-comment", status: 404, message: "Not Found" });
    const second = await poster().upsert("k", "two");
    expect(second.action).toBe("created");
    expect(posted(second).id).not.toBe(first.id);
  });

  it("cuts a body over GitHub's limit and says so", async () => {
    const line = `${"x".repeat(99)}\n`;
    const result = posted(await poster().upsert("big", line.repeat(1_000)));
    const body = github.comments(OWNER, REPO, issue).find((c) => c.id === result.id)?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT_CHARS - 1_000);
    expect(body.startsWith("<!-- jit-bench:big -->\n")).toBe(true);
    expect(body).toMatch(/This comment was cut: \d+ more characters/);
  });
});

describe("whose comment is the sticky one", () => {
  const marker = commentMarker("jit-bench");

  it("leaves a comment by someone else that starts with the marker alone, and posts its own", async () => {
    github.addIssue(OWNER, REPO, issue, [
      { body: `${marker}\nfake verdict: ENABLE`, login: "mallory" },
    ]);
    const result = await poster().upsert("jit-bench", "real report");
    expect(result.action).toBe("created");
    expect(requestsFor("issues/update-comment")).toHaveLength(0);
    const comments = github.comments(OWNER, REPO, issue);
    expect(comments.map((c) => [c.login, c.body])).toEqual([
      ["mallory", `${marker}\nfake verdict: ENABLE`],
      [ME, `${marker}\nreal report`],
    ]);
  });

  it("edits its own comment even when a newer look-alike by someone else follows it", async () => {
    const mine = posted(await poster().upsert("jit-bench", "first"));
    github.addCommentBy(OWNER, REPO, issue, "mallory", `${marker}\nnewer fake`);
    const second = posted(await poster().upsert("jit-bench", "second"));
    expect(second.id).toBe(mine.id);
    const bodies = github.comments(OWNER, REPO, issue).map((c) => c.body);
    expect(bodies).toEqual([`${marker}\nsecond`, `${marker}\nnewer fake`]);
  });

  it("learns an app token's identity from GraphQL after GET /user refuses it", async () => {
    const before = github.requests.length;
    await poster().upsert("jit-bench", "report");
    const asked = github.requests.slice(before).map((r) => r.operationId);
    expect(asked).toContain("users/get-authenticated");
    expect(asked).toContain("graphql");
  });

  it("learns a user token's identity from GET /user", async () => {
    const other = await startFakeGitHub({ token: TOKEN, login: "perf-robot" });
    try {
      other.addIssue(OWNER, REPO, 1, [
        { body: `${marker}\nold`, login: "perf-robot" },
        { body: `${marker}\nlook-alike`, login: ME },
      ]);
      const result = await createGitHubCommentPoster({
        token: TOKEN,
        owner: OWNER,
        repo: REPO,
        issueNumber: 1,
        baseUrl: other.url,
        retry: { attempts: 1 },
      }).upsert("jit-bench", "new");
      expect(result.action).toBe("updated");
      expect(other.comments(OWNER, REPO, 1).map((c) => c.body)).toEqual([
        `${marker}\nnew`,
        `${marker}\nlook-alike`,
      ]);
      expect(other.requests.some((r) => r.operationId === "graphql")).toBe(false);
      expect(other.violations).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("posts a new comment, saying why, when GitHub refuses to edit its own", async () => {
    const first = posted(await poster().upsert("jit-bench", "one"));
    github.fault({
      operationId: "issues/update-comment",
      status: 403,
      message: "Resource not accessible by integration",
    });
    const second = await poster().upsert("jit-bench", "two");
    expect(second.action).toBe("created");
    if (second.action === "skipped") throw new Error("unexpected skip");
    expect(second.id).not.toBe(first.id);
    expect(second.note).toContain("could not be edited");
    expect(second.note).toContain("Resource not accessible by integration");
    expect(second.note).toContain(first.url);
    expect(github.comments(OWNER, REPO, issue).map((c) => c.body)).toEqual([
      `${marker}\none`,
      `${marker}\ntwo`,
    ]);
  });

  it("edits nothing when it cannot learn whose token it holds: posts a new comment and says why", async () => {
    await poster().upsert("jit-bench", "one");
    github.fault({ operationId: "graphql", status: 502, times: 3 });
    const second = await poster().upsert("jit-bench", "two");
    expect(second.action).toBe("created");
    if (second.action === "skipped") throw new Error("unexpected skip");
    expect(second.note).toContain("GitHub did not say whose token this is");
    expect(github.comments(OWNER, REPO, issue).map((c) => c.body)).toEqual([
      `${marker}\none`,
      `${marker}\ntwo`,
    ]);
  });
});

describe("comment keys", () => {
  it.each(["a-->b", "has space", "<b>", "", "x".repeat(65), "key\n", "ключ"])(
    "refuses %j before calling GitHub",
    async (key) => {
      const before = github.requests.length;
      const error = await poster()
        .upsert(key, "body")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).input).toBe("comment-key");
      expect((error as Error).message).toContain("letters, digits");
      expect(github.requests.length).toBe(before);
    },
  );

  it("accepts the full allowed alphabet", () => {
    expect(commentMarker("Aa0._-")).toBe("<!-- jit-bench:Aa0._- -->");
  });
});

describe("GitHub failures", () => {
  it("skips with the workflow_run explanation when the token may not write", async () => {
    github.fault({
      operationId: "issues/create-comment",
      status: 403,
      message: "Resource not accessible by integration",
    });
    const result = await poster().upsert("jit-bench", "report");
    expect(result.action).toBe("skipped");
    const reason = result.action === "skipped" ? result.reason : "";
    expect(reason).toContain("Resource not accessible by integration");
    expect(reason).toContain("workflow_run");
    expect(reason).toContain("docs/fork-prs.md");
    expect(github.comments(OWNER, REPO, issue)).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });

  it("retries server errors with growing waits, then succeeds", async () => {
    github.fault({ operationId: "issues/list-comments", status: 502, times: 2 });
    const result = await poster().upsert("jit-bench", "report");
    expect(result.action).toBe("created");
    expect(sleeps).toEqual([5, 10]);
    // Two refused, one answered, and one more look after posting for a twin of the new comment.
    expect(requestsFor("issues/list-comments")).toHaveLength(4);
  });

  it("retries a dropped connection", async () => {
    github.fault({ operationId: "issues/create-comment", drop: true });
    const result = await poster().upsert("jit-bench", "report");
    expect(result.action).toBe("created");
    expect(sleeps).toEqual([5]);
    expect(github.comments(OWNER, REPO, issue)).toHaveLength(1);
  });

  it("gives up after the last attempt with a clear error", async () => {
    github.fault({
      operationId: "issues/list-comments",
      status: 503,
      times: 3,
      message: "Service Unavailable",
    });
    await expect(poster().upsert("jit-bench", "report")).rejects.toThrow(
      /Could not list the pull request's comments after 3 attempts: 503 Service Unavailable/,
    );
    expect(sleeps).toEqual([5, 10]);
  });

  it("waits as long as retry-after says on 429", async () => {
    github.fault({ status: 429, headers: { "retry-after": "3" }, message: "Too many requests" });
    const result = await poster().upsert("jit-bench", "report");
    expect(result.action).toBe("created");
    expect(sleeps).toEqual([3_000]);
  });

  it("waits until x-ratelimit-reset on a primary rate limit 403", async () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    github.fault({
      status: 403,
      message: "API rate limit exceeded for installation",
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 20) },
    });
    const result = await poster({ now: () => now }).upsert("jit-bench", "report");
    expect(result.action).toBe("created");
    expect(sleeps).toEqual([21_000]);
  });

  it("fails instead of waiting longer than its bound", async () => {
    github.fault({ status: 429, headers: { "retry-after": "3600" } });
    await expect(
      poster({ maxRateLimitWaitMs: 60_000 }).upsert("jit-bench", "report"),
    ).rejects.toThrow(/rate limit asks to wait 3600 s, longer than the 60 s/);
    expect(sleeps).toEqual([]);
  });

  it("times out a request that gets no answer", async () => {
    github.fault({ operationId: "issues/list-comments", delayMs: 5_000, times: 2 });
    await expect(
      poster({ timeoutMs: 100, attempts: 2 }).upsert("jit-bench", "report"),
    ).rejects.toThrow(/after 2 attempts: no answer within 100 ms/);
  });

  it("explains a 404 with the pull request and repository", async () => {
    await expect(poster({}, 999_999).upsert("jit-bench", "report")).rejects.toThrow(
      /404 Not Found.*pull request #999999 in aria\/app/,
    );
    expect(sleeps).toEqual([]);
  });

  it("explains a 422 with GitHub's validation message", async () => {
    github.fault({
      operationId: "issues/create-comment",
      status: 422,
      message: "Validation Failed",
    });
    await expect(poster().upsert("jit-bench", "report")).rejects.toThrow(
      /Could not create the pull request comment: 422 Validation Failed\. GitHub rejected the comment/,
    );
  });

  it.each([
    { status: 422, operationId: "issues/create-comment" },
    { status: 404, operationId: "issues/list-comments" },
    { status: 403, operationId: "issues/create-comment" },
    { status: 500, operationId: "issues/list-comments", times: 3 },
  ])("never repeats the token, even when GitHub echoes it ($status)", async (fault) => {
    github.fault({ ...fault, echoAuthorization: true });
    const outcome = await poster()
      .upsert("jit-bench", "report")
      .then((result) => JSON.stringify(result))
      .catch((error: unknown) => `${String(error)} ${(error as Error).stack}`);
    expect(outcome).toContain("you sent token ***");
    expect(outcome).not.toContain(TOKEN);
  });
});

describe("two jobs for one pull request", () => {
  it("leave one comment when both find none and post at the same time", async () => {
    const results = await Promise.all([
      poster().upsert("jit-bench", "report of the first job"),
      poster().upsert("jit-bench", "report of the second job"),
    ]);
    const left = github.comments(OWNER, REPO, issue);
    expect(left).toHaveLength(1);
    expect(left[0]?.body).toMatch(
      /^<!-- jit-bench:jit-bench -->\nreport of the (first|second) job/,
    );
    // Both say where the report went: the one comment that is left.
    for (const result of results) expect(posted(result).id).toBe(left[0]?.id);
  });

  it("learn the pull request's head commit from GitHub", async () => {
    github.addPullRequest(OWNER, REPO, {
      number: issue,
      headSha: "0123456789abcdef0123456789abcdef01234567",
      headBranch: "feature",
      headRepo: `${OWNER}/${REPO}`,
    });
    expect(await poster().currentHead()).toBe("0123456789abcdef0123456789abcdef01234567");
  });

  it("say nothing of a head commit GitHub does not know", async () => {
    expect(await poster({}, 999_999).currentHead()).toBeNull();
  });
});
