// Talking to the engine: is it there, does it have the image.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDocker, ensureImage, imageExists } from "../../src/adapters/docker.js";
import { InputError } from "../../src/core/errors.js";
import { requireEngine, TEST_IMAGE } from "./engine.js";

beforeAll(requireEngine);

// A socket path where nothing listens: the engine of a runner without Docker.
const empty = mkdtempSync(join(tmpdir(), "jit-bench-nodocker-"));
const deadSocket = `unix://${join(empty, "docker.sock")}`;
const noEngine = { env: { ...process.env, DOCKER_HOST: deadSocket } };
afterAll(() => rmSync(empty, { recursive: true, force: true }));

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("checkDocker", () => {
  it("returns the engine's version when one answers", async () => {
    expect(await checkDocker(TEST_IMAGE)).toMatch(/^\d+\.\d+/);
  });

  it("names the image, the failure and the fix when no engine answers", async () => {
    const error = await inputErrorOf(checkDocker("python:3.13", noEngine));
    expect(error.input).toBe("image");
    expect(error.value).toBe("python:3.13");
    expect(error.message).toMatch(
      /^image: needs a Docker engine, and none answered \(docker info failed: /,
    );
    // docker's own words, with the socket it tried.
    expect(error.message).toContain(join(empty, "docker.sock"));
    expect(error.message).toContain("drop image: to run in the job's own environment");
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("says so when there is no docker client at all", async () => {
    const error = await inputErrorOf(
      checkDocker("python:3.13", { docker: join(empty, "no-such-docker") }),
    );
    expect(error.message).toContain("is not installed or not on PATH");
  });
});

describe("imageExists", () => {
  it("knows the test image and not a missing one", async () => {
    expect(await imageExists(TEST_IMAGE)).toBe(true);
    expect(await imageExists("jit-bench-test/absent:never-built")).toBe(false);
  });

  it("fails with an input error, not false, when the engine is away", async () => {
    const error = await inputErrorOf(imageExists(TEST_IMAGE, noEngine));
    expect(error.message).toMatch(/docker image inspect failed: .*docker\.sock/);
  });
});

describe("ensureImage", () => {
  it("does not pull an image that is present", async () => {
    expect(await ensureImage(TEST_IMAGE)).toBe("present");
  });

  it("reports a failed pull as an input error", async () => {
    // A registry on a closed loopback port: the pull fails at once, and off this machine nothing is asked.
    const error = await inputErrorOf(ensureImage("127.0.0.1:1/jit-bench/absent:1"));
    expect(error.message).toMatch(
      /is not on this machine and docker pull failed: .*127\.0\.0\.1:1/,
    );
  });
});
