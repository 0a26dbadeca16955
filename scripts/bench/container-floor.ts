import * as fs from "fs";
import * as path from "path";
import { containersOf, docker, inspect, networksOf, volumesOf } from "../local/docker-objects";
import { httpGet } from "../local/http";
import { stateOutputs } from "../local/terraform";
import { dockerApi, dockerApiOk } from "./docker-api";

/**
 * The floors of the inner loop that Terraform has no part in: what the Docker engine itself needs
 * to bring an environment's containers up from nothing and to remove them. Both work from the
 * environment as `npm run up` left it — its containers', networks' and volumes' own settings
 * (`docker inspect`) and, from the local state, the order Terraform creates the containers in
 * and the files it copies into them — so they follow whatever the stack holds (a store with a
 * data volume and a health probe included) without knowing it.
 */

/** One container as the floor creates it. */
interface ContainerPlan {
  readonly name: string;
  /** The body of `POST /containers/create`: the container's own Config, HostConfig and first network. */
  readonly create: Record<string, unknown>;
  /** Further networks to connect it to before it starts, with their aliases. */
  readonly connect: { readonly network: string; readonly aliases: string[] }[];
  /** Files Terraform copied in before starting it: the archive `docker cp` reads, and where it goes. */
  readonly uploads: { readonly dir: string; readonly tar: Buffer }[];
  /** Containers that must be done (started, and healthy where Terraform waits for it) before it starts. */
  readonly after: string[];
  /** Whether Terraform waits for it to turn healthy before it counts as created (`wait`). */
  readonly waitHealthy: boolean;
}

/** What the floor recreates. */
export interface RecordedEnvironment {
  readonly networks: Record<string, unknown>[];
  readonly volumes: Record<string, unknown>[];
  readonly containers: ContainerPlan[];
  /** The routes the stack's `routes` output lists: up is done when each answers, and so is the floor. */
  readonly routes: { readonly url: string; readonly host: string }[];
}

/** A docker_container instance in the state: what the floor reads of it. */
interface StateContainer {
  readonly address: string;
  readonly name: string;
  readonly id: string;
  readonly uploads: string[];
  readonly wait: boolean;
  readonly dependencies: string[];
}

function stateContainers(stateFile: string): StateContainer[] {
  type Instance = { attributes: { name: string; id: string; upload?: { file: string }[]; wait?: boolean }; dependencies?: string[] };
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { resources?: { mode: string; type: string; name: string; instances: Instance[] }[] };
  return (state.resources ?? []).filter((r) => r.mode === "managed" && r.type === "docker_container").flatMap((r) =>
    r.instances.map((i) => ({
      address: `${r.type}.${r.name}`, name: i.attributes.name, id: i.attributes.id, uploads: (i.attributes.upload ?? []).map((u) => u.file),
      wait: i.attributes.wait === true, dependencies: i.dependencies ?? [],
    })));
}

/** What the floor reads of a container's `docker inspect`. */
interface ContainerInspect {
  readonly Id: string;
  readonly Name: string;
  readonly Config: Record<string, unknown>;
  readonly HostConfig: Record<string, unknown> & { readonly NetworkMode?: string };
  readonly NetworkSettings: { readonly Networks: Record<string, { readonly Aliases?: string[] | null }> };
}

/** What the floor reads of a network's `docker network inspect`. */
interface NetworkInspect {
  readonly Name: string;
  readonly Driver: string;
  readonly Labels: Record<string, string> | null;
  readonly Options: Record<string, string> | null;
  readonly Internal: boolean;
  readonly Attachable: boolean;
  readonly EnableIPv6: boolean;
  readonly IPAM?: { readonly Driver?: string; readonly Options?: Record<string, string> | null };
}

/** What the floor reads of a volume's `docker volume inspect`. */
interface VolumeInspect {
  readonly Name: string;
  readonly Driver: string;
  readonly Labels: Record<string, string> | null;
  readonly Options: Record<string, string> | null;
}

/**
 * Records environment `env` as it runs now (it must be up): every container, network and volume
 * with its label, and from `stateFile` the creation order and uploaded files of its containers.
 */
export async function recordEnvironment(env: string, stateFile: string): Promise<RecordedEnvironment> {
  const fromState = stateContainers(stateFile);
  const nameOf = new Map(fromState.map((c) => [c.address, c.name]));
  const containers = await Promise.all((inspect("container", containersOf(env)) as ContainerInspect[]).map(async (c): Promise<ContainerPlan> => {
    const name = c.Name.replace(/^\//, "");
    const own = fromState.find((s) => s.name === name);
    if (!own) throw new Error(`container ${name} of ${env} is not in ${stateFile}`);
    const endpoints = Object.entries(c.NetworkSettings.Networks).map(([network, settings]) => ({
      // Docker adds the container's short id as an alias of its own; a new container gets its own.
      network, aliases: (settings.Aliases ?? []).filter((alias) => !c.Id.startsWith(alias)),
    }));
    const [first, ...others] = endpoints;
    const uploads = await Promise.all(own.uploads.map(async (file) => {
      const answer = await dockerApi("GET", `/containers/${own.id}/archive?path=${encodeURIComponent(file)}`);
      if (answer.status !== 200) throw new Error(`cannot read ${file} of ${name}: ${answer.status}`);
      return { dir: path.posix.dirname(file), tar: answer.body };
    }));
    return {
      name,
      create: {
        ...c.Config,
        HostConfig: { ...c.HostConfig, NetworkMode: first ? first.network : c.HostConfig.NetworkMode },
        NetworkingConfig: first ? { EndpointsConfig: { [first.network]: { Aliases: first.aliases } } } : undefined,
      },
      connect: others,
      uploads,
      after: own.dependencies.flatMap((address) => nameOf.get(address) ?? []),
      waitHealthy: own.wait,
    };
  }));
  const networks = (inspect("network", networksOf(env)) as NetworkInspect[]).map((n) => ({
    Name: n.Name, Driver: n.Driver, Labels: n.Labels ?? {}, Options: n.Options ?? {}, Internal: n.Internal, Attachable: n.Attachable,
    EnableIPv6: n.EnableIPv6, IPAM: { Driver: n.IPAM?.Driver, Options: n.IPAM?.Options ?? {} },
  }));
  const volumes = (inspect("volume", volumesOf(env)) as VolumeInspect[]).map((v) => ({ Name: v.Name, Driver: v.Driver, Labels: v.Labels ?? {}, DriverOpts: v.Options ?? {} }));
  return { networks, volumes, containers, routes: (stateOutputs(stateFile).routes as RecordedEnvironment["routes"] | undefined) ?? [] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ContainerState {
  readonly State: { readonly Running: boolean; readonly Status: string; readonly Health?: { readonly Status: string } };
}

/** Polls container `id` every 100 ms until `done` says so; throws after `seconds`. */
async function until(id: string, name: string, done: (state: ContainerState["State"]) => boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { State } = await dockerApiOk("GET", `/containers/${id}/json`) as ContainerState;
    if (done(State)) return;
    if (Date.now() > deadline) throw new Error(`${name} is not ready after ${seconds}s (${State.Health?.Status ?? State.Status})`);
    await sleep(100);
  }
}

const healthy = (state: ContainerState["State"]) => state.Health ? state.Health.Status === "healthy" : state.Running;

/** Polls `route` every 100 ms until it answers without a server error, as `npm run up` waits for it. */
async function answers(route: RecordedEnvironment["routes"][number], seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await httpGet(route.url, route.host, 2000)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${route.url} (Host ${route.host || "any"}) does not answer after ${seconds}s`);
    await sleep(100);
  }
}

/**
 * The "up from down" floor: creates the recorded networks, volumes and containers (copying in the
 * files Terraform copies), starts each container once those it depends on are done — started, and
 * healthy where Terraform waits for that — and waits until every container is ready (healthy where
 * it has a health check, running otherwise) and every route answers, as `npm run up` does. Returns
 * the milliseconds taken.
 */
export async function upFloor(recorded: RecordedEnvironment, seconds = 180): Promise<number> {
  const started = performance.now();
  await Promise.all([
    ...recorded.networks.map((n) => dockerApiOk("POST", "/networks/create", n)),
    ...recorded.volumes.map((v) => dockerApiOk("POST", "/volumes/create", v)),
  ]);
  const ids = new Map<string, string>();
  await Promise.all(recorded.containers.map(async (c) => {
    const { Id } = await dockerApiOk("POST", `/containers/create?name=${encodeURIComponent(c.name)}`, c.create) as { Id: string };
    for (const link of c.connect) {
      await dockerApiOk("POST", `/networks/${encodeURIComponent(link.network)}/connect`, { Container: Id, EndpointConfig: { Aliases: link.aliases } });
    }
    for (const upload of c.uploads) await dockerApiOk("PUT", `/containers/${Id}/archive?path=${encodeURIComponent(upload.dir)}`, upload.tar);
    ids.set(c.name, Id);
  }));
  const done = new Map<string, Promise<void>>();
  const bringUp = (c: ContainerPlan): Promise<void> => {
    let running = done.get(c.name);
    if (!running) {
      running = (async () => {
        await Promise.all(recorded.containers.filter((other) => c.after.includes(other.name)).map(bringUp));
        const id = ids.get(c.name)!;
        await dockerApiOk("POST", `/containers/${id}/start`);
        if (c.waitHealthy) await until(id, c.name, healthy, seconds);
      })();
      done.set(c.name, running);
    }
    return running;
  };
  await Promise.all(recorded.containers.map(bringUp));
  await Promise.all(recorded.containers.map((c) => until(ids.get(c.name)!, c.name, healthy, seconds)));
  await Promise.all(recorded.routes.map((route) => answers(route, seconds)));
  return performance.now() - started;
}

/**
 * The "down" floor: `docker rm -f` of every container of environment `env`, then `docker network
 * rm` and `docker volume rm` of its networks and volumes (listed before the clock starts).
 * Returns the milliseconds taken.
 */
export function downFloor(env: string): number {
  const [containers, networks, volumes] = [containersOf(env), networksOf(env), volumesOf(env)];
  const started = performance.now();
  if (containers.length > 0) docker(["rm", "-f", "-v", ...containers], 120);
  if (networks.length > 0) docker(["network", "rm", ...networks]);
  if (volumes.length > 0) docker(["volume", "rm", ...volumes]);
  return performance.now() - started;
}
