/**
 * Where a Python with the JIT comes from. One text, used by `jit-bench probe`,
 * by the not-applicable verdict and by the docs, so they never disagree.
 * docs/getting-a-jit-python.md has the details and a Dockerfile stage.
 */
export const JIT_BUILDS_HINT =
  "JIT-capable CPython builds (3.13 or newer): uv and python-build-standalone on Linux x86_64/aarch64 " +
  "(compiled in, off until PYTHON_JIT=1), Fedora, Debian's 3.14+ packages, the python.org 3.14+ installers " +
  "for macOS and Windows, or a source build configured with --enable-experimental-jit=yes-off. " +
  "The official python:3.x Docker images, deadsnakes and actions/setup-python on Linux have none.";

export const JIT_BUILDS_DOC = "docs/getting-a-jit-python.md";
