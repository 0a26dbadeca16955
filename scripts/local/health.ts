import { containersOf, inspect } from "./docker-objects";

/** One container of an environment and how it stands. */
export interface ContainerHealth {
  readonly name: string;
  /** `healthy`, `starting`, `unhealthy` for containers with a healthcheck; else the run state. */
  readonly status: string;
  /** The last healthcheck output, when there is one. */
  readonly lastCheck?: string;
}

/** What this reads of a container's `docker inspect`. */
interface ContainerInspect {
  readonly Name: string;
  readonly State: { readonly Status: string; readonly Health?: { readonly Status: string; readonly Log?: { readonly Output: string }[] } };
}

/** How every container of environment `env` stands now. */
export function healthOf(env: string): ContainerHealth[] {
  return (inspect("container", containersOf(env)) as ContainerInspect[]).map((c) => {
    const log = c.State.Health?.Log ?? [];
    return {
      name: String(c.Name).replace(/^\//, ""),
      status: c.State.Health ? c.State.Health.Status : c.State.Status,
      lastCheck: log.length > 0 ? String(log[log.length - 1].Output).trim() : undefined,
    };
  });
}

/** Whether a container counts as ready: healthy where it has a healthcheck, running otherwise. */
export function ready(container: ContainerHealth): boolean {
  return container.status === "healthy" || container.status === "running";
}

/**
 * Waits until every container of `env` is ready, up to `seconds`; returns them. Throws naming
 * each one that is not, with its last healthcheck output.
 */
export async function waitUntilReady(env: string, seconds: number): Promise<ContainerHealth[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const containers = healthOf(env);
    if (containers.length > 0 && containers.every(ready)) return containers;
    if (Date.now() >= deadline) {
      const notReady = containers.filter((c) => !ready(c));
      throw new Error([
        containers.length === 0 ? `no container of ${env} exists` : `not ready after ${seconds}s:`,
        ...notReady.map((c) => `  ${c.name}: ${c.status}${c.lastCheck ? ` (last check: ${c.lastCheck.split("\n")[0]})` : ""}`),
      ].join("\n"));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
