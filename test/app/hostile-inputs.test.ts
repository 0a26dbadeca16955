/**
 * Hostile and careless inputs of the App-wide classes — fail closed, App-level
 * invariants, production invariants, no silent loss — each proven by a real
 * synth: either the App stops with exactly the errors named (construct path,
 * field, value, what is allowed) or it synthesizes (printing the named warning once).
 */
import {
  Alarms, Autoscaling, Canary, Cpu, DockerEnvironment, Duration, EnvValue, Image, Port, Probe, Release, Rollout, Route,
  ScalingSchedule, Service, Stages,
} from "../../lib";
import { BASE_PROPS } from "../platforms/alicloud/support";
import { tempApp } from "../support/synth";
import { HostileRow, alicloud, docker, expectRow, web } from "./hostile";

const ONCALL = { contacts: ["shop-oncall"] };
const production = (props = {}) => ({ settings: { ...Stages.production, ...props }, alerting: ONCALL });
const asAny = (v: unknown) => v as any;

const failClosed: HostileRow[] = [
  { name: "stack id ..", build: (app) => docker(app, ".."), errors: [["..", "id", '".."', "a stack id of 1-64"]] },
  { name: "stack id .", build: (app) => docker(app, "."), errors: [[".", "id", '"."', "no '.'"]] },
  { name: "stack id with a backslash", build: (app) => docker(app, "a\\b"), errors: [["a\\b", "id", '"a\\\\b"', "a stack id"]] },
  { name: "stack id read as an option", build: (app) => docker(app, "-x"), errors: [["-x", "id", '"-x"', "starting with a letter or digit"]] },
  { name: "stack id with a dot", build: (app) => docker(app, "prod.eu"), errors: [["prod.eu", "id", '"prod.eu"', "a stack id"]] },
  {
    name: "two stack ids equal but for case",
    build: (app) => { docker(app, "test"); docker(app, "Test", web(), { registryPort: 5001, dockerHost: "tcp://other:2375" }); },
    errors: [["Test", "id", '"Test"', "in any case: cdktf writes each stack into cdktf.out/stacks/<id>, and test already does"]],
  },
  { name: "EnvValue.literal(undefined)", build: (app) => docker(app, "test", web({ env: { MODE: EnvValue.literal(asAny(undefined)) } })),
    errors: [["test/web", "env.MODE", "(not set)", "a string literal"]] },
  { name: "a plain string where an EnvValue belongs", build: (app) => docker(app, "test", web({ env: { MODE: asAny("fast") } })),
    errors: [["test/web", "env.MODE", "a string", "an EnvValue"]] },
  { name: "a literal password where a Secret belongs", build: (app) => docker(app, "test", web({ secrets: { DB_PASSWORD: asAny("hunter2-hostile") } })),
    errors: [["test/web", "secrets.DB_PASSWORD", "a string", "a Secret: Secret.fromVariable"]], hidden: "hunter2-hostile" },
  { name: "one Port where a list belongs", build: (app) => docker(app, "test", web({ ports: asAny(Port.http(8080)), probe: undefined })),
    errors: [["test/web", "ports", "a Port", "a list of Port.http"]] },
  { name: "a number where a probe Duration belongs", build: (app) => docker(app, "test", web({ probe: Probe.http(8080, { timeout: asAny(5) }) })),
    errors: [["test/web", "probe.timeout", "a number", "a Duration"]] },
  { name: "a shell string where a probe argv belongs", build: (app) => docker(app, "test", web({ probe: Probe.command(asAny("curl -f localhost")) })),
    errors: [["test/web", "probe.command", "a string", "a list of strings (argv, no shell)"]] },
  { name: "a string where an Image belongs", build: (app) => docker(app, "test", web({ image: asAny("shop/web") })),
    errors: [["test/web", "image", "a string", "an Image"]] },
  { name: "a number where a Cpu belongs", build: (app) => docker(app, "test", web({ resources: asAny({ cpu: 1, memory: Cpu.cores(1) }) })),
    errors: [["test/web", "resources.cpu", "a number", "a Cpu"], ["test/web", "resources.memory", "a Cpu", "a Size"]] },
  { name: "a service name where a dependency belongs", build: (app) => docker(app, "test", web({ dependsOn: asAny(["orders"]) })),
    errors: [["test/web", "dependsOn[0]", "a string", "a Service"]] },
  { name: "a plain object where a Rollout belongs", build: (app) => docker(app, "test", web({ rollout: asAny({ batches: 1 }) })),
    errors: [["test/web", "rollout", "a plain object", "a Rollout"]] },
  { name: "no catalog", build: (app) => new DockerEnvironment(app, "test", { catalog: asAny(undefined), release: Release.of({}) }),
    errors: [["test", "catalog", "(not set)", "a ServiceCatalog"]] },
];

const appInvariants: HostileRow[] = [
  { name: "two cloud stacks on one state location",
    build: (app) => { alicloud(app, "prerelease"); alicloud(app, "production", web(), { state: { ...BASE_PROPS.state, prefix: "prerelease" } }); },
    errors: [["production", "state.prefix", '"prerelease"', "prerelease already uses oss://shop-tf-state/prerelease"]] },
  { name: "two cloud stacks in one SAE namespace",
    build: (app) => { alicloud(app, "prerelease", web(), { saeNamespace: "shop" }); alicloud(app, "production", web(), { saeNamespace: "shop" }); },
    errors: [["production", "saeNamespace", '"shop"', "its own SAE namespace, not another environment's of this App: prerelease already uses cn-hangzhou:shop"]] },
  { name: "two cloud stacks in one SLS project",
    build: (app) => { alicloud(app, "prerelease", web(), { logProject: "shop-logs" }); alicloud(app, "production", web(), { logProject: "shop-logs" }); },
    errors: [["production", "logProject", '"shop-logs"', "its own SLS project, not another environment's of this App: prerelease already uses \"shop-logs\""]] },
  { name: "two cloud stacks managing the same registry repositories",
    build: (app) => {
      const registry = { ...BASE_PROPS.registry, manageRepositories: true };
      alicloud(app, "prerelease", web(), { registry });
      alicloud(app, "production", web(), { registry });
    },
    errors: [["production/web", "image", '"shop/web"', 'prerelease already uses "shop" on cri-test0001']] },
  { name: "two cloud stacks creating the same registry instance",
    build: (app) => {
      const registry = { instanceName: "shop-registry", manageRepositories: false };
      alicloud(app, "prerelease", web(), { registry });
      alicloud(app, "production", web(), { registry });
    },
    errors: [["production", "registry.instanceName", '"shop-registry"', "create the instance in one environment"]] },
  { name: "two cloud stacks linking one existing VPC to the registry",
    build: (app) => {
      const network = { vpcId: "vpc-shared", zones: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-h" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-i" }] };
      alicloud(app, "prerelease", web(), { network });
      alicloud(app, "production", web(), { network });
    },
    errors: [["production", "registry.linkVpc", "true", "set registry.linkVpc to false in all but one"]] },
  { name: "two cloud stacks on one existing VPC answering one internal route domain",
    build: (app) => {
      const network = { vpcId: "vpc-shared", zones: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-h" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-i" }] };
      const named = () => web({ ports: [Port.http(8080, { route: Route.internal({ domains: ["web.local"] }) })] });
      alicloud(app, "prerelease", named(), { network, registry: { personal: {} } });
      alicloud(app, "production", named(), { network, registry: { personal: {} } });
    },
    errors: [["production", "network.vpcId", '"vpc-shared"', 'prerelease already uses "web.local" on vpc-shared']] },
  { name: "two cloud stacks managing the same Personal Edition namespace",
    build: (app) => {
      const registry = { personal: { manageRepositories: true } };
      alicloud(app, "prerelease", web(), { registry });
      alicloud(app, "production", web(), { registry });
    },
    errors: [["production/web", "image", '"shop/web"', 'prerelease already uses "shop" on ACR Personal Edition in cn-hangzhou']] },
  { name: "two Docker stacks on one registry port",
    build: (app) => { docker(app, "test", web({ ports: [Port.http(8080)] })); docker(app, "demo", web({ ports: [Port.http(8080)] })); },
    errors: [["demo", "registryPort", '"127.0.0.1:5000"', "test already uses port 5000 on Docker host unix:///var/run/docker.sock"]] },
  { name: "two Docker stacks on one listener port",
    build: (app) => { docker(app, "test"); docker(app, "demo", web(), { registryPort: 5001 }); },
    errors: [["demo/web", "ports[0].route.listenerPort", '"127.0.0.1:8080"', "test already uses port 8080 on Docker host"]] },
  { name: "two Docker stacks on one port but different Docker hosts (harmless)",
    build: (app) => { docker(app, "test"); docker(app, "demo", web(), { dockerHost: "tcp://10.0.0.5:2375" }); } },
  { name: "Docker service web-1 next to web's first replica",
    build: (app) => { const c = web(); new Service(c, "web-1", { image: Image.fromRegistry("shop/web-1") }); docker(app, "test", c); },
    errors: [["test/web-1", "name", '"web-1"', "replica 1 of web answers to it"]] },
  { name: "Docker service named lb", build: (app) => docker(app, "test", web({}, "lb")),
    errors: [["test/lb", "name", '"lb"', "the load balancer answers to it"]] },
  { name: "Docker service named registry", build: (app) => docker(app, "test", web({}, "registry")),
    errors: [["test/registry", "name", '"registry"', "the registry answers to it"]] },
  { name: "Docker alias that the load balancer answers to", build: (app) => docker(app, "test", web({ aliases: ["lb"] })),
    errors: [["test/web", "aliases[0]", '"lb"', "the load balancer answers to it"]] },
];

const productionInvariants: HostileRow[] = [
  { name: "a one-batch rollout in production",
    build: (app) => alicloud(app, "production", web({ rollout: Rollout.batches({ batches: 1 }) }), production()),
    errors: [["production/web", "rollout.batches", "1", 'at least 2 batches in stage "production"']] },
  { name: "production without anyone to tell",
    build: (app) => alicloud(app, "production", web(), { settings: Stages.production }),
    errors: [["production", "alerting", "(not set)", 'stage "production" requires the services\' alarms to reach someone']] },
  { name: "a service without alarms in production",
    build: (app) => alicloud(app, "production", web({ alarms: Alarms.disabled() }), production()),
    errors: [["production/web", "alarms", "disabled", 'stage "production" requires alarms on every service']] },
  { name: "autoscaling that may fall below production's two instances",
    build: (app) => alicloud(app, "production", web({ replicas: undefined, autoscaling: Autoscaling.between(2, 10, {
      schedules: [ScalingSchedule.daily({ from: "01:00", to: "05:00", min: 1 })] }) }), production()),
    errors: [["production/web", "autoscaling.schedules[0].min", "1", 'at least 2 instances in stage "production"']] },
  { name: "a mistyped region", build: (app) => alicloud(app, "prerelease", web(), { region: "cn-hangzou" }),
    errors: [["prerelease", "region", '"cn-hangzou"', "did you mean cn-hangzhou?"]] },
  { name: "a mistyped state region", build: (app) => alicloud(app, "prerelease", web(), { state: { ...BASE_PROPS.state, region: "cn-shangai" } }),
    errors: [["prerelease", "state.region", '"cn-shangai"', "did you mean cn-shanghai?"]] },
  { name: "a zone of another region",
    build: (app) => alicloud(app, "prerelease", web(), { network: { zones: [zone("cn-hangzhou-h", 1), zone("cn-shanghai-b", 2)] } }),
    errors: [["prerelease", "network.zones[1].zoneId", '"cn-shanghai-b"', "a zone of the environment's region cn-hangzhou"]] },
  { name: "one vSwitch for two zones",
    build: (app) => alicloud(app, "prerelease", web(), { network: { vpcId: "vpc-a", zones: [
      { zoneId: "cn-hangzhou-h", vswitchId: "vsw-a" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-a" }] } }),
    errors: [["prerelease", "network.zones[1].vswitchId", '"vsw-a"', "a vSwitch not already listed (zones[0])"]] },
  { name: "a probe on a port the service does not declare",
    build: (app) => docker(app, "test", web({ probe: Probe.tcp(8081) })),
    errors: [["test/web", "probe.port", "8081", "a port the service declares (8080)"]] },
  { name: "an undeclared probe port the probe allows (harmless)",
    build: (app) => docker(app, "test", web({ probe: Probe.tcp(9901, { allowUndeclaredPort: true }) })) },
  { name: "a region opened since, added by the user (harmless)",
    build: (app) => alicloud(app, "prerelease", web(), {
      region: "xx-newtown-1", extraRegions: ["xx-newtown-1"], network: { zones: [zone("xx-newtown-1a", 1), zone("xx-newtown-1b", 2)] },
      registry: { ...BASE_PROPS.registry, endpoint: "shop-registry-vpc.xx-newtown-1.cr.aliyuncs.com" } }) },
];

const noSilentLoss: HostileRow[] = [
  { name: "autoscaling on Docker",
    build: (app) => docker(app, "test", web({ replicas: undefined, autoscaling: Autoscaling.between(2, 5) })),
    warning: ["test/web", "autoscaling", "2-5 instances on cpu 70%", "rendered as 2 fixed instances: Docker does not simulate autoscaling"] },
  { name: "a canary on Docker",
    build: (app) => docker(app, "test", web({ replicas: 2 }), {
      release: Release.of({ web: { version: "1.0.0", canary: Canary.forRequests({ cookies: { tester: "canary" } }) } }) }),
    warning: ["test/web", "release.canary", '["cookie tester"]', "dropped: Docker has no canary"] },
  { name: "a canary on SAE, which routes by header or cookie only for Spring Cloud and Dubbo",
    build: (app) => alicloud(app, "prerelease", web({ replicas: 2 }), {
      release: Release.of({ web: { version: "1.0.0", canary: Canary.forRequests({ headers: { "X-Canary": "1" } }) } }) }),
    warning: ["prerelease/web", "release.canary", '["header X-Canary"]', "rendered as an SAE grey tag route: the alicloud provider cannot switch grey tag routing on"] },
  { name: "a failure threshold SAE cannot set",
    build: (app) => alicloud(app, "prerelease", web({ probe: Probe.http(8080, { failureThreshold: 5 }) })),
    warning: ["prerelease/web", "probe.failureThreshold", "5", "rendered as 3: SAE has no such setting"] },
  { name: "a success threshold SAE cannot set",
    build: (app) => alicloud(app, "prerelease", web({ probe: Probe.http(8080, { successThreshold: 2 }) })),
    warning: ["prerelease/web", "probe.successThreshold", "2", "rendered as 1: SAE has no such setting"] },
  { name: "more batches than instances",
    build: (app) => alicloud(app, "prerelease", web({ rollout: Rollout.batches({ batches: 5 }) })),
    warning: ["prerelease/web", "rollout.batches", "5", "rendered as 2: SAE cannot use more batches than instances (2)"] },
  { name: "a 30 s batch interval",
    build: (app) => alicloud(app, "prerelease", web({ rollout: Rollout.batches({ interval: Duration.seconds(30) }) })),
    warning: ["prerelease/web", "rollout.interval", "30s", "rendered as 1 minute: SAE counts the pause between batches in whole minutes"] },
  { name: "a sub-second probe timeout",
    build: (app) => alicloud(app, "prerelease", web({ probe: Probe.http(8080, { timeout: Duration.millis(1500) }) })),
    warning: ["prerelease/web", "probe.timeout", "1500ms", "rendered as 2s: SAE counts probe times in whole seconds"] },
  { name: "a rollout of a single instance",
    build: (app) => alicloud(app, "prerelease", web({ replicas: 1 })),
    warning: ["prerelease/web", "rollout", "2 batches, 60s apart", "dropped: a single instance is replaced in one step"] },
  { name: "a success threshold on Docker",
    build: (app) => docker(app, "test", web({ probe: Probe.http(8080, { successThreshold: 3 }) })),
    warning: ["test/web", "probe.successThreshold", "3", "rendered as 1: Docker has no success threshold"] },
];

function zone(zoneId: string, n: number) {
  return { zoneId, cidrBlock: `10.0.${n}.0/24` };
}

describe.each([
  ["fail closed", failClosed],
  ["App-level invariants", appInvariants],
  ["production invariants", productionInvariants],
  ["no silent loss", noSilentLoss],
])("hostile input: %s", (_class, rows) => {
  test.each(rows)("$name", (row) => expectRow(tempApp(), row));
});

test("the table holds at least 30 hostile inputs", () => {
  expect(failClosed.length + appInvariants.length + productionInvariants.length + noSilentLoss.length).toBeGreaterThanOrEqual(30);
});
