import { execFile, spawnSync } from "child_process";

/** The label every object of a Docker environment carries, with the environment's name. */
export const ENV_LABEL = "org.cdktf-service-platform.environment";

/** Runs `docker args` and returns its stdout; throws with its stderr if it fails. */
export function docker(args: readonly string[], timeoutSeconds = 60): string {
  const result = spawnSync("docker", args, { encoding: "utf8", timeout: timeoutSeconds * 1000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`docker ${args.join(" ")} failed: ${(result.stderr || result.error?.message || "").trim()}`);
  return result.stdout;
}

/** `docker(args)` without blocking: several queries run side by side. */
export function dockerAsync(args: readonly string[], timeoutSeconds = 60): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("docker", args, { encoding: "utf8", timeout: timeoutSeconds * 1000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker ${args.join(" ")} failed: ${(stderr || error.message).trim()}`));
      else resolve(stdout);
    });
  });
}

function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).sort();
}

/** Names of the containers (running or not) labelled with environment `env`. */
export function containersOf(env: string): string[] {
  return lines(docker(["ps", "-a", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Names}}"]));
}

/** Names of the networks labelled with environment `env`. */
export function networksOf(env: string): string[] {
  return lines(docker(["network", "ls", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Name}}"]));
}

/** Names of the volumes labelled with environment `env`. */
export function volumesOf(env: string): string[] {
  return lines(docker(["volume", "ls", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Name}}"]));
}

/** Every container, network and volume of environment `env`, as "container web-1_1.3.0-…" and the like. */
export function objectsOf(env: string): string[] {
  return [
    ...containersOf(env).map((n) => `container ${n}`),
    ...networksOf(env).map((n) => `network ${n}`),
    ...volumesOf(env).map((n) => `volume ${n}`),
  ];
}

/** `docker inspect` of each name, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Docker's own document; each reader (health, the e2e suite) types the fields it reads
export function inspect(kind: "container" | "network" | "volume", names: readonly string[]): any[] {
  return names.length === 0 ? [] : JSON.parse(docker([kind, "inspect", ...names])) as unknown[];
}

/** The containers publishing host port `port` (running or not), with the environment each belongs to. */
export async function containersPublishing(port: number): Promise<{ name: string; environment: string }[]> {
  return (await dockerAsync(["ps", "-a", "--filter", `publish=${port}`, "--format", `{{.Names}}\t{{.Label "${ENV_LABEL}"}}`]))
    .split("\n").filter(Boolean).map((line) => {
      const [name, environment] = line.split("\t");
      return { name, environment: environment ?? "" };
    });
}
