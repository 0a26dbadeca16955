/**
 * Hostile inputs of the second round (issue #20), one table per class: names
 * a team may give privately, least privilege for the deployer, claims on what
 * an account knows by name, settings that can work, keys that are data, and
 * the smaller ones. Each row is a real synth that stops with exactly the
 * errors named (construct path, field, value, what is allowed) or, marked
 * harmless, synthesizes. (Hostile Aspects and overrides: aspects.test.ts.)
 */
import {
  Alarms, Autoscaling, Canary, Cpu, Duration, EnvValue, Image, LogStore, Port, Probe, Release, Route,
  ScalingSchedule, Secret, Service, Size, StateBootstrap, Stages,
} from "../../lib";
import { TerraformResource } from "cdktf";
import { BASE_PROPS, parseTerraformJson } from "../platforms/alicloud/support";
import { synthApp, tempApp } from "../support/synth";
import { HostileRow, alicloud, bootstrap, docker, expectRow, web, withRamPolicy } from "./hostile";

const ONCALL = { contacts: ["shop-oncall"] };
const production = { settings: Stages.production, alerting: ONCALL };
const RULE = "a private name: a single label (mysql)";
const internalDomain = (domain: string) => web({ ports: [Port.http(8080, { route: Route.internal({ domains: [domain] }) })] });
const publicDomain = (domain: string) => web({ ports: [Port.http(8080, { route: Route.public({ domains: [domain] }) })] });

const privateNames: HostileRow[] = [
  { name: "an alias that is OSS's internal endpoint", build: (app) => alicloud(app, "prerelease", web({ aliases: ["oss-cn-hangzhou-internal.aliyuncs.com"] })),
    errors: [["prerelease/web", "aliases[0]", '"oss-cn-hangzhou-internal.aliyuncs.com"', "lies under aliyuncs.com, an Alibaba Cloud service domain"]] },
  { name: "an alias that is the region's registry", build: (app) => alicloud(app, "prerelease", web({ aliases: ["registry-vpc.cn-hangzhou.aliyuncs.com"] })),
    errors: [["prerelease/web", "aliases[0]", '"registry-vpc.cn-hangzhou.aliyuncs.com"', RULE]] },
  { name: "an internal route for every cloud endpoint", build: (app) => alicloud(app, "prerelease", internalDomain("*.aliyuncs.com")),
    errors: [["prerelease/web", "ports[0].route.domains[0]", '"*.aliyuncs.com"', "aliyuncs.com is an Alibaba Cloud service domain"]] },
  { name: "an internal route for every endpoint of a region", build: (app) => alicloud(app, "prerelease", internalDomain("*.cn-hangzhou.aliyuncs.com")),
    errors: [["prerelease/web", "ports[0].route.domains[0]", '"*.cn-hangzhou.aliyuncs.com"', "lies under aliyuncs.com"]] },
  { name: "an alias that is aliyun.com", build: (app) => alicloud(app, "prerelease", web({ aliases: ["aliyun.com"] })),
    errors: [["prerelease/web", "aliases[0]", '"aliyun.com"', "aliyun.com is an Alibaba Cloud service domain"]] },
  { name: "an alias under alibabacloud.com", build: (app) => alicloud(app, "prerelease", web({ aliases: ["api.alibabacloud.com"] })),
    errors: [["prerelease/web", "aliases[0]", '"api.alibabacloud.com"', "lies under alibabacloud.com"]] },
  { name: "an alias under aliyun-inc.com", build: (app) => alicloud(app, "prerelease", web({ aliases: ["mirrors.aliyun-inc.com"] })),
    errors: [["prerelease/web", "aliases[0]", '"mirrors.aliyun-inc.com"', "lies under aliyun-inc.com"]] },
  { name: "a single-label alias above the cloud's domains", build: (app) => alicloud(app, "prerelease", web({ aliases: ["com"] })),
    errors: [["prerelease/web", "aliases[0]", '"com"', "com lies above aliyuncs.com"]] },
  { name: "an alias that is the environment's own registry endpoint",
    build: (app) => alicloud(app, "prerelease", web({ aliases: ["registry.shop.internal"] }), {
      registry: { instanceId: "cri-test0001", endpoint: "registry.shop.internal" } }),
    errors: [["prerelease/web", "aliases[0]", '"registry.shop.internal"', "is the registry endpoint (registry.endpoint)"]] },
  { name: "an internal route domain above the registry endpoint",
    build: (app) => alicloud(app, "prerelease", internalDomain("shop.internal"), { registry: { instanceId: "cri-test0001", endpoint: "registry.shop.internal" } }),
    errors: [["prerelease/web", "ports[0].route.domains[0]", '"shop.internal"', "a zone for it would hold registry.shop.internal"]] },
  { name: "a Docker alias that is the registry's host", build: (app) => docker(app, "test", web({ aliases: ["localhost"] })),
    errors: [["test/web", "aliases[0]", '"localhost"', "localhost is the registry (registry)"]] },
  { name: "a Docker alias that is the Docker host",
    build: (app) => docker(app, "test", web({ aliases: ["docker.shop.internal"] }), { dockerHost: "tcp://docker.shop.internal:2375" }),
    errors: [["test/web", "aliases[0]", '"docker.shop.internal"', "is the Docker host (dockerHost)"]] },
  { name: "an internal route domain under no private domain", build: (app) => alicloud(app, "prerelease", internalDomain("orders.example.com")),
    errors: [["prerelease/web", "ports[0].route.domains[0]", '"orders.example.com"', "(none declared)"]] },
  { name: "the same domain under a declared private domain (harmless)",
    build: (app) => alicloud(app, "prerelease", internalDomain("orders.example.com"), { privateDomains: ["example.com"] }) },
  { name: "a declared private domain that is the cloud's", build: (app) => alicloud(app, "prerelease", web(), { privateDomains: ["aliyuncs.com"] }),
    errors: [["prerelease", "privateDomains[0]", '"aliyuncs.com"', "a domain of your own that covers no name the platform resolves itself"]] },
  { name: "a declared private domain that is a whole top-level domain", build: (app) => docker(app, "test", web(), { privateDomains: ["com"] }),
    errors: [["test", "privateDomains[0]", '"com"', "a lowercase domain name without a wildcard"]] },
  { name: "a declared private domain with a wildcard", build: (app) => docker(app, "test", web(), { privateDomains: ["*.example.com"] }),
    errors: [["test", "privateDomains[0]", '"*.example.com"', "without a wildcard"]] },
  { name: "a single-label alias and a .local route domain (harmless)",
    build: (app) => alicloud(app, "prerelease", web({ aliases: ["mysql"], ports: [Port.http(8080, { route: Route.internal({ domains: ["web.local"] }) })] })) },
  { name: "a public route for a cloud domain, which no one resolves privately (harmless)",
    build: (app) => alicloud(app, "prerelease", publicDomain("shop.aliyuncs.com")) },
];

const leastPrivilege: HostileRow[] = [
  { name: "a team's actions that grant every RAM action",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["ram:*"] } }),
    errors: [["bootstrap", "deployer.actions.alicloud_vpc[0]", '"ram:*"', "ram:* grants every action of ram"]] },
  { name: "a team's actions that grant every OSS action",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["oss:*"] } }),
    errors: [["bootstrap", "deployer.actions.alicloud_vpc[0]", '"oss:*"', "oss:* grants every action of oss"]] },
  { name: "a team's wildcard that covers attaching policies",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["ram:Attach*"] } }),
    errors: [["bootstrap", "deployer.actions.alicloud_vpc[0]", '"ram:Attach*"', "AttachPolicyToRole"]] },
  { name: "a team's action that assumes any role",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["sts:AssumeRole"] } }),
    errors: [["bootstrap", "deployer.actions.alicloud_vpc[0]", '"sts:AssumeRole"', "a way to change its own or another principal's permissions"]] },
  { name: "an environment with a RAM policy of its own, which needs policy versions on every resource",
    build: (app) => bootstrap(app, [withRamPolicy(app)]),
    errors: [
      ["bootstrap", "deployer.environments[0]", '"prerelease"', "for which the deployer would get ram:CreatePolicyVersion"],
      ["bootstrap", "deployer.environments[0]", '"prerelease"', "for which the deployer would get ram:SetDefaultPolicyVersion"],
    ] },
  { name: "the same, exempted by name with reasons (harmless)",
    build: (app) => bootstrap(app, [withRamPolicy(app)], { exemptions: [
      { action: "ram:CreatePolicyVersion", reason: "the app's own policy is managed with the environment (SEC-42)" },
      { action: "ram:SetDefaultPolicyVersion", reason: "the app's own policy is managed with the environment (SEC-42)" },
    ] }) },
  { name: "an exemption without a reason",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["ram:*"] }, exemptions: [{ action: "ram:*", reason: "" }] }),
    errors: [["bootstrap", "deployer.exemptions[0].reason", '""', "a reason of 8 to 300 characters"]] },
  { name: "an exemption that names no action",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { exemptions: [{ action: "ram: Attach Policy", reason: "we need to attach policies" }] }),
    errors: [["bootstrap", "deployer.exemptions[0].action", '"ram: Attach Policy"', "a RAM action such as nas:CreateFileSystem"]] },
  { name: "one action exempted twice",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["oss:*"] }, exemptions: [
      { action: "oss:*", reason: "state migration, until 2025-12" }, { action: "oss:*", reason: "the same, said twice" }] }),
    errors: [["bootstrap", "deployer.exemptions[1].action", '"oss:*"', "an action not already exempted"]] },
  { name: "an action of everything, which no product code matches",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["*"] } }),
    errors: [["bootstrap", "deployer.actions.alicloud_vpc[0]", '"*"', "a RAM action such as nas:CreateFileSystem"]] },
];

const claims: HostileRow[] = [
  { name: "prerelease and production sharing one contact group",
    build: (app) => {
      alicloud(app, "prerelease", web(), { alerting: { contacts: ["shop-oncall"], group: "shop-oncall" } });
      alicloud(app, "production", web(), { ...production, alerting: { contacts: ["shop-oncall"], group: "shop-oncall" } });
    },
    errors: [["production", "alerting.group", '"shop-oncall"', "CloudMonitor creates a contact group by name as an update"]] },
  { name: "two environments, each its own contact group (harmless)",
    build: (app) => {
      alicloud(app, "prerelease", web(), { alerting: ONCALL });
      alicloud(app, "production", web(), production);
    } },
  { name: "two state bootstraps on one bucket and lock instance",
    build: (app) => {
      new StateBootstrap(app, "bootstrap", { region: BASE_PROPS.region, state: BASE_PROPS.state });
      new StateBootstrap(app, "bootstrap-again", { region: BASE_PROPS.region, state: BASE_PROPS.state });
    },
    errors: [
      ["bootstrap-again", "state.bucket", '"shop-tf-state"', "give each state bootstrap its own state.bucket"],
      ["bootstrap-again", "state.tablestoreEndpoint", '"https://shop-lock.cn-hangzhou.ots.aliyuncs.com"', "its own lock instance"],
    ] },
  { name: "two deployers with one policy name",
    build: (app) => {
      const env = alicloud(app, "prerelease");
      bootstrap(app, [env], { policyName: "shop-deployer" });
      new StateBootstrap(app, "bootstrap-eu", {
        region: "cn-shanghai",
        state: { bucket: "shop-tf-state-eu", tablestoreEndpoint: "https://shop-lock-eu.cn-shanghai.ots.aliyuncs.com" },
      });
      const other = { bucket: "shop-tf-other", tablestoreEndpoint: "https://shop-lock-other.cn-hangzhou.ots.aliyuncs.com" };
      new StateBootstrap(app, "bootstrap-other", { region: BASE_PROPS.region, state: other, deployer: {
        environments: [alicloud(app, "staging", web(), { saeNamespace: "staging", logProject: "staging-logs", state: { ...other, prefix: "staging" } })],
        policyName: "shop-deployer" } });
    },
    errors: [["bootstrap-other", "deployer.policyName", '"shop-deployer"', "its own deployer.policyName"]] },
];

const settingsThatWork: HostileRow[] = [
  { name: "a CPU alarm at 100%", build: (app) => alicloud(app, "production", web({ alarms: Alarms.defaults({ cpuPercent: 100 }) }), production),
    errors: [["production/web", "alarms.cpuPercent", "100", "average use never exceeds 100%"]] },
  { name: "a memory alarm at 100%", build: (app) => alicloud(app, "production", web({ alarms: Alarms.defaults({ memoryPercent: 100 }) }), production),
    errors: [["production/web", "alarms.memoryPercent", "100", "a threshold below 100"]] },
  { name: "an unhealthy-instances alarm above the instance count",
    build: (app) => alicloud(app, "production", web({ alarms: Alarms.defaults({ unhealthyInstances: 50 }) }), production),
    errors: [["production/web", "alarms.unhealthyInstances", "50", "at most the 2 instances the service runs here"]] },
  { name: "an alarm that waits an hour", build: (app) => alicloud(app, "production", web({ alarms: Alarms.defaults({ sustainedFor: Duration.minutes(60) }) }), production),
    errors: [["production/web", "alarms.sustainedFor", "3600s", "at most 900s"]] },
  { name: "an alarm that waits 15 minutes (harmless)",
    build: (app) => alicloud(app, "production", web({ alarms: Alarms.defaults({ sustainedFor: Duration.minutes(15) }) }), production) },
  { name: "a scaling window whose ceiling caps capacity below the floor",
    build: (app) => alicloud(app, "production", web({ replicas: undefined, autoscaling: Autoscaling.between(4, 10, {
      schedules: [ScalingSchedule.daily({ from: "01:00", to: "05:00", min: 2, max: 2 })] }) }), production),
    errors: [["production/web", "autoscaling.schedules[0].max", "2", "at least the environment's floor of 4 instances"]] },
  { name: "a night window that lowers the floor and keeps the ceiling (harmless)",
    build: (app) => alicloud(app, "production", web({ replicas: undefined, autoscaling: Autoscaling.between(4, 10, {
      schedules: [ScalingSchedule.daily({ from: "01:00", to: "05:00", min: 2, max: 10 })] }) }), production) },
  { name: "a header canary on a service with TCP ports only",
    build: (app) => alicloud(app, "production", web({ ports: [Port.tcp(8080)], probe: Probe.tcp(8080) }), {
      ...production, release: Release.of({ web: { version: "1.0.0", canary: Canary.forRequests({ headers: { "X-Canary": "1" } }) } }) }),
    errors: [["production/web", "release.canary", '["header X-Canary"]', "a service with an HTTP port"]] },
];

const keysAreData: HostileRow[] = [
  { name: "an env var named __proto__ in an object literal, which sets the prototype",
    build: (app) => docker(app, "test", web({ env: { __proto__: EnvValue.literal("x") } })),
    errors: [["test/web", "env.__proto__", '"__proto__"', "not __proto__"]] },
  { name: "an env var named __proto__ as a computed key",
    build: (app) => docker(app, "test", web({ env: { ["__proto__"]: EnvValue.literal("x") } })),
    errors: [["test/web", "env.__proto__", '"__proto__"', "not __proto__"]] },
  { name: "a secret named __proto__",
    build: (app) => docker(app, "test", web({ secrets: { ["__proto__"]: Secret.fromVariable("proto_secret") } })),
    errors: [["test/web", "secrets.__proto__", '"__proto__"', "not __proto__"]] },
  { name: "a canary header named __proto__",
    build: (app) => alicloud(app, "prerelease", web(), {
      release: Release.of({ web: { version: "1.0.0", canary: Canary.forRequests({ headers: { ["__proto__"]: "1" } }) } }) }),
    errors: [["prerelease/web", "release.canary.headers.__proto__", '"__proto__"', "not __proto__"]] },
  { name: "a release entry named __proto__",
    build: (app) => docker(app, "test", web(), { release: Release.of({ web: "1.0.0", ["__proto__"]: "2.0.0" }) }),
    errors: [["test", "release.__proto__", '"__proto__"', "a service of the catalog (web)"]] },
  { name: "a secret named toString next to env (harmless)",
    build: (app) => docker(app, "test", web({ env: { MODE: EnvValue.literal("fast") }, secrets: { toString: Secret.fromVariable("to_string") } })) },
  { name: "env named constructor and a variable named constructor (harmless)",
    build: (app) => alicloud(app, "prerelease", web({ env: { constructor: EnvValue.fromVariable("constructor") } })) },
  { name: "a label named constructor (harmless)", build: (app) => alicloud(app, "prerelease", web({ labels: { constructor: "team-a" } })) },
  { name: "a service named constructor (harmless)", build: (app) => docker(app, "test", web({}, "constructor")) },
];

const smaller: HostileRow[] = [
  { name: "infinite CPU", build: (app) => docker(app, "test", web({ resources: { cpu: Cpu.cores(Infinity), memory: Size.gibibytes(1) } })),
    errors: [["test/web", "resources.cpu", "Infinitym", "whole millicores"]] },
  { name: "NaN memory", build: (app) => docker(app, "test", web({ resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(NaN) } })),
    errors: [["test/web", "resources.memory", "NaNMi", "whole mebibytes"]] },
  { name: "infinite replicas", build: (app) => docker(app, "test", web({ replicas: Infinity })),
    errors: [["test/web", "replicas", "Infinity", "a whole number from 1 to 50"]] },
  { name: "an infinite probe timeout", build: (app) => docker(app, "test", web({ probe: Probe.http(8080, { timeout: Duration.seconds(Infinity) }) })),
    errors: [["test/web", "probe.timeout", "Infinityms", "a duration from 1s to 600s"]] },
  { name: "a secret whose description holds a password",
    build: (app) => alicloud(app, "prerelease", web({ secrets: { DB_PASSWORD: Secret.fromVariable("db_password", {
      description: "postgres://app:hunter2-description@db/app" }) } }), { settings: Stages.prerelease }),
    errors: [["prerelease/web", "secrets.DB_PASSWORD.description", "(description shaped like a credential; value redacted)", "written verbatim"]],
    hidden: "hunter2-description" },
  { name: "a service named db on SAE, whose log store name is too short",
    build: (app) => alicloud(app, "prerelease", web({}, "db")),
    errors: [["prerelease/db", "logs.name", '"db"', 'name it, e.g. logs: LogStore.stdout("db-logs")']] },
  { name: "the same, with its log store named (harmless)", build: (app) => alicloud(app, "prerelease", web({ logs: LogStore.stdout("db-logs") }, "db")) },
  { name: "a bootstrap id that makes an invalid default policy name",
    build: (app) => bootstrap(app, [alicloud(app, "prerelease")], {}, "state_boot"),
    errors: [["state_boot", "id", '"state_boot"', 'the default deployer.policyName "state_boot-deployer"']] },
  { name: "a service named load-balancer on SAE",
    build: (app) => alicloud(app, "prerelease", web({}, "load-balancer")),
    errors: [["prerelease/load-balancer", "name", '"load-balancer"', "construct id internal-load-balancer) is not the id of the shared internal load balancer"]] },
  { name: "a service named address on SAE",
    build: (app) => alicloud(app, "prerelease", web({}, "address")),
    errors: [["prerelease/address", "name", '"address"', "the output of the internal load balancer's address"]] },
  { name: "a service named load-balancer on Docker",
    build: (app) => docker(app, "test", web({}, "load-balancer")),
    errors: [["test/load-balancer", "name", '"load-balancer"', "load-balancer-image is the load balancer image"]] },
  { name: "two images whose managed repositories share a construct id",
    build: (app) => {
      const catalog = web();
      new Service(catalog, "other", { image: Image.fromRegistry("shop-ab/cd") });
      new Service(catalog, "first", { image: Image.fromRegistry("shop/ab-cd") });
      alicloud(app, "prerelease", catalog, { registry: { ...BASE_PROPS.registry, manageRepositories: true } });
    },
    errors: [["prerelease/first", "image", '"shop/ab-cd"', "registry-repo-shop-ab-cd) is not also the id of shop-ab/cd's"]] },
  { name: "a Terraform variable named __proto__",
    build: (app) => docker(app, "test", web({ env: { MODE: EnvValue.fromVariable("__proto__") } })),
    errors: [["test/web", "env.MODE", '"__proto__"', "nor __proto__"]] },
];

describe.each([
  ["names a team may give privately", privateNames],
  ["least privilege for the deployer", leastPrivilege],
  ["claims on names in an account", claims],
  ["settings that can work", settingsThatWork],
  ["keys are data", keysAreData],
  ["the smaller ones", smaller],
])("hostile input: %s", (_class, rows) => {
  test.each(rows)("$name", (row) => expectRow(tempApp(), row));
});

test("the second round adds at least 50 hostile inputs", () => {
  expect(privateNames.length + leastPrivilege.length + claims.length + settingsThatWork.length + keysAreData.length + smaller.length)
    .toBeGreaterThanOrEqual(50);
});

/** What the harmless rows above carry through, read back from what was written. */
describe("keys that are JavaScript's own are carried through", () => {
  test("a secret named toString, an env var and a variable named constructor, a label named constructor", () => {
    const app = tempApp();
    docker(app, "test", web({ secrets: { toString: Secret.fromVariable("to_string") } }));
    alicloud(app, "prerelease", web({ env: { constructor: EnvValue.fromVariable("constructor") }, labels: { constructor: "team-a" } }));
    const { stacks } = synthApp(app);
    expect(stacks.test.resource.docker_container["web-1"].env).toContain("toString=${var.to_string}");
    expect(stacks.test.variable.to_string.sensitive).toBe(true);
    const sae = stacks.prerelease.resource.alicloud_sae_application["app-web"];
    expect(parseTerraformJson(sae.envs)).toContainEqual({ name: "constructor", value: "<var.constructor>" });
    expect(Object.hasOwn(stacks.prerelease.variable, "constructor")).toBe(true);
    expect(sae.tags.constructor).toBe("team-a");
  });

  test("a service named constructor keeps its release entry", () => {
    const app = tempApp();
    docker(app, "test", web({}, "constructor"), { release: Release.of({ constructor: "1.4.2" }) });
    expect(synthApp(app).stacks.test.resource.docker_image["constructor-image"].name).toBe("localhost:5000/shop/constructor:1.4.2");
  });
});

describe("an exemption", () => {
  test("is recorded with its reason in the bootstrap's check record, and unused ones are warned about", () => {
    const app = tempApp();
    const reason = "the app's own policy is managed with the environment (SEC-42)";
    bootstrap(app, [withRamPolicy(app, "production", production)], { exemptions: [
      { action: "ram:CreatePolicyVersion", reason }, { action: "ram:SetDefaultPolicyVersion", reason },
      { action: "ram:PassRole", reason: "left over from an older setup" },
    ] });
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => stderr.push(String(chunk)) > 0);
    let written: Record<string, any>;
    try {
      written = synthApp(app).stacks;
    } finally {
      spy.mockRestore();
    }
    expect(written.bootstrap["//"]["cdktf-service-platform"]).toEqual({
      stage: "production", services: [], policies: [], adjustments: [],
      exemptions: [{ action: "ram:CreatePolicyVersion", reason }, { action: "ram:SetDefaultPolicyVersion", reason },
        { action: "ram:PassRole", reason: "left over from an older setup" }],
    });
    const policy = JSON.parse(written.bootstrap.resource.alicloud_ram_policy["deployer-policy"].policy_document);
    expect(policy.Statement[0].Action).toEqual(expect.arrayContaining(["ram:CreatePolicyVersion", "ram:SetDefaultPolicyVersion"]));
    expect(stderr.join("")).toContain('WARNING bootstrap: deployer.exemptions[2].action = "ram:PassRole"; an action the deployer policy grants');
  });

  test("that the final configuration needs (an override granting it) is not called unused", () => {
    const app = tempApp();
    const stack = bootstrap(app, [alicloud(app, "prerelease")], { exemptions: [
      { action: "*", reason: "break-glass deployer for the migration (SEC-7)" },
    ] });
    (stack.node.findChild("deployer-policy") as TerraformResource).addOverride("policy_document",
      JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }));
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => stderr.push(String(chunk)) > 0);
    let written: Record<string, any>;
    try {
      written = synthApp(app).stacks;
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(written.bootstrap.resource.alicloud_ram_policy["deployer-policy"].policy_document).Statement[0].Action).toBe("*");
    expect(stderr.join("")).not.toContain("deployer.exemptions[0]");
  });

  test("team actions add to the library's for a type, never replace them", () => {
    const app = tempApp();
    bootstrap(app, [alicloud(app, "prerelease")], { actions: { alicloud_vpc: ["vpc:DescribeVpcEndpoints"] } });
    const written = synthApp(app).stacks;
    const actions: string[] = JSON.parse(written.bootstrap.resource.alicloud_ram_policy["deployer-policy"].policy_document).Statement[0].Action;
    expect(actions).toEqual(expect.arrayContaining(["vpc:CreateVpc", "vpc:DeleteVpc", "vpc:DescribeVpcEndpoints"]));
  });
});
