import * as fs from "fs";
import * as path from "path";
import {
  AlicloudEnvironment, Cpu, Duration, Image, LogStore, Port, Probe, Release, Route, Service, ServiceCatalog, ServiceProps, Size,
  Stages, ValidationError,
} from "../../../lib";
import { synthError, tempApp } from "../../support/synth";
import { Expected, expectOneError } from "../../validation/rejected";
import { BASE_PROPS, Overrides, stage } from "./support";

const image = Image.fromRegistry("shop/app");

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Builds the catalog. */
  readonly catalog: (c: ServiceCatalog) => void;
  /** Environment props replacing the valid defaults. */
  readonly props?: Overrides;
  /** Stack id. @default "prerelease" */
  readonly id?: string;
  /** Construct path, field, value and a piece of the allowed text the error must name. */
  readonly expected: Expected;
}

const one = (props: Partial<ServiceProps>, name = "app") => (c: ServiceCatalog) => new Service(c, name, { image, ...props });
const routed = (route: Route) => one({ ports: [Port.http(8080, { route })] });
const zone = (zoneId: string, cidrBlock: string) => ({ zoneId, cidrBlock });
const longName = "a-service-name-longer-than-sae-allows"; // 37 characters

const cases: Case[] = [
  { name: "cpu/memory pair SAE does not run", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(3) } }),
    expected: ["prerelease/app", "resources", '"1 core/3Gi"', "a CPU/memory pair SAE runs: 0.5 core/1 GiB, 1 core/2 GiB, 1 core/4 GiB"] },
  { name: "fractional core SAE does not offer", catalog: one({ resources: { cpu: Cpu.cores(0.25), memory: Size.gibibytes(1) } }),
    expected: ["prerelease/app", "resources", '"250m/1Gi"', "2 cores/4 GiB"] },
  { name: "fewer zones than the stage requires", catalog: one({}),
    props: { network: { zones: [zone("cn-hangzhou-h", "10.0.1.0/24")] } },
    expected: ["prerelease", "network.zones", '["cn-hangzhou-h"]', 'at least 2 distinct zones: stage "prerelease" requires minZones = 2'] },
  { name: "the same zone twice counts once", catalog: one({}),
    props: { network: { zones: [zone("cn-hangzhou-h", "10.0.1.0/24"), zone("cn-hangzhou-h", "10.0.2.0/24")] } },
    expected: ["prerelease", "network.zones[1].zoneId", '"cn-hangzhou-h"', "a zone not already listed (zones[0]): each zone counts once towards the stage's minZones"] },
  { name: "two zones where production asks for three", catalog: one({}), id: "production",
    props: { settings: stage(Stages.production, { minZones: 3 }) },
    expected: ["production", "network.zones", '["cn-hangzhou-h","cn-hangzhou-i"]', 'stage "production" requires minZones = 3'] },
  { name: "a domain route in an internal-only stage", catalog: routed(Route.public({ domains: ["shop.example.com"] })),
    props: { settings: stage(Stages.prerelease, { allowInternet: false }) },
    expected: ["prerelease/app", "ports[0].route", '"public"', 'an internal route: stage "prerelease" does not allow internet exposure'] },
  { name: "a domain route on a TCP port", catalog: one({ ports: [Port.tcp(5432, { route: Route.internal({ domains: ["db.shop.internal"] }) })] }),
    expected: ["prerelease/app", "ports[0].protocol", '"tcp"', "http: a route with domains is an HTTP host rule"] },
  { name: "log retention beyond SLS's 3650 days", catalog: one({ logs: LogStore.stdout("app", { retention: Duration.days(4000) }) }),
    expected: ["prerelease/app", "logs.retention", "4000d", "3650d"] },
  { name: "two services sharing a log store with different retention",
    catalog: (c) => {
      new Service(c, "app", { image, logs: LogStore.stdout("shared", { retention: Duration.days(7) }) });
      new Service(c, "other", { image, logs: LogStore.stdout("shared", { retention: Duration.days(14) }) });
    },
    expected: ["prerelease/other", "logs.retention", "14d", 'the retention of app, which writes to the same log store "shared"'] },
  { name: "logstore name shorter than SLS allows", catalog: one({ logs: LogStore.stdout("ab") }),
    expected: ["prerelease/app", "logs.name", '"ab"', "an SLS logstore name: 3-63"] },
  { name: "SAE namespace id with a dash", catalog: one({}), props: { saeNamespace: "shop-pre" },
    expected: ["prerelease", "saeNamespace", '"shop-pre"', "an SAE namespace short id: 1-20 lowercase letters and digits"] },
  { name: "SAE namespace id longer than 20", catalog: one({}), props: { saeNamespace: "shopprereleasecanary1" },
    expected: ["prerelease", "saeNamespace", '"shopprereleasecanary1"', "1-20 lowercase letters and digits"] },
  { name: "application name longer than SAE's 36", catalog: one({}, longName),
    expected: [`prerelease/${longName}`, "name", `"${longName}"`, "an SAE application name: at most 36 letters"] },
  { name: "discovery name longer than a DNS label",
    catalog: one({ ports: [Port.http(8080)] }, "a-service-name-of-thirty-three-ch"),
    props: { saeNamespace: "shopprereleasecanary" },
    expected: ["prerelease/a-service-name-of-thirty-three-ch", "name", '"a-service-name-of-thirty-three-ch"', "fits a 63-character DNS label"] },
  { name: "image path ACR cannot hold", catalog: one({ image: Image.fromRegistry("shop/team/app") }),
    expected: ["prerelease/app", "image", '"shop/team/app"', "an ACR path <namespace>/<repository>"] },
  { name: "dependency without ports to discover",
    catalog: (c) => { const worker = new Service(c, "worker", { image }); new Service(c, "app", { image, dependsOn: [worker] }); },
    expected: ["prerelease/app", "dependsOn[0]", '"worker"', "a service with at least one port"] },
  { name: "vSwitch block outside the VPC", catalog: one({}),
    props: { network: { zones: [zone("cn-hangzhou-h", "192.168.1.0/24"), zone("cn-hangzhou-i", "10.0.2.0/24")] } },
    expected: ["prerelease", "network.zones[0].cidrBlock", '"192.168.1.0/24"', "inside the VPC's 10.0.0.0/16"] },
  { name: "overlapping vSwitch blocks", catalog: one({}),
    props: { network: { zones: [zone("cn-hangzhou-h", "10.0.0.0/20"), zone("cn-hangzhou-i", "10.0.8.0/24")] } },
    expected: ["prerelease", "network.zones[1].cidrBlock", '"10.0.8.0/24"', "overlaps no other zone's vSwitch"] },
  { name: "created VPC with a malformed block", catalog: one({}),
    props: { network: { cidrBlock: "10.0.0.1/16", zones: BASE_PROPS.network.zones } },
    expected: ["prerelease", "network.cidrBlock", '"10.0.0.1/16"', "an IPv4 CIDR block with a prefix from /8 to /28"] },
  { name: "existing VPC without the zone's vSwitch", catalog: one({}),
    props: { network: { vpcId: "vpc-abc", zones: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-a1" }, { zoneId: "cn-hangzhou-i" }] } },
    expected: ["prerelease", "network.zones[1].vswitchId", "(not set)", "the id (vsw-…) of the existing vSwitch in this zone"] },
  { name: "existing registry without its endpoint", catalog: one({}), props: { registry: { instanceId: "cri-abc123" } },
    expected: ["prerelease", "registry.endpoint", "(not set)", "required with an existing instanceId"] },
  { name: "created registry without a name", catalog: one({}), props: { registry: {} },
    expected: ["prerelease", "registry.instanceName", "(not set)", "an ACR instance name"] },
  { name: "created registry with a period ACR does not sell", catalog: one({}),
    props: { registry: { instanceName: "shop-registry", periodMonths: 5 } },
    expected: ["prerelease", "registry.periodMonths", "5", "one of 1, 2, 3, 6, 12, 24, 36, 48, 60 months"] },
  { name: "state bucket name OSS refuses", catalog: one({}), props: { state: { ...BASE_PROPS.state, bucket: "Shop_State" } },
    expected: ["prerelease", "state.bucket", '"Shop_State"', "an OSS bucket name"] },
  { name: "lock endpoint that is not a URL", catalog: one({}),
    props: { state: { ...BASE_PROPS.state, tablestoreEndpoint: "shop-lock.ots" } },
    expected: ["prerelease", "state.tablestoreEndpoint", '"shop-lock.ots"', "a Tablestore endpoint URL"] },
  { name: "region that is not a region id", catalog: one({}), props: { region: "Hangzhou" },
    expected: ["prerelease", "region", '"Hangzhou"', "a region id such as cn-hangzhou"] },
  { name: "load balancer spec CLB does not sell", catalog: one({}), props: { loadBalancerSpec: "slb.huge" },
    expected: ["prerelease", "loadBalancerSpec", '"slb.huge"', "one of slb.s1.small"] },
  { name: "SLS project name with capitals", catalog: one({}), props: { logProject: "Shop-Logs" },
    expected: ["prerelease", "logProject", '"Shop-Logs"', "an SLS project name"] },
  { name: "a stack id too long for the default SLS project name", catalog: one({}), id: "prerelease-of-the-shop-for-the-winter-sale",
    props: { saeNamespace: "winter" },
    expected: ["prerelease-of-the-shop-for-the-winter-sale", "logProject", "(not set)",
      'unique across all of Alibaba Cloud: the default "prerelease-of-the-shop-for-the-winter-sale-logs-<account id>" does not fit'] },
  { name: "Personal Edition next to Enterprise Edition fields", catalog: one({}),
    props: { registry: { personal: {}, instanceId: "cri-test0001" } as never },
    expected: ["prerelease", "registry", '["instanceId"]', "either { personal: {...} } for ACR Personal Edition or the Enterprise Edition fields"] },
  { name: "Personal Edition VPC endpoint in another region", catalog: one({}),
    props: { registry: { personal: { region: "cn-shanghai" } } },
    expected: ["prerelease", "registry.personal.region", '"cn-shanghai"', "the VPC endpoint serves only its own region"] },
  { name: "Personal Edition endpoint of an unknown kind", catalog: one({}),
    props: { registry: { personal: { endpoint: "public" as never } } },
    expected: ["prerelease", "registry.personal.endpoint", '"public"', '"vpc" or "internet"'] },
  { name: "aliases on a service without ports", catalog: one({ aliases: ["app.local"] }),
    expected: ["prerelease/app", "aliases", '["app.local"]', "no aliases on a service without ports"] },
  { name: "an aliased port whose number the service's own internal route listens on",
    catalog: one({ ports: [Port.http(8080, { route: Route.internal({ listenerPort: 6379 }) }), Port.tcp(6379)], aliases: ["redis"] }),
    expected: ["prerelease/app", "ports[1].port", "6379", "forwards port 6379 on the same number, and ports[0]'s route listens there"] },
];

describe("Alibaba Cloud bad input stops synthesis with one clear error and writes nothing for the stack", () => {
  test.each(cases)("$name", ({ catalog: build, props, id, expected }) => {
    const catalog = new ServiceCatalog();
    build(catalog);
    const app = tempApp();
    const stackId = id ?? "prerelease";
    new AlicloudEnvironment(app, stackId, {
      ...BASE_PROPS,
      ...props,
      catalog,
      release: Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"]))),
    });
    expectOneError(app, stackId, expected);
  });

  test("the valid defaults of this table synthesize", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image });
    const app = tempApp();
    new AlicloudEnvironment(app, "prerelease", { ...BASE_PROPS, catalog, release: Release.of({ app: "1.0.0" }) });
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, "stacks", "prerelease", "cdk.tf.json"))).toBe(true);
  });

  test("settings are required: left out (only JavaScript can), they are reported, never guessed", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image });
    const { settings, ...withoutSettings } = BASE_PROPS;
    expect(settings.name).toBe("prerelease");
    const app = tempApp();
    // @ts-expect-error settings is required
    new AlicloudEnvironment(app, "production", { ...withoutSettings, catalog, release: catalog.release({ app: "1.0.0" }) });
    expectOneError(app, "production", ["production", "settings", "(not set)", "a stage's settings, e.g. Stages.prerelease or Stages.production"]);
  });
});

describe("platform rules and stage policies report one input once", () => {
  const errorsOf = (build: (c: ServiceCatalog) => void, settings: ReturnType<typeof stage>, id = "prerelease") => {
    const catalog = new ServiceCatalog();
    build(catalog);
    const app = tempApp();
    new AlicloudEnvironment(app, id, {
      ...BASE_PROPS, catalog, release: Release.of({ app: "1.0.0" }), settings, alerting: { contacts: ["shop-oncall"] },
    });
    const error = synthError(app) as ValidationError | undefined;
    return error?.violations.filter((v) => v.severity === "error") ?? [];
  };

  test("a public route in an internal-only stage: the platform's error only", () => {
    const route = Route.public({ domains: ["shop.example.com"] });
    const errors = errorsOf(one({ ports: [Port.http(8080, { route })], probe: Probe.tcp(8080) }),
      { ...Stages.prerelease, allowInternet: false });
    expect(errors.map((v) => [v.field, v.rule])).toEqual([["ports[0].route", "alicloud"]]);
  });

  test("a retention below production's minimum: the log-retention policy's error only", () => {
    const errors = errorsOf(
      one({ replicas: 2, logs: LogStore.stdout("app", { retention: Duration.days(7) }) }), Stages.production, "production");
    expect(errors.map((v) => [v.path, v.field, v.rule])).toEqual([["production/app", "logs.retention", "log-retention"]]);
  });
});
