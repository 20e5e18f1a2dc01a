/**
 * The process's event loop: made current before the import of a file that
 * names asyncio (code asking for the loop at import time finds it), made
 * after the import when a module the file imported brought asyncio in, and
 * never made (asyncio never imported, tens of milliseconds of start-up saved)
 * for a file that does neither.
 */
import { describe, expect, it } from "vitest";
import { calibrate, MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const bench = (file: string, name: string) => ({ name, file: `event-loop/${file}`, async: false });

async function measureOnce(python: string, ref: ReturnType<typeof bench>): Promise<number> {
  const { loops } = await calibrate(options(python), ref, 100_000);
  const session = await MeasureSession.start(options(python), ref, loops);
  const { ns } = await session.next();
  await session.finish();
  return ns;
}

describe.each([PY.py39, PY.py313])("the event loop (%s)", (python) => {
  it("is not imported for a file that never uses it", async () => {
    await expect(
      measureOnce(python, bench("bench_plain.py", "bench_without_it")),
    ).resolves.toBeGreaterThan(0);
  });

  it("is current before the import of a file that names asyncio", async () => {
    await expect(
      measureOnce(python, bench("bench_import_time.py", "bench_same_loop_as_import")),
    ).resolves.toBeGreaterThan(0);
  });
});

describe("the event loop, brought in by an imported module", () => {
  // 3.13 warns when no loop is current, and the fixture makes that warning an error; 3.9 makes one silently.
  it("is current by the first call (3.13)", async () => {
    await expect(
      measureOnce(PY.py313, bench("bench_helper.py", "bench_helper_loop")),
    ).resolves.toBeGreaterThan(0);
  });
});
