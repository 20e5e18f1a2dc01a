/**
 * One REST call to GitHub, retried the way GitHub asks: server errors,
 * dropped connections and timeouts with bounded exponential backoff; rate
 * limits after the wait GitHub names (retry-after, x-ratelimit-reset), unless
 * that wait is longer than a CI step should sit idle. Every delay goes
 * through `policy.sleep`, so tests retry without waiting.
 */

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the first retry; each later retry waits twice as long as the one before. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A rate limit asking for a longer wait than this fails instead of waiting. */
  maxRateLimitWaitMs: number;
  /** One request's limit, from sending it to its last byte. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Epoch milliseconds, to turn x-ratelimit-reset into a wait. */
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  maxRateLimitWaitMs: 90_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** GitHub's advice for a secondary rate limit that names no wait. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

/** A request GitHub refused or that never got an answer. Its message never holds the token. */
export class GitHubRequestError extends Error {
  override readonly name: string = "GitHubRequestError";

  constructor(
    /** What was being done, in words: "list the pull request's comments". */
    readonly operation: string,
    /** The HTTP status, or null when no answer came. */
    readonly status: number | null,
    /** GitHub's own words (its `message` field), or the network error's. */
    readonly detail: string,
    message: string,
  ) {
    super(message);
  }
}

/** A 403 that is not a rate limit: this token may not do this. */
export class GitHubForbiddenError extends GitHubRequestError {
  override readonly name = "GitHubForbiddenError";
}

type Failure =
  | { kind: "transient"; status: number | null; reason: string }
  | { kind: "rate-limited"; status: number; waitMs: number; reason: string }
  | { kind: "forbidden"; reason: string }
  | { kind: "final"; status: number; reason: string };

/**
 * Runs `send` until it succeeds, the failure is final, or the attempts run
 * out. `send` gets a signal that aborts the request at the timeout. Any
 * `secrets` are masked in error messages, whatever the server echoed.
 */
export async function requestWithRetries<T>(
  operation: string,
  policy: RetryPolicy,
  secrets: readonly string[],
  send: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const mask = (text: string) => redact(text, secrets);
  let last: Failure | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
    try {
      return await send(controller.signal);
    } catch (error: unknown) {
      last = classify(error, controller.signal.aborted, policy);
    } finally {
      clearTimeout(timer);
    }
    const reason = mask(last.reason);
    switch (last.kind) {
      case "final":
        throw new GitHubRequestError(
          operation,
          last.status,
          reason,
          `Could not ${operation}: ${reason}`,
        );
      case "forbidden":
        throw new GitHubForbiddenError(operation, 403, reason, `Could not ${operation}: ${reason}`);
      case "rate-limited":
        if (last.waitMs > policy.maxRateLimitWaitMs) {
          const asked = Math.ceil(last.waitMs / 1000);
          const limit = Math.floor(policy.maxRateLimitWaitMs / 1000);
          throw new GitHubRequestError(
            operation,
            last.status,
            reason,
            `Could not ${operation}: GitHub's rate limit asks to wait ${asked} s, longer than the ${limit} s ` +
              `this step waits (${reason}). Re-run the job later, or use a token with a higher limit.`,
          );
        }
        if (attempt < policy.attempts) await policy.sleep(last.waitMs);
        break;
      case "transient":
        if (attempt < policy.attempts) await policy.sleep(backoff(attempt, policy));
        break;
      default:
        return exhaustive(last);
    }
  }
  const reason = mask(last?.reason ?? "no attempt was made");
  throw new GitHubRequestError(
    operation,
    last?.kind === "transient" || last?.kind === "rate-limited" ? last.status : null,
    reason,
    `Could not ${operation} after ${policy.attempts} attempts: ${reason}. ` +
      "GitHub may be having trouble; re-run the job later.",
  );
}

/** The wait before retry number `attempt` (1-based): base, 2 base, 4 base..., capped. */
/**
 * Retry delays from JIT_BENCH_RETRY_BASE_MS, which shortens them so that
 * tests of the bundled action can watch it retry without waiting; undefined
 * (the defaults) when it is unset or not a whole number of milliseconds.
 */
export function retryPolicyFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<RetryPolicy> | undefined {
  const raw = env.JIT_BENCH_RETRY_BASE_MS;
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return undefined;
  const base = Number(raw);
  return { baseDelayMs: base, maxDelayMs: base * 8 };
}

export function backoff(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

interface HttpFailure {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function classify(error: unknown, timedOut: boolean, policy: RetryPolicy): Failure {
  if (timedOut)
    return { kind: "transient", status: null, reason: `no answer within ${policy.timeoutMs} ms` };
  const failure = (typeof error === "object" && error !== null ? error : {}) as HttpFailure;
  const status = typeof failure.status === "number" ? failure.status : null;
  // Octokit reports a failed connection as status 500 without a response.
  if (status === null || failure.response === undefined) {
    return { kind: "transient", status: null, reason: `network error: ${messageOf(error)}` };
  }
  const headers = failure.response.headers ?? {};
  const said = githubMessage(failure.response.data) ?? messageOf(error);
  const reason = `${status} ${said}`;
  if (status === 429 || (status === 403 && isRateLimit(headers, said))) {
    return { kind: "rate-limited", status, waitMs: rateLimitWait(headers, policy.now()), reason };
  }
  if (status === 403) return { kind: "forbidden", reason };
  if (status >= 500) return { kind: "transient", status, reason };
  return { kind: "final", status, reason };
}

function isRateLimit(headers: Record<string, string | undefined>, message: string): boolean {
  return (
    headers["x-ratelimit-remaining"] === "0" ||
    headers["retry-after"] !== undefined ||
    /rate limit/i.test(message)
  );
}

function rateLimitWait(headers: Record<string, string | undefined>, nowMs: number): number {
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return retryAfter * 1000;
  }
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - nowMs) + 1000;
  }
  return SECONDARY_LIMIT_WAIT_MS;
}

/** GitHub's `message`, with its validation `errors` when it sends them. */
function githubMessage(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null)
    return typeof data === "string" && data ? data : undefined;
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  if (typeof message !== "string") return undefined;
  if (!Array.isArray(errors) || errors.length === 0) return message;
  const details = errors.map((item) =>
    typeof item === "object" && item !== null && "message" in item
      ? String(item.message)
      : JSON.stringify(item),
  );
  return `${message}: ${details.join("; ")}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message
      ? `${error.message} (${cause.message})`
      : error.message;
  }
  return String(error);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}

function exhaustive(value: never): never {
  throw new Error(`unexpected failure ${JSON.stringify(value)}`);
}
