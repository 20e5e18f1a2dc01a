/**
 * The image a Dockerfile's final stage is built on, and whether it is one
 * known to have no JIT: ENV PYTHON_JIT=1 changes nothing on such an image,
 * so the advice must say so before anyone applies it. Known: the official
 * `python` images (python:3.13-slim, python:3.14-alpine, ...), which are
 * built without the JIT.
 */
import { DockerfileParser, From } from "dockerfile-ast";
import { JIT_BUILDS_DOC } from "./jit-builds.js";

/**
 * The final stage's base image as written (`python:3.13-slim`), following
 * stages built FROM earlier stages; null when there is no FROM.
 */
export function finalBaseImage(text: string): string | null {
  const froms = DockerfileParser.parse(text)
    .getInstructions()
    .filter((instruction): instruction is From => instruction instanceof From);
  let index = froms.length - 1;
  const seen = new Set<number>();
  while (index >= 0 && !seen.has(index)) {
    seen.add(index);
    const from = froms[index];
    const image = from?.getImageName() === undefined ? null : from.getImage();
    if (image === null || image === undefined) return null;
    const parent = froms.findIndex(
      (earlier, i) => i < index && earlier.getBuildStage()?.toLowerCase() === image.toLowerCase(),
    );
    if (parent === -1) return image;
    index = parent;
  }
  return null;
}

/** True for Docker Hub's official python images, however the reference is spelled. */
export function isOfficialPythonImage(image: string): boolean {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastColon = withoutDigest.lastIndexOf(":");
  const name =
    lastColon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(0, lastColon) : withoutDigest;
  const repo = name
    .toLowerCase()
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "")
    .replace(/^library\//, "");
  return repo === "python";
}

/** A warning when the final stage's base is known to have no JIT; null otherwise. */
export function baseImageWarning(text: string, fileName: string): string | null {
  const image = finalBaseImage(text);
  if (image === null || !isOfficialPythonImage(image)) return null;
  return (
    `The final stage of ${fileName} is built on ${image}, an official python image, and those are built without the JIT: ` +
    "PYTHON_JIT=1 changes nothing there, and both legs measured in it run the same interpreter. " +
    "Build on a CPython with the JIT compiled in instead, such as uv's CPython 3.14 (`uv python install 3.14` " +
    `on debian:trixie-slim) or Fedora's python3; ${JIT_BUILDS_DOC} has a ready stage.`
  );
}
