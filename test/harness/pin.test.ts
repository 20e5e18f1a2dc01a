/**
 * Pinning a timed process to one CPU, for paired measurement: the harness
 * pins itself to the slot it is asked for, and says where, or why it could
 * not. The kernel's own word (/proc/<pid>/status) is the check.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const bench = { name: "bench_sum", file: "basic/bench_sync.py", async: false };

/** The CPUs the kernel lets a process run on, from Cpus_allowed_list ("0-1", "3", "0,2"). */
function allowedCpus(pid: number | string): number[] {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const list = /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1] ?? "";
  return list.split(",").flatMap((part) => {
    const [from, to] = part.split("-").map(Number) as [number, number | undefined];
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  });
}

const stubs = mkdtempSync(join(tmpdir(), "jit-bench-pin-"));
afterAll(() => rmSync(stubs, { recursive: true, force: true }));

/** A PYTHONPATH whose sitecustomize changes the os module before the harness starts. */
function sitecustomize(name: string, body: string): Record<string, string> {
  const dir = join(stubs, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "sitecustomize.py"), body);
  return { PYTHONPATH: dir };
}

describe.each([PY.py39, PY.py313])("pinning (%s)", (python) => {
  const ours = allowedCpus("self");

  it("pins the process to the CPU at its slot, which the kernel confirms", async () => {
    for (const slot of [0, 1]) {
      const session = await MeasureSession.start(options(python), bench, 16, "cpu", slot);
      try {
        const pin = session.ready.pin;
        expect(pin?.reason).toBeNull();
        expect(pin?.cpus).toBe(ours.length);
        expect(pin?.cpu).toBe(ours[slot % ours.length]);
        expect(allowedCpus(session.pid ?? 0)).toEqual([pin?.cpu]);
        expect((await session.next()).ns).toBeGreaterThan(0);
      } finally {
        await session.finish();
      }
    }
  });

  it("takes the slot modulo the CPUs it may use, so both processes of a pair agree", async () => {
    const a = await MeasureSession.start(options(python), bench, 16, "cpu", 1);
    const b = await MeasureSession.start(options(python), bench, 16, "cpu", 1 + ours.length);
    try {
      expect(b.ready.pin?.cpu).toBe(a.ready.pin?.cpu);
    } finally {
      await a.finish();
      await b.finish();
    }
  });

  it("says nothing of pinning when no slot was asked for, and stays unpinned", async () => {
    const session = await MeasureSession.start(options(python), bench, 16, "cpu");
    try {
      expect(session.ready.pin).toBeNull();
      expect(allowedCpus(session.pid ?? 0)).toEqual(ours);
    } finally {
      await session.finish();
    }
  });

  it("measures unpinned, and says why, on a platform without the affinity call", async () => {
    const env = sitecustomize("no-affinity", "import os\ndel os.sched_setaffinity\n");
    const session = await MeasureSession.start(options(python, { env }), bench, 16, "cpu", 0);
    try {
      expect(session.ready.pin).toEqual({
        cpu: null,
        reason: "this platform has no os.sched_setaffinity",
        cpus: ours.length,
      });
      expect((await session.next()).ns).toBeGreaterThan(0);
    } finally {
      await session.finish();
    }
  });

  it("measures unpinned, and says why, where the call is refused (a locked-down container)", async () => {
    const env = sitecustomize(
      "refused",
      "import errno, os\n\ndef refuse(pid, cpus):\n    raise PermissionError(errno.EPERM, 'Operation not permitted')\n\nos.sched_setaffinity = refuse\n",
    );
    const session = await MeasureSession.start(options(python, { env }), bench, 16, "cpu", 0);
    try {
      expect(session.ready.pin?.cpu).toBeNull();
      expect(session.ready.pin?.reason).toBe(
        "os.sched_setaffinity failed: Operation not permitted",
      );
      expect(allowedCpus(session.pid ?? 0)).toEqual(ours);
    } finally {
      await session.finish();
    }
  });
});
