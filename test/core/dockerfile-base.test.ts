import { describe, expect, it } from "vitest";
import {
  baseImageWarning,
  finalBaseImage,
  isOfficialPythonImage,
} from "../../src/core/dockerfile-base.js";

describe("finalBaseImage", () => {
  it("follows the final stage back through the stages it is built from", () => {
    const text = [
      "ARG PY=3.13",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
      "FROM python:${PY}-slim AS base",
      "FROM debian:trixie-slim AS tools",
      "FROM base AS app",
      "COPY . .",
    ].join("\n");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
    expect(finalBaseImage(text)).toBe("python:${PY}-slim");
    expect(finalBaseImage("FROM base AS x\nFROM x\n")).toBe("base");
    expect(finalBaseImage("# nothing here\n")).toBeNull();
  });
});

describe("isOfficialPythonImage", () => {
  it.each([
    ["python:3.13-slim", true],
    ["python:3.14-alpine", true],
    ["python:3", true],
    ["python", true],
    ["docker.io/library/python:3.12-bookworm", true],
    ["library/python:3.13", true],
    ["python@sha256:0123abcd", true],
    ["ghcr.io/acme/python:3.14", false],
    ["mypython:3.14", false],
    ["debian:trixie-slim", false],
    ["fedora:42", false],
    ["localhost:5000/python:3.13", false],
  ])("%s: %s", (image, official) => {
    expect(isOfficialPythonImage(image)).toBe(official);
  });
});

describe("baseImageWarning", () => {
  it("warns on an official python base, names the image and one with the JIT", () => {
    const warning = baseImageWarning("FROM python:3.13-slim\nCOPY . .\n", "Dockerfile");
    expect(warning).toContain("The final stage of Dockerfile is built on python:3.13-slim");
    expect(warning).toContain("built without the JIT");
    expect(warning).toContain("uv python install 3.14");
    expect(warning).toContain("docs/getting-a-jit-python.md");
  });

  it("says nothing of a base it does not know to lack the JIT, or of an earlier stage's", () => {
    expect(baseImageWarning("FROM debian:trixie-slim\n", "Dockerfile")).toBeNull();
    expect(
      baseImageWarning("FROM python:3.13 AS build\nFROM debian:trixie-slim\n", "Dockerfile"),
    ).toBeNull();
  });
});
