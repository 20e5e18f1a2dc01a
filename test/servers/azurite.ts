/**
 * A real Azure Blob service for the artifact tests: Azurite on 127.0.0.1, an
 * ephemeral port, memory-only storage, run from a temp folder it may litter.
 * SAS URLs are signed with the emulator's published development key.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";

/** Azurite's well-known development account, the same on every machine. */
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const BIN = resolve(import.meta.dirname, "../../node_modules/.bin/azurite-blob");

export interface Azurite {
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  endpoint: string;
  pid: number;
  createContainer(name: string): Promise<void>;
  /** A URL that can create and write this one blob. */
  uploadUrl(container: string, blob: string): string;
  /** A URL that can read this one blob. */
  downloadUrl(container: string, blob: string): string;
  putBlob(container: string, blob: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The blob's size in bytes, or null if it does not exist. */
  blobSize(container: string, blob: string): Promise<number | null>;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const workdir = await mkdtemp(join(tmpdir(), "jit-bench-azurite-"));
  const child = spawn(
    BIN,
    [
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--inMemoryPersistence",
      "--extentMemoryLimit",
      "64",
      "--silent",
      "--loose",
      "--skipApiVersionCheck",
      "--disableTelemetry",
    ],
    { cwd: workdir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let port: number;
  try {
    port = await listeningPort(child);
  } catch (error) {
    await stopChild(child);
    await rm(workdir, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const service = new BlobServiceClient(endpoint, credential);
  const sas = (container: string, blob: string, permissions: string) => {
    const query = generateBlobSASQueryParameters(
      {
        containerName: container,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 3_600_000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    ).toString();
    return `${endpoint}/${container}/${blob.split("/").map(encodeURIComponent).join("/")}?${query}`;
  };

  return {
    endpoint,
    pid: child.pid ?? -1,
    async createContainer(name) {
      await service.getContainerClient(name).createIfNotExists();
    },
    uploadUrl: (container, blob) => sas(container, blob, "cw"),
    downloadUrl: (container, blob) => sas(container, blob, "r"),
    async putBlob(container, blob, bytes, contentType) {
      await service
        .getContainerClient(container)
        .getBlockBlobClient(blob)
        .uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
    },
    async blobSize(container, blob) {
      const client = service.getContainerClient(container).getBlobClient(blob);
      if (!(await client.exists())) return null;
      return (await client.getProperties()).contentLength ?? 0;
    },
    async stop() {
      await stopChild(child);
      await rm(workdir, { recursive: true, force: true });
    },
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Azurite did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** True while a process with this id exists: for the no-stray-process check. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
