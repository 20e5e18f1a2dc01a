/**
 * A stand-in for GitHub's REST API on 127.0.0.1: the issue comment and
 * workflow artifact endpoints jit-bench uses, each request checked against
 * GitHub's OpenAPI description, with faults a test can program (errors,
 * rate limits, slow answers, dropped connections).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  artifact,
  issueComment,
  linkHeader,
  type PublicArtifact,
  type StoredComment,
} from "./github-objects.js";
import { loadOpenApi, type Operation, sampleOf } from "./openapi-check.js";

export interface Fault {
  /** Only requests for this operation (e.g. "issues/create-comment"); all when absent. */
  operationId?: string;
  /** How many matching requests it hits; 1 when absent. */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  /** The JSON error body; GitHub's usual `{ message }` when absent. */
  message?: string;
  /** Puts the request's Authorization header into the error message, as a careless server might. */
  echoAuthorization?: boolean;
  /** Waits this long before answering (the real answer, unless `status` is set too). */
  delayMs?: number;
  /** Closes the connection without answering. */
  drop?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  body: unknown;
  authorization: string | undefined;
}

export interface ArtifactSource {
  list(runId: number): PublicArtifact[];
  downloadUrl(artifactId: number): string | null;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Requests or responses that do not match the OpenAPI description; a test expects none. */
  violations: string[];
  fault(fault: Fault): void;
  /** A pull request with comments: a plain string is by "someone", else by `login`. */
  addIssue(
    owner: string,
    repo: string,
    issue: number,
    comments?: (string | { body: string; login: string })[],
  ): void;
  /** Adds a comment written by `login`, as another user or app would. */
  addCommentBy(owner: string, repo: string, issue: number, login: string, body: string): number;
  /** A workflow run GET /repos/{owner}/{repo}/actions/runs/{id} answers with. */
  addWorkflowRun(owner: string, repo: string, run: FakeWorkflowRun): void;
  /** A pull request GET /repos/{owner}/{repo}/pulls lists; its issue is added too. */
  addPullRequest(owner: string, repo: string, pr: FakePullRequest): void;
  comments(owner: string, repo: string, issue: number): StoredComment[];
  deleteComment(id: number): void;
  close(): Promise<void>;
}

export interface FakeWorkflowRun {
  id: number;
  headSha: string;
  headBranch: string;
  /** "owner/name" of the repository the run's commit came from (a fork's, for a fork). */
  headRepo: string;
  event?: string;
}

export interface FakePullRequest {
  number: number;
  headSha: string;
  headBranch: string;
  headRepo: string;
  state?: "open" | "closed";
}

export interface FakeGitHubOptions {
  /** The only token accepted; any other gets 401. */
  token: string;
  /**
   * The login comments are created as, and the token's identity. A bot
   * login ("name[bot]") is an app installation token, as GITHUB_TOKEN is:
   * GET /user refuses it and GraphQL's viewer names it.
   */
  login?: string;
  artifacts?: ArtifactSource;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const openapi = await loadOpenApi();
  const issues = new Map<string, StoredComment[]>();
  const runs = new Map<string, FakeWorkflowRun>();
  const pulls = new Map<string, FakePullRequest[]>();
  const login = options.login ?? "github-actions[bot]";
  const repoObject = (fullName: string, id: number) => {
    const [owner = "", name = ""] = fullName.split("/");
    return sampleOf(openapi, "#/components/schemas/minimal-repository", {
      id,
      name,
      full_name: fullName,
      owner: { login: owner, id: id + 1000, type: "User" },
      fork: owner !== fullName.split("/")[0],
    });
  };
  const faults: (Fault & { times: number })[] = [];
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1;
  let clock = Date.parse("2025-01-01T00:00:00Z");
  const stamp = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  let base = "";

  const reply = (
    response: ServerResponse,
    operation: Operation | null,
    status: number,
    body: unknown,
    headers = {},
  ) => {
    if (operation) violations.push(...openapi.checkResponse(operation, status, body));
    response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    response.end(body === undefined ? "" : JSON.stringify(body));
  };

  /** What GitHub says of a pull request, in the list and alone: its number, state, head and base. */
  const pullFields = (pr: FakePullRequest, owner: string, repo: string) => ({
    number: pr.number,
    state: pr.state ?? "open",
    head: {
      sha: pr.headSha,
      ref: pr.headBranch,
      label: `${pr.headRepo.split("/")[0]}:${pr.headBranch}`,
      repo: sampleOf(openapi, "#/components/schemas/repository", {
        full_name: pr.headRepo,
        name: pr.headRepo.split("/")[1],
      }),
    },
    base: {
      ref: "main",
      repo: sampleOf(openapi, "#/components/schemas/repository", {
        full_name: `${owner}/${repo}`,
        name: repo,
      }),
    },
  });
  const route = (
    operation: Operation,
    path: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
    url: URL,
  ): Routed => {
    const owner = path.owner ?? "";
    const repo = path.repo ?? "";
    const notFound = {
      status: 404,
      body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
    };
    switch (operation.operationId) {
      case "issues/list-comments": {
        const list = issues.get(`${owner}/${repo}#${path.issue_number}`);
        if (!list) return notFound;
        const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
        const page = Number(query.get("page") ?? 1);
        const pages = Math.max(1, Math.ceil(list.length / perPage));
        const slice = list.slice((page - 1) * perPage, page * perPage);
        const link = linkHeader(url, page, pages);
        return {
          status: 200,
          body: slice.map((c) => issueComment(base, owner, repo, Number(path.issue_number), c)),
          headers: link ? { link } : {},
        };
      }
      case "issues/create-comment": {
        const list = issues.get(`${owner}/${repo}#${path.issue_number}`);
        if (!list) return notFound;
        const text = (body as { body: string }).body;
        if (text.length > 65_536)
          return validationFailed("body is too long (maximum is 65536 characters)");
        const now = stamp();
        const comment = {
          id: nextId++,
          body: text,
          login,
          createdAt: now,
          updatedAt: now,
        };
        list.push(comment);
        return {
          status: 201,
          body: issueComment(base, owner, repo, Number(path.issue_number), comment),
        };
      }
      case "issues/update-comment": {
        for (const [key, list] of issues) {
          const comment = list.find((c) => c.id === Number(path.comment_id));
          if (!comment || !key.startsWith(`${owner}/${repo}#`)) continue;
          const text = (body as { body: string }).body;
          if (text.length > 65_536)
            return validationFailed("body is too long (maximum is 65536 characters)");
          comment.body = text;
          comment.updatedAt = stamp();
          return {
            status: 200,
            body: issueComment(base, owner, repo, Number(key.split("#")[1]), comment),
          };
        }
        return notFound;
      }
      case "issues/delete-comment": {
        for (const [key, list] of issues) {
          const at = list.findIndex((c) => c.id === Number(path.comment_id));
          if (at < 0 || !key.startsWith(`${owner}/${repo}#`)) continue;
          list.splice(at, 1);
          return { status: 204, body: undefined };
        }
        return notFound;
      }
      case "pulls/get": {
        const pr = (pulls.get(`${owner}/${repo}`) ?? []).find(
          (p) => p.number === Number(path.pull_number),
        );
        if (!pr) return notFound;
        return {
          status: 200,
          body: sampleOf(openapi, "#/components/schemas/pull-request", pullFields(pr, owner, repo)),
        };
      }
      case "users/get-authenticated": {
        if (login.endsWith("[bot]")) {
          return {
            status: 403,
            body: {
              message: "Resource not accessible by integration",
              documentation_url:
                "https://docs.github.com/rest/users/users#get-the-authenticated-user",
            },
          };
        }
        return {
          status: 200,
          body: sampleOf(openapi, "#/components/schemas/public-user", {
            login,
            id: 4242,
            type: "User",
          }),
        };
      }
      case "actions/get-workflow-run": {
        const run = runs.get(`${owner}/${repo}#${path.run_id}`);
        if (!run) return notFound;
        return {
          status: 200,
          body: sampleOf(openapi, "#/components/schemas/workflow-run", {
            id: run.id,
            head_sha: run.headSha,
            head_branch: run.headBranch,
            event: run.event ?? "pull_request",
            status: "completed",
            conclusion: "success",
            head_repository: repoObject(run.headRepo, 2),
            repository: repoObject(`${owner}/${repo}`, 1),
            pull_requests: [],
          }),
        };
      }
      case "pulls/list": {
        const state = query.get("state") ?? "open";
        const head = query.get("head");
        const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
        const page = Number(query.get("page") ?? 1);
        const all = (pulls.get(`${owner}/${repo}`) ?? []).filter(
          (pr) =>
            (state === "all" || (pr.state ?? "open") === state) &&
            (head === null || head === `${pr.headRepo.split("/")[0]}:${pr.headBranch}`),
        );
        return {
          status: 200,
          body: all
            .slice((page - 1) * perPage, page * perPage)
            .map((pr) =>
              sampleOf(
                openapi,
                "#/components/schemas/pull-request-simple",
                pullFields(pr, owner, repo),
              ),
            ),
        };
      }
      case "actions/list-workflow-run-artifacts": {
        const name = query.get("name");
        const all = (options.artifacts?.list(Number(path.run_id)) ?? []).filter(
          (a) => name === null || a.name === name,
        );
        const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
        const page = Number(query.get("page") ?? 1);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        return {
          status: 200,
          body: {
            total_count: all.length,
            artifacts: slice.map((a) => artifact(base, owner, repo, a)),
          },
        };
      }
      case "actions/download-artifact": {
        const location = options.artifacts?.downloadUrl(Number(path.artifact_id));
        if (!location) return { status: 410, body: { message: "Artifact has expired" } };
        return { status: 302, body: undefined, headers: { location } };
      }
      default:
        violations.push(`${operation.operationId} is valid but the stand-in does not serve it`);
        return { status: 501, body: { message: "not served by the stand-in" } };
    }
  };

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? "/", base);
    const method = request.method ?? "GET";
    if (method === "POST" && url.pathname === "/graphql") return graphql(request, response, raw);
    const check = openapi.checkRequest(method, url, raw, request.headers["content-type"]);
    requests.push({
      method,
      path: url.pathname,
      query: url.search,
      operationId: check.ok ? check.operation.operationId : null,
      body: check.ok ? check.body : raw,
      authorization: request.headers.authorization,
    });
    if (!check.ok) {
      violations.push(...check.problems);
      return reply(response, null, 400, { message: check.problems.join("; ") });
    }
    const fault = faults.find(
      (f) => f.times > 0 && (!f.operationId || f.operationId === check.operation.operationId),
    );
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs)
        await new Promise<void>((done) => timers.add(setTimeout(done, fault.delayMs)));
      if (response.destroyed) return;
      if (fault.drop) return void response.socket?.destroy();
      if (fault.status) {
        const said = fault.message ?? "Fault injected by the test";
        const message = fault.echoAuthorization
          ? `${said} (you sent ${request.headers.authorization})`
          : said;
        return reply(response, null, fault.status, { message }, fault.headers ?? {});
      }
    }
    const auth = request.headers.authorization ?? "";
    if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
      return reply(response, null, 401, { message: "Bad credentials" });
    }
    const result = route(check.operation, check.path, check.query, check.body, url);
    reply(response, check.operation, result.status, result.body, result.headers ?? {});
  };

  /** GraphQL answers only `viewer { login }`: how an app token learns whose comments are its own. */
  const graphql = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    requests.push({
      method: "POST",
      path: "/graphql",
      query: "",
      operationId: "graphql",
      body: raw,
      authorization: request.headers.authorization,
    });
    const fault = faults.find((f) => f.times > 0 && f.operationId === "graphql");
    if (fault?.status) {
      fault.times -= 1;
      return reply(response, null, fault.status, { message: fault.message ?? "Fault" });
    }
    const auth = request.headers.authorization ?? "";
    if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`)
      return reply(response, null, 401, { message: "Bad credentials" });
    let query = "";
    try {
      query = String((JSON.parse(raw) as { query?: unknown }).query ?? "");
    } catch {
      // Answered as GitHub answers a query it cannot parse.
    }
    if (!/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
      violations.push(`graphql: the stand-in only answers { viewer { login } }, got ${query}`);
      return reply(response, null, 200, { errors: [{ message: "not served by the stand-in" }] });
    }
    return reply(response, null, 200, { data: { viewer: { login } } });
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      violations.push(`stand-in failed: ${String(error)}`);
      if (!response.headersSent) reply(response, null, 500, { message: String(error) });
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    violations,
    fault: (fault) => faults.push({ ...fault, times: fault.times ?? 1 }),
    addIssue(owner, repo, issue, bodies = []) {
      const list = bodies.map((entry) => {
        const now = stamp();
        const { body, login: by } =
          typeof entry === "string" ? { body: entry, login: "someone" } : entry;
        return { id: nextId++, body, login: by, createdAt: now, updatedAt: now };
      });
      issues.set(`${owner}/${repo}#${issue}`, list);
    },
    addCommentBy(owner, repo, issue, by, body) {
      const key = `${owner}/${repo}#${issue}`;
      if (!issues.has(key)) issues.set(key, []);
      const now = stamp();
      const id = nextId++;
      issues.get(key)?.push({ id, body, login: by, createdAt: now, updatedAt: now });
      return id;
    },
    addWorkflowRun(owner, repo, run) {
      runs.set(`${owner}/${repo}#${run.id}`, run);
    },
    addPullRequest(owner, repo, pr) {
      const key = `${owner}/${repo}`;
      pulls.set(key, [...(pulls.get(key) ?? []).filter((p) => p.number !== pr.number), pr]);
      if (!issues.has(`${key}#${pr.number}`)) issues.set(`${key}#${pr.number}`, []);
    },
    comments: (owner, repo, issue) => issues.get(`${owner}/${repo}#${issue}`) ?? [],
    deleteComment(id) {
      for (const list of issues.values()) {
        const at = list.findIndex((c) => c.id === id);
        if (at >= 0) list.splice(at, 1);
      }
    },
    close: () =>
      new Promise<void>((done) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface Routed {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function validationFailed(message: string) {
  return {
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [{ resource: "IssueComment", code: "custom", field: "body", message }],
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    request.on("error", fail);
  });
}
