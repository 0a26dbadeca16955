/**
 * Every string-valued input of the public API — each service field, the
 * release, the stage settings, and the props of both environments — given
 * text with Terraform template sequences, and given a forged cdktf token
 * marker. Each one is either refused with a clear error naming it, or reaches
 * the synthesized JSON escaped (and a real Terraform reads it back as the
 * text given), or lands where Terraform reads text literally (descriptions).
 * No input is left out silently: the table says which outcome each must have.
 */
import {
  AlicloudEnvironment, AlicloudEnvironmentProps, Autoscaling, Canary, DockerEnvironment, DockerEnvironmentProps, EnvValue, Image,
  LogStore, Port, Probe, RegistryEdition, Release, ReleaseEntry, Route, ScalingSchedule, Secret, Service, ServiceCatalog, ServiceProps,
  StageSettings, Stages, ValidationError, Weekday,
} from "../../lib";
import { BASE_PROPS, stage } from "../platforms/alicloud/support";
import { readOutput, synthError, tempApp } from "../support/synth";
import { terraformReads } from "../support/terraform";

/** What Terraform would evaluate, were it not escaped. */
const TEMPLATE = "${s1}%{s1}";
/** What cdktf would resolve to the library's token 1, were it not refused. */
const MARKER = "${TfToken[TOKEN.1]}";

type Target = "docker" | "alicloud";
/** Refused with an error on the field; written escaped; written as is where Terraform reads literally; not rendered at all. */
type Outcome = "rejected" | "escaped" | "literal" | "absent";

interface Build {
  readonly service?: Partial<ServiceProps>;
  readonly serviceName?: string;
  readonly version?: string;
  /** The release entry beyond its version. */
  readonly entry?: Omit<ReleaseEntry, "version">;
  /** Who the environment's alarms notify. */
  readonly alerting?: { contacts: string[]; group?: string };
  readonly settings?: Partial<StageSettings>;
  readonly docker?: Partial<DockerEnvironmentProps>;
  readonly alicloud?: Partial<AlicloudEnvironmentProps>;
}

interface StringInput {
  /** The field an error names (given the text, for fields named by the text itself). */
  readonly field: string | ((text: string) => string);
  /** Where the text goes. */
  readonly build: (text: string) => Build;
  /** Outcome per environment; an environment not listed does not take this input. */
  readonly outcome: Partial<Record<Target, Outcome>>;
  /** Whether an error names the stack rather than the service. @default false */
  readonly stackLevel?: boolean;
}

const both = (outcome: Outcome) => ({ docker: outcome, alicloud: outcome });
const INPUTS: StringInput[] = [
  // The service model: both environments.
  { field: "name", build: (t) => ({ serviceName: t }), outcome: both("rejected") },
  { field: "image", build: (t) => ({ service: { image: Image.fromRegistry(`shop/${t}`) } }), outcome: both("rejected") },
  { field: "probe.path", build: (t) => ({ service: { probe: Probe.http(8080, { path: `/healthz?q=${t}` }) } }), outcome: both("escaped") },
  { field: "probe.command[2]", build: (t) => ({ service: { probe: Probe.command(["/bin/sh", "-c", `echo ${t}`]) } }),
    outcome: both("escaped") },
  { field: "env.GREETING", build: (t) => ({ service: { env: { GREETING: EnvValue.literal(`hello ${t}`) } } }), outcome: both("escaped") },
  { field: `env.GREETING`, build: (t) => ({ service: { env: { GREETING: EnvValue.fromVariable(t) } } }), outcome: both("rejected") },
  { field: "env.DB_HOST.description",
    build: (t) => ({ service: { env: { DB_HOST: EnvValue.fromVariable("db_host", { description: `host ${t}` }) } } }),
    outcome: both("literal") },
  { field: "secrets.DB_PASSWORD", build: (t) => ({ service: { secrets: { DB_PASSWORD: Secret.fromVariable(t) } } }),
    outcome: both("rejected") },
  { field: "secrets.DB_PASSWORD.description",
    build: (t) => ({ service: { secrets: { DB_PASSWORD: Secret.fromVariable("db_password", { description: `password ${t}` }) } } }),
    outcome: both("literal") },
  { field: (t) => `env.${t}`, build: (t) => ({ service: { env: { [t]: EnvValue.literal("x") } } }), outcome: both("rejected") },
  { field: "logs.name", build: (t) => ({ service: { logs: LogStore.stdout(t) } }), outcome: both("rejected") },
  // A named SLS project keeps sls_configs plain JSON that Terraform reads back alone (the default names the account's id).
  { field: "logs.paths[0]", build: (t) => ({ service: { logs: LogStore.files("app", [`/var/log/${t}`]) }, alicloud: { logProject: "shop-logs" } }),
    outcome: { docker: "absent", alicloud: "escaped" } },
  { field: "ports[0].route.domains[0]",
    build: (t) => ({ service: { ports: [Port.http(8080, { route: Route.internal({ domains: [t] }) })] } }), outcome: both("rejected") },
  { field: (t) => `labels.${t}`, build: (t) => ({ service: { labels: { [t]: "x" } } }), outcome: both("rejected") },
  { field: "labels.team", build: (t) => ({ service: { labels: { team: `ops ${t}` } } }), outcome: both("escaped") },
  { field: "release.version", build: (t) => ({ version: t }), outcome: both("rejected") },
  { field: "settings.name", build: (t) => ({ settings: { name: t } }), outcome: both("rejected"), stackLevel: true },
  // Operating in production: autoscaling windows, canaries, alerting.
  ...(["from", "to"] as const).map((key): StringInput => ({
    field: `autoscaling.schedules[0].${key}`, outcome: both("rejected"),
    build: (t) => ({ service: { autoscaling: Autoscaling.between(2, 4, {
      schedules: [ScalingSchedule.daily({ from: "08:00", to: "20:00", [key]: t })] }) } }) })),
  { field: "autoscaling.schedules[0].days", outcome: both("rejected"),
    build: (t) => ({ service: { autoscaling: Autoscaling.between(2, 4, {
      schedules: [ScalingSchedule.on([t as Weekday], { from: "08:00", to: "20:00" })] }) } }) },
  { field: (t) => `release.canary.headers.${t}`, outcome: both("rejected"),
    build: (t) => ({ service: { replicas: 2 }, entry: { canary: Canary.forRequests({ headers: { [t]: "1" } }) } }) },
  { field: "release.canary.headers.X-Canary", outcome: { docker: "absent", alicloud: "escaped" },
    build: (t) => ({ service: { replicas: 2 }, entry: { canary: Canary.forRequests({ headers: { "X-Canary": `on ${t}` } }) } }) },
  { field: "release.canary.cookies.tester", outcome: { docker: "absent", alicloud: "escaped" },
    build: (t) => ({ service: { replicas: 2 }, entry: { canary: Canary.forRequests({ cookies: { tester: `yes${t}` } }) } }) },
  // Docker takes no alerting (it renders no alarms): a cloud stage's option only.
  { field: "alerting.contacts[0]", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alerting: { contacts: [t] } }) },
  { field: "alerting.group", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alerting: { contacts: ["oncall"], group: t } }) },
  // DockerEnvironment props.
  ...(["dockerHost", "registry", "publishAddress", "loadBalancerImage", "registryImage", "logMaxSize"] as const).map(
    (field): StringInput => ({ field, build: (t) => ({ docker: { [field]: t } }), outcome: { docker: "rejected" }, stackLevel: true })),
  // AlicloudEnvironment props.
  { field: "region", build: (t) => ({ alicloud: { region: t } }), outcome: { alicloud: "rejected" }, stackLevel: true },
  { field: "network.vpcId", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { network: { vpcId: `vpc-${t}`, zones: [
      { zoneId: "cn-hangzhou-h", vswitchId: "vsw-1a" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-2a" }] } } }) },
  { field: "network.cidrBlock", build: (t) => ({ alicloud: { network: { ...BASE_PROPS.network, cidrBlock: t } } }),
    outcome: { alicloud: "rejected" }, stackLevel: true },
  { field: "network.zones[0].zoneId", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { network: { zones: [{ ...BASE_PROPS.network.zones[0], zoneId: t }, BASE_PROPS.network.zones[1]] } } }) },
  { field: "network.zones[0].cidrBlock", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { network: { zones: [{ ...BASE_PROPS.network.zones[0], cidrBlock: t }, BASE_PROPS.network.zones[1]] } } }) },
  { field: "network.zones[0].vswitchId", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { network: { vpcId: "vpc-1", zones: [
      { zoneId: "cn-hangzhou-h", vswitchId: t }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-2" }] } } }) },
  ...(["instanceId", "endpoint"] as const).map((key): StringInput => ({
    field: `registry.${key}`, stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { registry: { ...BASE_PROPS.registry, [key]: t } } }) })),
  { field: "registry.instanceName", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { registry: { instanceName: t } } }) },
  { field: "registry.edition", stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { registry: { instanceName: "shop-registry", edition: t as RegistryEdition } } }) },
  ...(["bucket", "prefix", "region", "tablestoreEndpoint", "tablestoreTable"] as const).map((key): StringInput => ({
    field: `state.${key}`, stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { state: { ...BASE_PROPS.state, [key]: t } } }) })),
  ...(["saeNamespace", "logProject", "loadBalancerSpec"] as const).map((field): StringInput => ({
    field, stackLevel: true, outcome: { alicloud: "rejected" }, build: (t) => ({ alicloud: { [field]: t } }) })),
  ...(["project", "logstore"] as const).map((key): StringInput => ({
    field: `loadBalancerAccessLogs.${key}`, stackLevel: true, outcome: { alicloud: "rejected" },
    build: (t) => ({ alicloud: { loadBalancerAccessLogs: { project: "shop-slb-logs", logstore: "access-log", [key]: t } } }) })),
];

/** The stack an input goes into, synthesized; or the error that stopped it. */
function synth(target: Target, build: Build): { error?: ValidationError; doc?: any; outdir: string } {
  const catalog = new ServiceCatalog();
  const name = build.serviceName ?? "app";
  new Service(catalog, name, { image: Image.fromRegistry("shop/app"), ports: [Port.http(8080)], ...build.service });
  const release = Release.of({ [name]: { version: build.version ?? "1.0.0", ...build.entry } });
  const app = tempApp();
  if (target === "docker") {
    new DockerEnvironment(app, "test", {
      catalog, release, settings: { ...Stages.test, ...build.settings }, ...build.docker,
    });
  } else {
    new AlicloudEnvironment(app, "prerelease", {
      ...BASE_PROPS, catalog, release, settings: { ...stage(Stages.prerelease), ...build.settings }, alerting: build.alerting,
      ...build.alicloud,
    });
  }
  const error = synthError(app);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows whatever the synth threw, as it was
  if (error !== undefined && !(error instanceof ValidationError)) throw error;
  return { error, doc: readOutput(app.outdir).stacks[target === "docker" ? "test" : "prerelease"], outdir: app.outdir };
}

/** Every string of a synthesized stack (keys too), with whether Terraform reads it literally there. */
function stringsOf(doc: unknown, literal = false, at: string[] = []): { text: string; literal: boolean }[] {
  if (typeof doc === "string") return [{ text: doc, literal }];
  if (doc === null || typeof doc !== "object") return [];
  return Object.entries(doc).flatMap(([key, value]) => {
    const here = [...at, key];
    const readLiterally = literal || here[0] === "terraform" || here[0] === "//" || key === "//" ||
      ((here[0] === "variable" || here[0] === "output") && here.length === 3 && key === "description");
    return [...(Array.isArray(doc) ? [] : [{ text: key, literal }]), ...stringsOf(value, readLiterally, here)];
  });
}

const LIVE = /(^|[^$])\$\{s1\}|(^|[^%])%\{s1\}/;
const cases = INPUTS.flatMap((input) => (Object.entries(input.outcome) as [Target, Outcome][])
  .map(([target, outcome]) => ({ ...input, target, expected: outcome, label: `${target} ${typeof input.field === "string" ? input.field : input.field("<text>")}` })));
/** Escaped strings of each case's stack, read back by Terraform at the end. */
const escaped = new Map<string, string[]>();
/** Whether Terraform can evaluate `text` on its own: it holds no live reference to the stack's resources. */
const standalone = (text: string) => !/(^|[^$])\$\{[a-z]/.test(text);

describe("every string input of the public API, given Terraform template sequences", () => {
  test.each(cases)("$label: $expected", ({ build, target, expected, field, stackLevel, label }) => {
    const { error, doc } = synth(target, build(TEMPLATE));
    const stackPath = target === "docker" ? "test" : "prerelease";
    if (expected === "rejected") {
      expect(doc).toBeUndefined();
      const name = typeof field === "string" ? field : field(TEMPLATE);
      const named = error?.violations.filter((v) => v.severity === "error" && v.field === name);
      expect(named?.length).toBeGreaterThan(0);
      const path = stackLevel ? stackPath : `${stackPath}/${build(TEMPLATE).serviceName ?? "app"}`;
      expect(named!.map((v) => [v.path, v.value.includes(TEMPLATE) || v.value.includes(JSON.stringify(TEMPLATE).slice(1, -1))]))
        .toContainEqual([path, true]);
      expect(named!.every((v) => v.allowed.length > 0)).toBe(true);
      return;
    }
    expect(error).toBeUndefined();
    const strings = stringsOf(doc).filter((s) => s.text.includes("s1"));
    if (expected === "absent") {
      expect(strings).toEqual([]);
      return;
    }
    expect(strings.filter((s) => s.literal === (expected === "literal")).length).toBeGreaterThan(0);
    // Nowhere that Terraform evaluates is the text left live.
    expect(strings.filter((s) => !s.literal && LIVE.test(s.text))).toEqual([]);
    if (expected === "literal") {
      expect(strings.filter((s) => s.literal).map((s) => s.text).some((t) => t.includes(TEMPLATE))).toBe(true);
    }
    if (expected === "escaped") escaped.set(label, strings.filter((s) => !s.literal).map((s) => s.text).filter(standalone));
  });

  test("a real Terraform reads every escaped string back with the text as given", () => {
    expect([...escaped].filter(([, texts]) => texts.length === 0).map(([label]) => label)).toEqual([]);
    expect(escaped.size).toBe(cases.filter((c) => c.expected === "escaped").length);
    const texts = [...new Set([...escaped.values()].flat())];
    const read = terraformReads(texts).values;
    expect(read.filter((value) => !value.includes(TEMPLATE) && !value.includes(JSON.stringify(TEMPLATE).slice(1, -1)))).toEqual([]);
  });
});

describe("every string input of the public API, given a forged cdktf token marker", () => {
  test.each(cases)("$label: refused", ({ build, target, field, expected }) => {
    const { error, doc } = synth(target, build(MARKER));
    expect(doc).toBeUndefined();
    const name = typeof field === "string" ? field : field(MARKER);
    const named = error?.violations.filter((v) => v.severity === "error" && v.field === name) ?? [];
    expect(named.length).toBeGreaterThan(0);
    // Where template text is accepted, the marker rule is what refuses the forgery.
    if (expected !== "rejected") expect(named.map((v) => v.allowed)).toContainEqual(expect.stringContaining("cdktf token markers"));
  });
});
