/**
 * A stand-in for the Actions results service that @actions/artifact 6 talks
 * to: its twirp JSON endpoints (CreateArtifact, FinalizeArtifact,
 * ListArtifacts, GetSignedArtifactURL) on 127.0.0.1, handing out SAS URLs
 * into a real Azurite blob store. Requests are checked the way the real
 * service would refuse them: the bearer token's `Actions.Results` scope must
 * name the run in the body, fields must be the proto's, uploads must exist.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Azurite } from "./azurite.js";
import { runtimeToken, scopeOf } from "./runtime-token.js";

const SERVICE = "/twirp/github.actions.results.api.v1.ArtifactService/";
const CONTAINER = "actions-results";

/** The proto fields of each request, as the client sends them (proto field names). */
const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  CreateArtifact: {
    required: ["workflow_run_backend_id", "workflow_job_run_backend_id", "name", "version"],
    optional: ["expires_at", "mime_type"],
  },
  FinalizeArtifact: {
    required: ["workflow_run_backend_id", "workflow_job_run_backend_id", "name", "size"],
    optional: ["hash"],
  },
  ListArtifacts: {
    required: ["workflow_run_backend_id", "workflow_job_run_backend_id"],
    optional: ["name_filter", "id_filter"],
  },
  GetSignedArtifactURL: {
    required: ["workflow_run_backend_id", "workflow_job_run_backend_id", "name"],
    optional: [],
  },
};

export interface RunIdentity {
  /** The public run id, as in GITHUB_RUN_ID and the REST API. */
  runId: number;
  runBackendId: string;
  jobBackendId: string;
  /** ACTIONS_RUNTIME_TOKEN for a job of this run. */
  runtimeToken: string;
}

export interface ArtifactRecord {
  id: number;
  runId: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  blob: string;
  size: number;
  digest: string | null;
  finalized: boolean;
  createdAt: Date;
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL */
  url: string;
  /** Every problem found in a request; a test expects it empty. */
  violations: string[];
  calls: string[];
  /** A new job in run `runId` (the same run may have several jobs). */
  newJob(runId: number): RunIdentity;
  /** Finalized artifacts of a run, newest last. */
  artifacts(runId: number): ArtifactRecord[];
  /** Puts arbitrary zip bytes in the store as a finished artifact, bypassing the client. */
  seed(job: RunIdentity, name: string, zip: Uint8Array, digest?: string): Promise<ArtifactRecord>;
  signedDownloadUrl(id: number): string | null;
  close(): Promise<void>;
}

export async function startFakeArtifactService(azurite: Azurite): Promise<FakeArtifactService> {
  await azurite.createContainer(CONTAINER);
  const runs = new Map<number, string>();
  const records: ArtifactRecord[] = [];
  const violations: string[] = [];
  const calls: string[] = [];
  let nextId = 1000;

  const runIdOf = (backendId: string) => [...runs].find(([, id]) => id === backendId)?.[0];

  const handle = async (method: string, body: Record<string, unknown>, scope: [string, string]) => {
    const [runBackendId, jobBackendId] = scope;
    const runId = runIdOf(runBackendId);
    // Any job of a run may read that run's artifacts, as on the real service:
    // a download names the uploading job, not the one asking. Writes must come
    // from the job the token belongs to.
    const reading = method === "GetSignedArtifactURL" || method === "ListArtifacts";
    if (
      body.workflow_run_backend_id !== runBackendId ||
      (!reading && body.workflow_job_run_backend_id !== jobBackendId)
    ) {
      return twirpError(403, "permission_denied", "backend ids do not match the token's scope");
    }
    if (runId === undefined) return twirpError(404, "not_found", "unknown run");
    const name = typeof body.name === "string" ? body.name : "";
    const mine = (record: ArtifactRecord) =>
      record.runBackendId === runBackendId && record.name === name;
    switch (method) {
      case "CreateArtifact": {
        if (body.version !== 7)
          violations.push(`CreateArtifact: version ${String(body.version)}, expected 7`);
        if (records.some((r) => mine(r) && r.finalized)) {
          return twirpError(
            409,
            "already_exists",
            `an artifact named ${name} already exists in this run`,
          );
        }
        const blob = `${runBackendId}/${jobBackendId}/${randomUUID()}/${name}.zip`;
        records.push({
          id: nextId++,
          runId,
          runBackendId,
          jobBackendId,
          name,
          blob,
          size: 0,
          digest: null,
          finalized: false,
          createdAt: new Date(),
        });
        return {
          status: 200,
          body: { ok: true, signed_upload_url: azurite.uploadUrl(CONTAINER, blob) },
        };
      }
      case "FinalizeArtifact": {
        const record = records.findLast((r) => mine(r) && !r.finalized);
        if (!record) return twirpError(404, "not_found", `no upload in progress for ${name}`);
        const stored = await azurite.blobSize(CONTAINER, record.blob);
        if (stored === null || String(stored) !== body.size) {
          violations.push(
            `FinalizeArtifact: size ${String(body.size)} but the blob holds ${stored}`,
          );
          return twirpError(400, "invalid_argument", "size does not match the uploaded blob");
        }
        record.size = stored;
        record.digest = typeof body.hash === "string" ? body.hash : null;
        record.finalized = true;
        return { status: 200, body: { ok: true, artifact_id: String(record.id) } };
      }
      case "ListArtifacts": {
        const nameFilter = typeof body.name_filter === "string" ? body.name_filter : undefined;
        const idFilter = typeof body.id_filter === "string" ? Number(body.id_filter) : undefined;
        const found = records.filter(
          (r) =>
            r.runBackendId === runBackendId &&
            r.finalized &&
            (nameFilter === undefined || r.name === nameFilter) &&
            (idFilter === undefined || r.id === idFilter),
        );
        return { status: 200, body: { artifacts: found.map(monolith) } };
      }
      case "GetSignedArtifactURL": {
        const record = records.findLast((r) => mine(r) && r.finalized);
        if (!record) return twirpError(404, "not_found", `no artifact named ${name}`);
        return { status: 200, body: { signed_url: azurite.downloadUrl(CONTAINER, record.blob) } };
      }
      default:
        return twirpError(404, "bad_route", `no method ${method}`);
    }
  };

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      violations.push(`stand-in failed: ${String(error)}`);
      send(response, 500, { code: "internal", msg: String(error) });
    });
  });

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const path = request.url ?? "";
    const method = path.startsWith(SERVICE) ? path.slice(SERVICE.length) : "";
    calls.push(method || path);
    const fields = FIELDS[method];
    if (request.method !== "POST" || !fields) {
      violations.push(`${request.method} ${path} is not a twirp method the client should call`);
      return send(response, 404, { code: "bad_route", msg: "no such method" });
    }
    if (!request.headers["content-type"]?.startsWith("application/json")) {
      violations.push(`${method}: content type ${request.headers["content-type"]}`);
    }
    const scope = scopeOf(request.headers.authorization);
    if (!scope) return send(response, 401, { code: "unauthenticated", msg: "bad runtime token" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      violations.push(`${method}: body is not JSON`);
      return send(response, 400, { code: "malformed", msg: "body is not JSON" });
    }
    for (const name of fields.required)
      if (!(name in body)) violations.push(`${method}: missing ${name}`);
    for (const name of Object.keys(body)) {
      if (!fields.required.includes(name) && !fields.optional.includes(name)) {
        violations.push(`${method}: unknown field ${name}`);
      }
    }
    const result = await handle(method, body, scope);
    send(response, result.status, result.body);
  };

  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    violations,
    calls,
    newJob(runId) {
      let runBackendId = runs.get(runId);
      if (runBackendId === undefined) {
        runBackendId = randomUUID();
        runs.set(runId, runBackendId);
      }
      const jobBackendId = randomUUID();
      return {
        runId,
        runBackendId,
        jobBackendId,
        runtimeToken: runtimeToken(runBackendId, jobBackendId),
      };
    },
    artifacts: (runId) => records.filter((r) => r.runId === runId && r.finalized),
    async seed(job, name, zip, digest) {
      const blob = `${job.runBackendId}/${job.jobBackendId}/${randomUUID()}/${name}.zip`;
      await azurite.putBlob(CONTAINER, blob, zip, "application/zip");
      const record: ArtifactRecord = {
        id: nextId++,
        runId: job.runId,
        runBackendId: job.runBackendId,
        jobBackendId: job.jobBackendId,
        name,
        blob,
        size: zip.length,
        digest: digest ?? `sha256:${createHash("sha256").update(zip).digest("hex")}`,
        finalized: true,
        createdAt: new Date(),
      };
      records.push(record);
      return record;
    },
    signedDownloadUrl(id) {
      const record = records.find((r) => r.id === id && r.finalized);
      return record ? azurite.downloadUrl(CONTAINER, record.blob) : null;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function monolith(record: ArtifactRecord) {
  return {
    workflow_run_backend_id: record.runBackendId,
    workflow_job_run_backend_id: record.jobBackendId,
    database_id: String(record.id),
    name: record.name,
    size: String(record.size),
    created_at: record.createdAt.toISOString(),
    ...(record.digest ? { digest: record.digest } : {}),
  };
}

function twirpError(status: number, code: string, msg: string) {
  return { status, body: { code, msg } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    request.on("error", fail);
  });
}
