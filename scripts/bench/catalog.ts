import {
  Cpu, Duration, EnvValue, Image, Port, Probe, Release, Route, Secret, Service, ServiceCatalog, ServiceProps, Size,
} from "../../lib";

/** The three kinds of generated service, in turn. */
export type ServiceKind = "public" | "internal" | "tcp";

/** A generated catalog and the release of each environment it is wired to. */
export interface BenchCatalog {
  readonly catalog: ServiceCatalog;
  readonly releases: { readonly test: Release; readonly prerelease: Release; readonly production: Release };
}

/** Internal routes each need a listener port of their own; they start here. */
const FIRST_INTERNAL_PORT = 9000;

/**
 * `count` services as issue #11 describes them: a third public on port 80
 * with a domain each, a third internal with a per-environment variable and a
 * secret, a third with a tcp probe and no route; 2 replicas each, every
 * environment at the same pinned version.
 */
export function benchCatalog(count: number): BenchCatalog {
  const catalog = new ServiceCatalog();
  const versions: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const kind = kindOf(i);
    const name = `${kind}-${String(i).padStart(4, "0")}`;
    new Service(catalog, name, { image: Image.fromRegistry(`bench/${name}`), replicas: 2, ...propsOf(kind, i, name) });
    versions[name] = `1.${i % 10}.0`;
  }
  const release = Release.of(versions);
  return { catalog, releases: { test: release, prerelease: release, production: release } };
}

/** The kind of the `index`th generated service. */
export function kindOf(index: number): ServiceKind {
  return (["public", "internal", "tcp"] as const)[index % 3];
}

function propsOf(kind: ServiceKind, index: number, name: string): Omit<ServiceProps, "image" | "replicas"> {
  const timing = { timeout: Duration.seconds(2), period: Duration.seconds(5), initialDelay: Duration.seconds(3) };
  const resources = { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) };
  const variable = name.replace(/-/g, "_");
  switch (kind) {
    case "public":
      return {
        ports: [Port.http(8080, { route: Route.public({ domains: [`${name}.bench.example.com`] }) })],
        probe: Probe.http(8080, { path: "/healthz", ...timing }),
        resources,
        env: { LOG_LEVEL: EnvValue.literal("info") },
      };
    case "internal":
      return {
        ports: [Port.http(8085, { route: Route.internal({ listenerPort: FIRST_INTERNAL_PORT + index }) })],
        probe: Probe.http(8085, { path: "/healthz", ...timing }),
        resources,
        env: { PORT: EnvValue.literal("8085"), DB_HOST: EnvValue.fromVariable(`${variable}_db_host`) },
        secrets: { DB_PASSWORD: Secret.fromVariable(`${variable}_db_password`) },
      };
    case "tcp":
      return {
        ports: [Port.tcp(7000)],
        probe: Probe.tcp(7000, timing),
        resources,
        env: { QUEUE: EnvValue.literal(name) },
      };
  }
}
