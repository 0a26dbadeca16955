/**
 * Autoscaling, alarms, alerting and canaries, each wrong in one way: the App
 * is refused with exactly one error naming the construct path, the field, the
 * value as given and what is allowed, and nothing is written. The model's
 * rules run on every platform (here the quick Docker test stage); what SAE
 * and CloudMonitor need beyond them, and production's policies, on Alibaba Cloud.
 */
import {
  Alarms, AlicloudEnvironmentProps, Autoscaling, AutoscalingOptions, Canary, CanaryOptions, DockerEnvironment, Duration,
  Image, Port, Probe, Release, Route, ScalingSchedule, ScalingTarget, Service, ServiceCatalog, ServiceProps, Stages,
  AlicloudEnvironment, Weekday,
} from "../../lib";
import { BASE_PROPS, stage } from "../platforms/alicloud/support";
import { tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

const image = Image.fromRegistry("shop/app");

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** The service "app": routed on HTTP 8080 with a probe, plus these props. */
  readonly service?: Partial<ServiceProps>;
  /** The release entry of "app" beyond its version. */
  readonly entry?: { replicas?: number; canary?: Canary };
  /** Who alarms notify. */
  readonly alerting?: { contacts: string[]; group?: string };
  readonly expected: Expected;
}

const scaling = (min: number, max: number, options: AutoscalingOptions = {}) => ({ autoscaling: Autoscaling.between(min, max, options) });
const window = (from: string, to: string, extra: { min?: number; max?: number } = {}) => ScalingSchedule.weekdays({ from, to, ...extra });
const canary = (options: CanaryOptions) => ({ canary: Canary.forRequests(options) });

/** The model's rules: on every platform. */
const modelCases: Case[] = [
  // Bounds
  { name: "bounds inverted", service: scaling(5, 2),
    expected: ["test/app", "autoscaling.max", "2", "at least autoscaling.min (5): the bounds are inverted"] },
  { name: "a zero floor", service: scaling(0, 4), expected: ["test/app", "autoscaling.min", "0", "a whole number from 1 to 50"] },
  { name: "a fractional floor", service: scaling(1.5, 4), expected: ["test/app", "autoscaling.min", "1.5", "a whole number from 1 to 50"] },
  { name: "a zero ceiling", service: scaling(1, 0), expected: ["test/app", "autoscaling.max", "0", "a whole number from 1 to 50"] },
  { name: "a fractional ceiling", service: scaling(2, 7.5), expected: ["test/app", "autoscaling.max", "7.5", "a whole number from 1 to 50"] },
  { name: "a ceiling beyond SAE's 50", service: scaling(2, 80), expected: ["test/app", "autoscaling.max", "80", "a whole number from 1 to 50"] },
  { name: "replicas next to autoscaling", service: { replicas: 3, ...scaling(2, 5) },
    expected: ["test/app", "replicas", "3", "not set, or autoscaling.min (2)"] },
  { name: "a release floor above the ceiling", service: scaling(2, 10), entry: { replicas: 12 },
    expected: ["test/app", "replicas", "12", "at most autoscaling.max (10): the replica count is this environment's floor"] },
  // Targets
  { name: "a cpu target of 0 %", service: scaling(2, 4, { targets: [ScalingTarget.cpu(0)] }),
    expected: ["test/app", "autoscaling.targets[0]", "0", "a cpu target: a whole number from 1 to 100 (percent)"] },
  { name: "a cpu target above 100 %", service: scaling(2, 4, { targets: [ScalingTarget.cpu(101)] }),
    expected: ["test/app", "autoscaling.targets[0]", "101", "a whole number from 1 to 100 (percent)"] },
  { name: "a memory target of 150 %", service: scaling(2, 4, { targets: [ScalingTarget.cpu(60), ScalingTarget.memory(150)] }),
    expected: ["test/app", "autoscaling.targets[1]", "150", "a memory target: a whole number from 1 to 100 (percent)"] },
  { name: "a fractional cpu target", service: scaling(2, 4, { targets: [ScalingTarget.cpu(70.5)] }),
    expected: ["test/app", "autoscaling.targets[0]", "70.5", "a whole number from 1 to 100"] },
  { name: "no request at all per instance", service: scaling(2, 4, { targets: [ScalingTarget.requestsPerSecond(0)] }),
    expected: ["test/app", "autoscaling.targets[0]", "0", "a request target: a whole number from 1 to 100000"] },
  { name: "a response time of 90 s", service: scaling(2, 4, { targets: [ScalingTarget.responseTime(Duration.seconds(90))] }),
    expected: ["test/app", "autoscaling.targets[0]", "90s", "a whole number of ms from 1ms to 60000ms"] },
  { name: "a response time of half a millisecond", service: scaling(2, 4, { targets: [ScalingTarget.responseTime(Duration.millis(0.5))] }),
    expected: ["test/app", "autoscaling.targets[0]", "0.5ms", "a whole number of ms"] },
  { name: "two cpu targets", service: scaling(2, 4, { targets: [ScalingTarget.cpu(60), ScalingTarget.cpu(80)] }),
    expected: ["test/app", "autoscaling.targets[1]", '"cpu 80%"', "one target per measure (targets[0] is already cpu)"] },
  { name: "no target", service: scaling(2, 4, { targets: [] }),
    expected: ["test/app", "autoscaling.targets", "[]", "at least one target"] },
  { name: "a scale-in delay of two hours", service: scaling(2, 4, { scaleInDelay: Duration.minutes(120) }),
    expected: ["test/app", "autoscaling.scaleInDelay", "7200s", "a whole number of s from 0s to 3600s"] },
  // Schedules
  { name: "a time without a leading zero", service: scaling(2, 8, { schedules: [window("8:00", "20:00")] }),
    expected: ["test/app", "autoscaling.schedules[0].from", '"8:00"', "a time of day HH:MM from 00:00 to 23:59"] },
  { name: "24:00", service: scaling(2, 8, { schedules: [window("20:00", "24:00")] }),
    expected: ["test/app", "autoscaling.schedules[0].to", '"24:00"', "a time of day HH:MM"] },
  { name: "minute 60", service: scaling(2, 8, { schedules: [window("08:60", "20:00")] }),
    expected: ["test/app", "autoscaling.schedules[0].from", '"08:60"', "a time of day HH:MM"] },
  { name: "a window that ends before it starts", service: scaling(2, 8, { schedules: [window("22:00", "06:00")] }),
    expected: ["test/app", "autoscaling.schedules[0].to", '"06:00"', "a time later than from (22:00) on the same day: split a window that crosses midnight in two"] },
  { name: "overlapping windows", service: scaling(2, 8, { schedules: [window("08:00", "12:00"), window("11:00", "20:00", { min: 5 })] }),
    expected: ["test/app", "autoscaling.schedules[1]", '"Mon,Tue,Wed,Thu,Fri 11:00-20:00"', "a window that overlaps no other on the same day (schedules[0] is Mon,Tue,Wed,Thu,Fri 08:00-12:00)"] },
  { name: "windows overlapping on one shared day",
    service: scaling(2, 8, { schedules: [ScalingSchedule.on(["Mon", "Sat"], { from: "09:00", to: "18:00" }),
      ScalingSchedule.weekends({ from: "10:00", to: "12:00" })] }),
    expected: ["test/app", "autoscaling.schedules[1]", '"Sat,Sun 10:00-12:00"', "overlaps no other on the same day (schedules[0] is Mon,Sat 09:00-18:00)"] },
  { name: "a window without days", service: scaling(2, 8, { schedules: [ScalingSchedule.on([], { from: "08:00", to: "09:00" })] }),
    expected: ["test/app", "autoscaling.schedules[0].days", "[]", "days of the week, each once, from Mon, Tue, Wed, Thu, Fri, Sat, Sun"] },
  { name: "a day spelt out", service: scaling(2, 8, { schedules: [ScalingSchedule.on(["Monday" as Weekday], { from: "08:00", to: "09:00" })] }),
    expected: ["test/app", "autoscaling.schedules[0].days", '["Monday"]', "days of the week, each once"] },
  { name: "a day twice", service: scaling(2, 8, { schedules: [ScalingSchedule.on(["Mon", "Mon"], { from: "08:00", to: "09:00" })] }),
    expected: ["test/app", "autoscaling.schedules[0].days", '["Mon","Mon"]', "days of the week, each once"] },
  { name: "a window's bounds inverted", service: scaling(2, 8, { schedules: [window("08:00", "20:00", { min: 6, max: 4 })] }),
    expected: ["test/app", "autoscaling.schedules[0].min", "6", "at most the window's max (4): the bounds are inverted"] },
  { name: "a window above the service's ceiling by its min alone", service: scaling(2, 8, { schedules: [window("08:00", "20:00", { min: 9 })] }),
    expected: ["test/app", "autoscaling.schedules[0].min", "9", "at most the window's max (8, autoscaling.max)"] },
  { name: "a window whose max is below the release's floor", service: scaling(2, 8, { schedules: [window("00:00", "06:00", { max: 2 })] }),
    entry: { replicas: 3 },
    expected: ["test/app", "autoscaling.schedules[0].max", "2", "at least this environment's floor (3), where the window starts without a min of its own"] },
  { name: "a window with a zero min", service: scaling(2, 8, { schedules: [window("08:00", "20:00", { min: 0 })] }),
    expected: ["test/app", "autoscaling.schedules[0].min", "0", "a whole number from 1 to 50"] },
  // Alarms
  { name: "a cpu alarm at 0 %", service: { alarms: Alarms.defaults({ cpuPercent: 0 }) },
    expected: ["test/app", "alarms.cpuPercent", "0", "a whole number from 1 to 100"] },
  { name: "a memory alarm above 100 %", service: { alarms: Alarms.defaults({ memoryPercent: 120 }) },
    expected: ["test/app", "alarms.memoryPercent", "120", "a whole number from 1 to 100"] },
  { name: "an errors alarm at none per second", service: { alarms: Alarms.defaults({ serverErrorsPerSecond: 0 }) },
    expected: ["test/app", "alarms.serverErrorsPerSecond", "0", "a number from 0.01 to 100000"] },
  { name: "a latency alarm at 0 ms", service: { alarms: Alarms.defaults({ responseTime: Duration.millis(0) }) },
    expected: ["test/app", "alarms.responseTime", "0s", "a whole number of ms from 1ms to 60000ms"] },
  { name: "an unhealthy-instances alarm at 0", service: { alarms: Alarms.defaults({ unhealthyInstances: 0 }) },
    expected: ["test/app", "alarms.unhealthyInstances", "0", "a whole number from 1 to 50"] },
  { name: "an alarm sustained for 30 seconds", service: { alarms: Alarms.defaults({ sustainedFor: Duration.seconds(30) }) },
    expected: ["test/app", "alarms.sustainedFor", "30s", "a whole number of min from 1min to 60min"] },
  // Canaries
  { name: "a canary header with a space", entry: canary({ headers: { "X Canary": "1" } }),
    expected: ["test/app", "release.canary.headers.X Canary", '"X Canary"', "a header name: 1-64 letters, digits or"] },
  { name: "a canary header with a colon", entry: canary({ headers: { "X-Canary:": "1" } }),
    expected: ["test/app", "release.canary.headers.X-Canary:", '"X-Canary:"', "an HTTP token"] },
  { name: "a canary header without a name", entry: canary({ headers: { "": "1" } }),
    expected: ["test/app", "release.canary.headers.", '""', "a header name"] },
  { name: "a canary header named twice, in two cases", entry: canary({ headers: { "X-Canary": "1", "x-canary": "2" } }),
    expected: ["test/app", "release.canary.headers.x-canary", '"x-canary"', "a header not already named (header names ignore case)"] },
  { name: "a canary header value with a line break", entry: canary({ headers: { "X-Canary": "1\r\nX-Admin: 1" } }),
    expected: ["test/app", "release.canary.headers.X-Canary", '"1\\r\\nX-Admin: 1"', "a header value of 1-256 visible ASCII characters"] },
  { name: "a canary cookie named with '='", entry: canary({ cookies: { "tester=x": "1" } }),
    expected: ["test/app", "release.canary.cookies.tester=x", '"tester=x"', "a cookie name"] },
  { name: "a canary cookie value with ';'", entry: canary({ cookies: { tester: "a;b" } }),
    expected: ["test/app", "release.canary.cookies.tester", '"a;b"', "a cookie value of 1-256 visible ASCII characters without"] },
  { name: "a canary that selects nothing", entry: canary({}),
    expected: ["test/app", "release.canary", "[]", "at least one header or cookie that selects the canary"] },
  { name: "a canary verified for 90 minutes", entry: canary({ cookies: { tester: "1" }, verifyFor: Duration.minutes(90) }),
    expected: ["test/app", "release.canary.verifyFor", "5400s", "a whole number of min from 1min to 60min"] },
  { name: "a canary verified for 30 seconds", entry: canary({ cookies: { tester: "1" }, verifyFor: Duration.seconds(30) }),
    expected: ["test/app", "release.canary.verifyFor", "30s", "a whole number of min"] },
  { name: "a canary of a single instance", service: { replicas: 1 }, entry: canary({ cookies: { tester: "1" } }),
    expected: ["test/app", "replicas", "1", "at least 2 instances while a canary runs"] },
  { name: "a canary of a service without ports", service: { ports: [], probe: undefined }, entry: canary({ cookies: { tester: "1" } }),
    expected: ["test/app", "release.canary", '["cookie tester"]', "a service with an HTTP port: the canary is chosen by request header or cookie"] },
];

function catalogOf(props: Partial<ServiceProps> = {}): ServiceCatalog {
  const catalog = new ServiceCatalog();
  new Service(catalog, "app", {
    image,
    ports: [Port.http(8080, { route: Route.internal({ listenerPort: 8080 }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    ...props,
  });
  return catalog;
}

const releaseOf = (entry: Case["entry"] = {}) => Release.of({ app: { version: "1.0.0", ...entry } });

describe("bad autoscaling, alarms, alerting and canaries stop synthesis with one clear error", () => {
  test.each(modelCases)("$name", ({ service, entry, expected }) => {
    const app = tempApp();
    new DockerEnvironment(app, "test", { catalog: catalogOf(service), release: releaseOf(entry) });
    expectOneError(app, "test", expected);
  });
});

/** What SAE, CloudMonitor and production's policies need beyond the model. */
const alicloudCases: (Case & { id?: string; props?: Partial<AlicloudEnvironmentProps> })[] = [
  { name: "an alarm with no contact group in production", id: "production",
    props: { settings: stage(Stages.production, { policies: Stages.production.policies }) },
    expected: ["production", "alerting", "(not set)", 'stage "production" requires the services\' alarms to reach someone (a contact group)'] },
  { name: "a service without alarms in production", id: "production", service: { alarms: Alarms.disabled() },
    alerting: { contacts: ["shop-oncall"] }, props: { settings: stage(Stages.production, { policies: Stages.production.policies }) },
    expected: ["production/app", "alarms", "disabled", 'stage "production" requires alarms on every service'] },
  { name: "a schedule window dropping to one instance in production", id: "production",
    service: scaling(2, 8, { schedules: [ScalingSchedule.daily({ from: "01:00", to: "05:00", min: 1 })] }),
    alerting: { contacts: ["shop-oncall"] }, props: { settings: stage(Stages.production, { policies: Stages.production.policies }) },
    expected: ["production/app", "autoscaling.schedules[0].min", "1", 'at least 2 instances in stage "production", so one can fail or roll while the others serve, in every window'] },
  { name: "windows on different days", service: scaling(2, 8, { schedules: [window("08:00", "12:00"),
    ScalingSchedule.weekends({ from: "10:00", to: "14:00" })] }),
    expected: ["prerelease/app", "autoscaling.schedules[1].days", '["Sat","Sun"]', "the days of schedules[0] (Mon,Tue,Wed,Thu,Fri): SAE runs one scaling rule per application"] },
  { name: "more windows than SAE's timer holds",
    service: scaling(2, 8, { schedules: Array.from({ length: 11 }, (_, i) => window(`${String(i + 10)}:00`, `${String(i + 10)}:30`)) }),
    expected: ["prerelease/app", "autoscaling.schedules", "11", "at most 10 windows"] },
  { name: "a request target without a routed HTTP port", service: { ports: [Port.tcp(5432)], probe: Probe.tcp(5432),
    ...scaling(2, 4, { targets: [ScalingTarget.requestsPerSecond(100)] }) },
    props: { loadBalancerAccessLogs: { project: "shop-slb-logs", logstore: "access" } },
    expected: ["prerelease/app", "autoscaling.targets[0]", '"100 requests/s per instance"', "a service with a routed HTTP port"] },
  { name: "a response-time target without the load balancers' access logs",
    service: scaling(2, 4, { targets: [ScalingTarget.responseTime(Duration.millis(300))] }),
    expected: ["prerelease", "loadBalancerAccessLogs", "(not set)", "the SLS project and logstore the CLB access logs go to (app scale on requests"] },
  { name: "access logs in a project SLS cannot name", service: scaling(2, 4, { targets: [ScalingTarget.requestsPerSecond(50)] }),
    props: { loadBalancerAccessLogs: { project: "Shop_Logs", logstore: "access" } },
    expected: ["prerelease", "loadBalancerAccessLogs.project", '"Shop_Logs"', "an SLS name"] },
  // Who hears about alarms
  { name: "alerting without contacts", alerting: { contacts: [] },
    expected: ["prerelease", "alerting.contacts", "[]", "at least one contact name, each once: alarms must reach someone"] },
  { name: "one contact twice", alerting: { contacts: ["oncall", "oncall"] },
    expected: ["prerelease", "alerting.contacts", '["oncall","oncall"]', "each once"] },
  { name: "a contact CloudMonitor cannot name", alerting: { contacts: ["on call"] },
    expected: ["prerelease", "alerting.contacts[0]", '"on call"', "a CloudMonitor contact name"] },
  { name: "a contact group CloudMonitor cannot name", alerting: { contacts: ["oncall"], group: "-shop" },
    expected: ["prerelease", "alerting.group", '"-shop"', "a CloudMonitor contact group name"] },
];

describe("what SAE and CloudMonitor need, and production's policies, stop synthesis with one clear error", () => {
  test.each(alicloudCases)("$name", ({ id = "prerelease", service, entry, alerting, props, expected }) => {
    const app = tempApp();
    new AlicloudEnvironment(app, id, {
      ...BASE_PROPS, catalog: catalogOf(service), release: releaseOf(entry), alerting, ...props,
    });
    expectOneError(app, id, expected);
  });
});
