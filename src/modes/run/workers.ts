/**
 * The worker processes of one run: each leg's options (PYTHON_JIT set, the
 * caller's changes applied) and the call made whenever none should be alive.
 */
import type { RunSettings } from "../../core/config/settings.js";
import { type Leg, PYTHON_JIT_VALUE } from "../../core/results.js";
import type { WorkerOptions } from "../../measure/worker/calls.js";

export interface RunWorkers {
  /** Options for one worker process in `leg`, asked for once per process. */
  worker: (leg: Leg) => WorkerOptions;
  /** After the probes, the discovery and each benchmark (see RunDeps.settle). */
  settle: () => Promise<void>;
}

export interface WorkerDeps {
  env?: Readonly<Record<string, string>>;
  worker?: (leg: Leg) => Partial<WorkerOptions>;
  settle?: () => Promise<void>;
}

export function runWorkers(settings: RunSettings, deps: WorkerDeps): RunWorkers {
  const worker = (leg: Leg): WorkerOptions => {
    const own = deps.worker?.(leg) ?? {};
    return {
      python: settings.python,
      pythonInput: settings.names.python,
      root: settings.root,
      timeoutMs: settings.timeoutMs,
      ...own,
      env: { ...deps.env, ...own.env, PYTHON_JIT: PYTHON_JIT_VALUE[leg] },
    };
  };
  const settle = async () => {
    await deps.settle?.();
  };
  return { worker, settle };
}
