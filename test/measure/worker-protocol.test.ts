/**
 * The channel is validated line by line. These fake "interpreters" are shell
 * scripts that speak (or break) the protocol, to reach the cases a real
 * harness never produces.
 */
import { describe, expect, it } from "vitest";
import { parseLine } from "../../src/measure/protocol.js";
import { calibrate, probe, WorkerFailure } from "../../src/measure/worker/calls.js";
import { eventually, options, pidGone } from "../harness/support.js";

const HELLO = '{"type":"hello","protocol":1,"implementation":"CPython","version":[3,13,0]}';
const bench = { name: "bench_x", file: "x.py", async: false };

/** A python prefix that runs `script` in sh; the harness arguments become $1, $2, $3. */
function fake(script: string): string[] {
  return ["/bin/sh", "-c", script, "sh"];
}

async function failureOf(promise: Promise<unknown>): Promise<WorkerFailure> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof WorkerFailure) return error;
    throw error;
  }
  throw new Error("expected a WorkerFailure, but it succeeded");
}

describe("the protocol channel", () => {
  it("fails a process that sends a line that is not JSON after hello", async () => {
    const failure = await failureOf(
      calibrate(options(fake(`echo '${HELLO}'; echo 'garbage here'; sleep 30`)), bench, 1),
    );
    expect(failure.kind).toBe("protocol");
    expect(failure.reason).toBe('sent a line that is not JSON: "garbage here"');
  });

  it("fails a process that sends a message the protocol does not allow", async () => {
    const failure = await failureOf(
      calibrate(
        options(fake(`echo '${HELLO}'; echo '{"type":"calibration","loops":-4,"ns":1}'`)),
        bench,
        1,
      ),
    );
    expect(failure.reason).toMatch(/^sent a message the protocol does not allow \(.* at loops\)/);
  });

  it("fails a process that answers with the wrong message, and kills it", async () => {
    const failure = await failureOf(
      calibrate(
        options(
          fake(
            `echo '${HELLO}'; echo '{"type":"value","ns":5,"wallNs":5,"cpuNs":5}'; echo $$ >&2; sleep 30`,
          ),
        ),
        bench,
        1,
      ),
    );
    expect(failure.reason).toBe('sent a "value" message where "calibration" was expected');
    const pid = Number(failure.stderr.trim());
    expect(await eventually(() => pidGone(pid))).toBe(true);
  });

  it("ignores output before hello, as a sitecustomize might print", async () => {
    const probeAnswer = JSON.stringify({
      type: "probe",
      interpreter: {
        implementation: "CPython",
        version: "3.13.0",
        build: "b",
        executable: "/x",
        configArgs: null,
      },
      fingerprint: {
        cpuModel: null,
        cores: 2,
        kernel: null,
        platform: "Linux",
        machine: "x86_64",
        containerImage: null,
      },
      jit: {
        compiled: false,
        tier2: false,
        enabled: false,
        active: false,
        method: "unsupported",
        detail: "d",
      },
    });
    const result = await probe(
      options(fake(`echo 'site says hi'; echo '${HELLO}'; echo '${probeAnswer}'`)),
    );
    expect(result.pythonVersion).toEqual([3, 13, 0]);
    expect(result.jit.method).toBe("unsupported");
  });

  it("fails a process that stops answering at the time limit", async () => {
    const failure = await failureOf(
      calibrate(options(fake(`echo '${HELLO}'; sleep 30`), { timeoutMs: 300 }), bench, 1),
    );
    expect(failure.reason).toBe("timed out after 0.3 s and was killed");
  });
});

describe("parseLine", () => {
  it("accepts every field of a well-formed message and rejects unknown types", () => {
    expect(parseLine('{"type":"value","ns":12.5,"wallNs":13,"cpuNs":12.5}')).toEqual({
      ok: true,
      message: { type: "value", ns: 12.5, wallNs: 13, cpuNs: 12.5 },
    });
    expect(parseLine('{"type":"value","ns":-1,"wallNs":1,"cpuNs":1}').ok).toBe(false);
    // Both clocks come with every value: a value with one clock is not one the harness sends.
    expect(parseLine('{"type":"value","ns":12.5}').ok).toBe(false);
    expect(parseLine('{"type":"surprise"}').ok).toBe(false);
    expect(parseLine("[1,2]").ok).toBe(false);
  });
});
