/**
 * Every kind of value the model and the stage settings accept, each wrong in one way: the
 * stack is refused with exactly one error that names the construct path, the
 * field, the value as given and what is allowed, and nothing is written.
 */
import {
  Cpu, DockerEnvironment, Duration, EnvValue, Image, LogStore, Policies, Port, Probe, Release, Rollout, Route,
  Secret, Service, ServiceCatalog, ServiceProps, Size, StageSettings, Stages,
} from "../../lib";
import { tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

const image = Image.fromRegistry("shop/app");

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Builds the catalog. @default one valid service "app" */
  readonly catalog?: (c: ServiceCatalog) => void;
  /** The release. @default version 1.0.0 for every service */
  readonly release?: Release;
  /** Stage settings. @default Stages.test */
  readonly settings?: StageSettings;
  readonly expected: Expected;
}

const one = (props: Partial<ServiceProps>, name = "app") => (c: ServiceCatalog) =>
  new Service(c, name, { image, ...props });
const test_ = (overrides: Partial<StageSettings>): StageSettings => ({ ...Stages.test, ...overrides });
const routed = (route: Route) => one({ ports: [Port.http(8080, { route })] });
const longDomain = `${`${"a".repeat(63)}.`.repeat(4)}com`;

const cases: Case[] = [
  // Durations
  { name: "probe timeout NaN", catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { timeout: Duration.seconds(NaN) }) }),
    expected: ["test/app", "probe.timeout", "NaNms", "a duration from 1s to 600s"] },
  { name: "negative probe initial delay", catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { initialDelay: Duration.seconds(-1) }) }),
    expected: ["test/app", "probe.initialDelay", "-1s", "a duration from 0s to 600s"] },
  { name: "infinite probe period", catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { period: Duration.seconds(Infinity) }) }),
    expected: ["test/app", "probe.period", "Infinityms", "a duration from 1s to 600s"] },
  { name: "negative rollout interval", catalog: one({ rollout: Rollout.batches({ interval: Duration.seconds(-30) }) }),
    expected: ["test/app", "rollout.interval", "-30s", "a duration from 0s to 3600s"] },
  { name: "rollout interval of two hours", catalog: one({ rollout: Rollout.batches({ interval: Duration.minutes(120) }) }),
    expected: ["test/app", "rollout.interval", "7200s", "a duration from 0s to 3600s"] },
  { name: "rollout interval NaN", catalog: one({ rollout: Rollout.batches({ interval: Duration.millis(NaN) }) }),
    expected: ["test/app", "rollout.interval", "NaNms", "a duration from 0s to 3600s"] },
  { name: "log retention of 0 days", catalog: one({ logs: LogStore.stdout("app", { retention: Duration.days(0) }) }),
    expected: ["test/app", "logs.retention", "0s", "a whole number of days from 1d to 3650d"] },
  { name: "log retention of half a day", catalog: one({ logs: LogStore.stdout("app", { retention: Duration.days(0.5) }) }),
    expected: ["test/app", "logs.retention", "43200s", "a whole number of days"] },
  { name: "log retention NaN", catalog: one({ logs: LogStore.stdout("app", { retention: Duration.days(NaN) }) }),
    expected: ["test/app", "logs.retention", "NaNms", "a whole number of days"] },
  { name: "log retention above ten years", catalog: one({ logs: LogStore.stdout("app", { retention: Duration.days(4000) }) }),
    expected: ["test/app", "logs.retention", "4000d", "from 1d to 3650d"] },
  // Numbers
  { name: "rollout in 0 batches", catalog: one({ rollout: Rollout.batches({ batches: 0 }) }),
    expected: ["test/app", "rollout.batches", "0", "a whole number from 1 to 50"] },
  { name: "probe success threshold 51", catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { successThreshold: 51 }) }),
    expected: ["test/app", "probe.successThreshold", "51", "a whole number from 1 to 50"] },
  { name: "http probe port NaN", catalog: one({ probe: Probe.http(NaN) }),
    expected: ["test/app", "probe.port", "NaN", "a whole number from 1 to 65535"] },
  { name: "release replicas 0", release: Release.of({ app: { version: "1.0.0", replicas: 0 } }),
    expected: ["test/app", "replicas", "0", "a whole number from 1 to 50"] },
  // CPU and memory
  { name: "cpu NaN", catalog: one({ resources: { cpu: Cpu.cores(NaN), memory: Size.gibibytes(1) } }),
    expected: ["test/app", "resources.cpu", "NaNm", "whole millicores from 1m to 128 cores"] },
  { name: "infinite cpu", catalog: one({ resources: { cpu: Cpu.cores(Infinity), memory: Size.gibibytes(1) } }),
    expected: ["test/app", "resources.cpu", "Infinitym", "whole millicores"] },
  { name: "half a millicore", catalog: one({ resources: { cpu: Cpu.millicores(0.5), memory: Size.gibibytes(1) } }),
    expected: ["test/app", "resources.cpu", "0.5m", "whole millicores"] },
  { name: "cpu of 256 cores", catalog: one({ resources: { cpu: Cpu.cores(256), memory: Size.gibibytes(1) } }),
    expected: ["test/app", "resources.cpu", "256 cores", "to 128 cores"] },
  { name: "no cpu", catalog: one({ resources: { cpu: Cpu.millicores(0), memory: Size.gibibytes(1) } }),
    expected: ["test/app", "resources.cpu", "0 cores", "from 1m"] },
  { name: "memory NaN", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.mebibytes(NaN) } }),
    expected: ["test/app", "resources.memory", "NaNMi", "whole mebibytes from 6Mi"] },
  { name: "infinite memory", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(Infinity) } }),
    expected: ["test/app", "resources.memory", "InfinityMi", "to 1024Gi"] },
  { name: "one and a half mebibytes", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.mebibytes(1.5) } }),
    expected: ["test/app", "resources.memory", "1.5Mi", "whole mebibytes"] },
  { name: "memory below Docker's minimum", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.mebibytes(4) } }),
    expected: ["test/app", "resources.memory", "4Mi", "from 6Mi (the smallest limit Docker accepts)"] },
  { name: "negative memory", catalog: one({ resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(-1) } }),
    expected: ["test/app", "resources.memory", "-1Gi", "whole mebibytes from 6Mi"] },
  // Log stores
  { name: "file log store without paths", catalog: one({ logs: LogStore.files("app", []) }),
    expected: ["test/app", "logs.paths", "[]", "at least one absolute path"] },
  { name: "relative log file path", catalog: one({ logs: LogStore.files("app", ["logs/app.log"]) }),
    expected: ["test/app", "logs.paths[0]", '"logs/app.log"', "an absolute path without spaces"] },
  { name: "log file path with a space", catalog: one({ logs: LogStore.files("app", ["/var/log/app.log", "/var/log/my app.log"]) }),
    expected: ["test/app", "logs.paths[1]", '"/var/log/my app.log"', "an absolute path without spaces"] },
  { name: "log store name with capitals", catalog: one({ logs: LogStore.stdout("App-Logs") }),
    expected: ["test/app", "logs.name", '"App-Logs"', "a DNS label"] },
  // Names, domains, ports
  { name: "service name ending with a dash", catalog: one({}, "app-"),
    expected: ["test/app-", "name", '"app-"', "not ending with '-'"] },
  { name: "domain longer than 253 characters", catalog: routed(Route.internal({ domains: [longDomain] })),
    expected: ["test/app", "ports[0].route.domains[0]", `"${longDomain}"`, "at most 253 characters"] },
  { name: "domain with capitals", catalog: routed(Route.internal({ domains: ["Shop.Example.com"] })),
    expected: ["test/app", "ports[0].route.domains[0]", '"Shop.Example.com"', "a lowercase domain name"] },
  { name: "domain label starting with a dash", catalog: routed(Route.internal({ domains: ["-shop.example.com"] })),
    expected: ["test/app", "ports[0].route.domains[0]", '"-shop.example.com"', "a lowercase domain name"] },
  { name: "one container port declared twice", catalog: one({ ports: [Port.http(8080), Port.tcp(8080)] }),
    expected: ["test/app", "ports[1].port", "8080", "a container port not already declared (ports[0] is 8080)"] },
  // Configuration and variables
  { name: "Terraform's reserved variable name", catalog: one({ env: { REPLICAS: EnvValue.fromVariable("count") } }),
    expected: ["test/app", "env.REPLICAS", '"count"', "none of Terraform's reserved names"] },
  { name: "variable name longer than 64", catalog: one({ env: { HOST: EnvValue.fromVariable("h".repeat(65)) } }),
    expected: ["test/app", "env.HOST", `"${"h".repeat(65)}"`, "1-64 lowercase letters"] },
  { name: "secret variable name with capitals and a dash",
    catalog: one({ secrets: { DB_PASSWORD: Secret.fromVariable("DB-Password") } }),
    expected: ["test/app", "secrets.DB_PASSWORD", '"DB-Password"', "a Terraform variable name"] },
  { name: "secret environment name with a dash", catalog: one({ secrets: { "db-password": Secret.fromVariable("db_password") } }),
    expected: ["test/app", "secrets.db-password", '"db-password"', "an environment variable name"] },
  // Images and versions
  { name: "release version longer than 128", release: Release.of({ app: "1".repeat(129) }),
    expected: ["test/app", "release.version", `"${"1".repeat(129)}"`, "at most 128"] },
  { name: "release version starting with a dot", release: Release.of({ app: ".1.0" }),
    expected: ["test/app", "release.version", '".1.0"', "not starting with '.' or '-'"] },
  { name: "digest of the wrong length", release: Release.of({ app: "sha256:abc" }),
    expected: ["test/app", "release.version", '"sha256:abc"', "a sha256:<64 hex> digest"] },
  { name: "image repository with capitals", catalog: (c) => new Service(c, "app", { image: Image.fromRegistry("Shop/App") }),
    expected: ["test/app", "image", '"Shop/App"', "a lowercase repository path"] },
  { name: "image repository with a tag", catalog: (c) => new Service(c, "app", { image: Image.fromRegistry("shop/app:1.0") }),
    expected: ["test/app", "image", '"shop/app:1.0"', "a lowercase repository path such as shop/orders-api"] },
  // Stage settings
  { name: "stage name with capitals", settings: test_({ name: "Test" }),
    expected: ["test", "settings.name", '"Test"', "a DNS label"] },
  { name: "minReplicas 0", settings: test_({ minReplicas: 0 }),
    expected: ["test", "settings.minReplicas", "0", "a whole number from 1 to 50"] },
  { name: "minZones 11", settings: test_({ minZones: 11 }),
    expected: ["test", "settings.minZones", "11", "a whole number from 1 to 10"] },
  { name: "deletionProtection not a boolean", settings: test_({ deletionProtection: "yes" as unknown as boolean }),
    expected: ["test", "settings.deletionProtection", '"yes"', "true or false"] },
  { name: "stage log retention NaN", settings: test_({ logRetention: Duration.days(NaN) }),
    expected: ["test", "settings.logRetention", "NaNms", "a whole number of days from 1d to 3650d"] },
  { name: "negative minimum log retention", settings: test_({ minLogRetention: Duration.days(-1) }),
    expected: ["test", "settings.minLogRetention", "-1d", "a whole number of days"] },
  { name: "stage retention below the stage minimum", settings: test_({ logRetention: Duration.days(3), minLogRetention: Duration.days(7) }),
    expected: ["test", "settings.logRetention", "3d", "at least settings.minLogRetention (7d)"] },
  { name: "two policies with one name", settings: test_({ policies: [Policies.probes(), Policies.probes()] }),
    expected: ["test", "settings.policies[1].name", '"probes"', "a name no other policy of the stage uses"] },
  { name: "policy without a name", settings: test_({ policies: [{ name: "", check: () => [] }] }),
    expected: ["test", "settings.policies[0]", '""', "a policy object with a non-empty name"] },
];

describe("every bad value is refused with one error naming path, field, value and what is allowed", () => {
  test("the table covers at least 40 distinct inputs", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases)("$name", ({ catalog: build, release, settings, expected }) => {
    const catalog = new ServiceCatalog();
    (build ?? one({}))(catalog);
    const app = tempApp();
    new DockerEnvironment(app, "test", {
      catalog,
      release: release ?? Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"]))),
      settings,
    });
    expectOneError(app, "test", expected);
  });
});
