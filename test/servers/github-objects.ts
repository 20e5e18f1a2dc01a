/**
 * REST objects shaped as GitHub sends them, with every field the OpenAPI
 * description requires, so the stand-in's responses pass the same check
 * as its requests.
 */

export interface StoredComment {
  id: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
}

export interface PublicArtifact {
  id: number;
  name: string;
  size: number;
  runId: number;
  digest: string | null;
  createdAt: Date;
}

export function user(base: string, login: string, id: number) {
  const url = `${base}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example.test/u/${id}`,
    gravatar_id: "",
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
    site_admin: false,
  };
}

export function issueComment(
  base: string,
  owner: string,
  repo: string,
  issue: number,
  comment: StoredComment,
) {
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${base}/repos/${owner}/${repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${comment.id}`,
    body: comment.body,
    user: user(base, comment.login, comment.login.length),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
    author_association: "NONE",
    performed_via_github_app: null,
  };
}

export function artifact(base: string, owner: string, repo: string, item: PublicArtifact) {
  const url = `${base}/repos/${owner}/${repo}/actions/artifacts/${item.id}`;
  const created = item.createdAt.toISOString();
  return {
    id: item.id,
    node_id: `A_${item.id}`,
    name: item.name,
    size_in_bytes: item.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: false,
    created_at: created,
    expires_at: new Date(item.createdAt.getTime() + 90 * 86_400_000).toISOString(),
    updated_at: created,
    digest: item.digest,
    workflow_run: {
      id: item.runId,
      repository_id: 1,
      head_repository_id: 1,
      head_branch: "main",
      head_sha: "0".repeat(40),
    },
  };
}

/** An RFC 8288 Link header for page `page` of `pages`, as GitHub paginates. */
export function linkHeader(url: URL, page: number, pages: number): string | undefined {
  const at = (n: number) => {
    const next = new URL(url);
    next.searchParams.set("page", String(n));
    return next.toString();
  };
  const links: string[] = [];
  if (page < pages) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(pages)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  return links.length > 0 ? links.join(", ") : undefined;
}
