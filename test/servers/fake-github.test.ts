/**
 * The stand-in is only worth its passing tests if it refuses what GitHub
 * would refuse: these calls are wrong on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { loadOpenApi } from "./openapi-check.js";

const TOKEN = "ghs_fakeGithubSelfTest";
let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  github.addIssue("o", "r", 1);
});
afterAll(async () => {
  await github.close();
});

async function call(method: string, path: string, body?: unknown) {
  const before = github.violations.length;
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, violations: github.violations.slice(before) };
}

describe("fake GitHub checks requests against the OpenAPI description", () => {
  it("serves a well-formed request without complaint", async () => {
    const created = await call("POST", "/repos/o/r/issues/1/comments", { body: "hello" });
    expect(created).toEqual({ status: 201, violations: [] });
    const listed = await call("GET", "/repos/o/r/issues/1/comments?per_page=100&page=1");
    expect(listed).toEqual({ status: 200, violations: [] });
  });

  it.each([
    ["POST", "/repos/o/r/issues/1/comments", {}, "lacks required field body"],
    ["POST", "/repos/o/r/issues/1/comments", { body: 5 }, "body.body is not a string"],
    ["PATCH", "/repos/o/r/issues/comments/1", { bdy: "typo" }, "unknown field bdy"],
    ["POST", "/repos/o/r/issues/1/comments", undefined, "missing request body"],
    ["GET", "/repos/o/r/issues/one/comments", undefined, 'issue_number is "one", not an integer'],
    ["GET", "/repos/o/r/issues/1/comments?pages=2", undefined, "unknown query parameter pages"],
    ["PUT", "/repos/o/r/issues/1/comments", { body: "x" }, "is no operation"],
    [
      "GET",
      "/repos/o/r/actions/runs/5/artifacts?direction=up",
      undefined,
      "direction is not one of",
    ],
  ])("%s %s %j is refused", async (method, path, body, problem) => {
    const result = await call(method, path, body);
    expect(result.status).toBe(400);
    expect(result.violations.join("\n")).toContain(problem);
    github.violations.length = 0;
  });

  it("finds its own responses wrong when they lack required fields", async () => {
    const openapi = await loadOpenApi();
    const operation = openapi.operation("issues/create-comment");
    expect(openapi.checkResponse(operation, 201, { id: 1, body: "x" })).toEqual(
      expect.arrayContaining([expect.stringContaining("lacks required field html_url")]),
    );
    expect(openapi.checkResponse(operation, 299, {})).toEqual([
      expect.stringContaining("not documented"),
    ]);
  });

  it("answers 401 to any other token", async () => {
    const response = await fetch(`${github.url}/repos/o/r/issues/1/comments`, {
      headers: { authorization: "token wrong" },
    });
    expect(response.status).toBe(401);
  });
});
