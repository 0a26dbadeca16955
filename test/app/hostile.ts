import { App } from "cdktf";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import {
  AlicloudEnvironment, AlicloudEnvironmentProps, DeployerProps, DockerEnvironment, StateBootstrap, DockerEnvironmentProps, Image, Port, Probe, Release,
  Route, Service, ServiceCatalog, ServiceProps, ValidationError,
} from "../../lib";
import { BASE_PROPS } from "../platforms/alicloud/support";
import { synthError } from "../support/synth";

/** Construct path, field, value as shown, and a piece of the allowed text. */
export type Finding = [path: string, field: string, value: string, allowed: string];

/** One hostile input: what it builds, and the errors it must stop with (none: it must synthesize). */
export interface HostileRow {
  readonly name: string;
  readonly build: (app: App) => void;
  /** Every error the App must stop with, exactly. @default - none: the App synthesizes */
  readonly errors?: readonly Finding[];
  /** A warning the App must print once on stderr (and synthesize). */
  readonly warning?: Finding;
  /** A value (a would-be secret) that must appear in no report. @default - none */
  readonly hidden?: string;
}

/** A catalog of one routed, probed service `name` on port 8080 (plus `props`). */
export function web(props: Partial<ServiceProps> = {}, name = "web"): ServiceCatalog {
  const catalog = new ServiceCatalog();
  new Service(catalog, name, {
    image: Image.fromRegistry(`shop/${name}`),
    ports: [Port.http(8080, { route: Route.internal({ listenerPort: 8080 }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    ...props,
  });
  return catalog;
}

/** A release of version 1.0.0 for every service of `catalog`. */
export function releaseOf(catalog: ServiceCatalog): Release {
  return Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"])));
}

/** A Docker environment `id` of `catalog` in `app`. */
export function docker(app: App, id: string, catalog = web(), props: Partial<DockerEnvironmentProps> = {}): DockerEnvironment {
  return new DockerEnvironment(app, id, { catalog, release: releaseOf(catalog), ...props });
}

/** An Alibaba Cloud environment `id` of `catalog` in `app`, on the smallest valid props (stage without policies). */
export function alicloud(
  app: App, id: string, catalog = web(), props: Partial<Omit<AlicloudEnvironmentProps, "catalog">> = {},
): AlicloudEnvironment {
  return new AlicloudEnvironment(app, id, { ...BASE_PROPS, release: releaseOf(catalog), ...props, catalog });
}

/** A bootstrap `id` for BASE_PROPS's state deploying `environments`, with `deployer` settings. */
export function bootstrap(app: App, environments: AlicloudEnvironment[], deployer: Partial<DeployerProps> = {}, id = "bootstrap"): StateBootstrap {
  return new StateBootstrap(app, id, { region: BASE_PROPS.region, state: BASE_PROPS.state, deployer: { environments, ...deployer } });
}

/** An Alibaba Cloud environment (prerelease by default) with a RAM policy added by hand (a team's own resource). */
export function withRamPolicy(app: App, id = "prerelease", props: Partial<Omit<AlicloudEnvironmentProps, "catalog">> = {}): AlicloudEnvironment {
  const env = alicloud(app, id, web(), props);
  new RamPolicy(env, "app-policy", { policyName: "shop-app", policyDocument: JSON.stringify({ Version: "1", Statement: [] }) });
  return env;
}

/** Synthesizes `app` catching what it writes to stderr. */
export function synthCapturing(app: App): { error: unknown; stderr: string } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    return { error: synthError(app), stderr: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

/** Checks `row` against a real synth of what it builds. */
export function expectRow(app: App, row: HostileRow): void {
  row.build(app);
  const { error, stderr } = synthCapturing(app);
  if (row.hidden) expect(`${(error as Error | undefined)?.message}\n${stderr}`).not.toContain(row.hidden);
  if (row.errors) {
    expect(error).toBeInstanceOf(ValidationError);
    const report = error as ValidationError;
    const errors = report.violations.filter((v) => v.severity === "error");
    expect(errors.map((v) => [v.path, v.field, v.value])).toEqual(row.errors.map(([p, f, v]) => [p, f, v]));
    row.errors.forEach(([, , , allowed], i) => expect(errors[i].allowed).toContain(allowed));
    return;
  }
  expect(error).toBeUndefined();
  if (row.warning) {
    const [path, field, value, allowed] = row.warning;
    const lines = stderr.split("\n").filter((l) => l.startsWith(`WARNING ${path}: ${field} = ${value}; `));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(allowed);
    expect(lines[0]).toMatch(/ \[not-honoured\]$/);
  }
}
