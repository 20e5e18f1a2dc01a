/**
 * The worker processes of a variants run: each variant's options (its
 * command and environment over the run's), made fresh for every process.
 * A variant with an image runs each worker as its own `docker run --network
 * none` of that image, as image mode does (adapters/docker-workers.ts), and
 * its containers that outlive a killed client are stopped whenever no worker
 * should be alive.
 */
import { type ImageWorkers, imageWorkers } from "../../adapters/docker-workers.js";
import type { RunSettings } from "../../core/config/settings.js";
import type { VariantSpec } from "../../core/variants/spec.js";
import type { WorkerOptions } from "../../measure/worker/calls.js";

export interface VariantWorkers {
  /** Options for one worker process of variant `v`, asked for once per process. */
  worker: (v: number) => WorkerOptions;
  /** Stops containers that outlived their clients; a no-op without images. */
  settle: () => Promise<void>;
  /** Stops every container this run started: the last word, also after a failure. */
  stopAll: () => Promise<void>;
}

export function variantWorkers(
  settings: RunSettings,
  specs: readonly VariantSpec[],
  env: Readonly<Record<string, string>> | undefined,
): VariantWorkers {
  const images: (ImageWorkers | null)[] = specs.map((spec) =>
    spec.image === null
      ? null
      : imageWorkers({
          image: spec.image,
          workspace: settings.root,
          python: spec.python,
          // The variant's own variables reach the container by name from the client's environment.
          env: spec.env.map(([name]) => name),
        }),
  );
  const worker = (v: number): WorkerOptions => {
    const spec = specs[v] as VariantSpec;
    const base: WorkerOptions = {
      python: [...spec.python],
      pythonInput: `${settings.names.variants} (${spec.name})`,
      root: settings.root,
      timeoutMs: settings.timeoutMs,
      env: { ...env, ...Object.fromEntries(spec.env) },
    };
    const image = images[v];
    return image ? { ...base, ...image.worker("off") } : base;
  };
  const each = async (step: (image: ImageWorkers) => Promise<unknown>) => {
    await Promise.all(images.map((image) => (image ? step(image) : undefined)));
  };
  return {
    worker,
    settle: () => each((image) => image.settle()),
    stopAll: () => each((image) => image.stopAll()),
  };
}
