/**
 * ACTIONS_RUNTIME_TOKEN as @actions/artifact reads it: a JWT whose `scp`
 * claim holds `Actions.Results:<run backend id>:<job backend id>`.
 */

/** An unsigned JWT carrying the scope the client decodes; the stand-in trusts it as the real service would its signature. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = { scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` };
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.${Buffer.from("unsigned").toString("base64url")}`;
}

export function scopeOf(authorization: string | undefined): [string, string] | null {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const { scp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { scp?: string };
    for (const scope of scp?.split(" ") ?? []) {
      const [kind, run, job] = scope.split(":");
      if (kind === "Actions.Results" && run && job) return [run, job];
    }
  } catch {
    return null;
  }
  return null;
}
