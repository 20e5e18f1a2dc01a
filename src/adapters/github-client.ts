/**
 * Octokit for one token, loaded on first use rather than when the action
 * starts: @actions/github is large, and most steps never call GitHub.
 */
import type { getOctokit } from "@actions/github";

export type Octokit = ReturnType<typeof getOctokit>;

export function lazyOctokit(token: string, baseUrl: string | undefined): () => Promise<Octokit> {
  let client: Promise<Octokit> | null = null;
  return () => {
    client ??= import("@actions/github").then(({ getOctokit }) =>
      getOctokit(token, {
        baseUrl: (baseUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(
          /\/+$/,
          "",
        ),
        // Octokit would print its own warnings; errors reach the caller instead.
        log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      }),
    );
    return client;
  };
}
