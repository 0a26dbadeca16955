import { Alarms, Alerting } from "../model/alarms";
import { Autoscaling, ScalingSchedule, ScalingTarget, WEEKDAYS } from "../model/autoscaling";
import { Canary } from "../model/canary";
import { Service } from "../model/service";
import { Checker, Rule } from "./checker";
import { integerBetween, matching, numberBetween, wholeDurationBetween } from "./rules";
import { reportableLiteral } from "./secret-patterns";
import { Violation } from "./violation";

/** SAE, the strictest platform, runs up to 50 instances of an application without a support ticket. */
const INSTANCES = integerBetween(1, 50);
const PERCENT = integerBetween(1, 100);
const TIME_OF_DAY = matching(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day HH:MM from 00:00 to 23:59, e.g. 08:00");

/** A header or cookie name: an HTTP token (RFC 9110 section 5.6.2), which is also what RFC 6265 allows for cookie names. */
const HTTP_TOKEN = /^(?!__proto__$)[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const NOT_PROTO = ", not __proto__ (an object literal's __proto__ key sets its prototype instead of adding an entry)";
const HEADER_NAME = matching(HTTP_TOKEN,
  `a header name: 1-64 letters, digits or !#$%&'*+-.^_\`|~ (an HTTP token), no spaces, colons or quotes${NOT_PROTO}`);
const COOKIE_NAME = matching(HTTP_TOKEN,
  `a cookie name: 1-64 letters, digits or !#$%&'*+-.^_\`|~ (an HTTP token), no spaces, '=' or ';'${NOT_PROTO}`);
const HEADER_VALUE = matching(/^[\x21-\x7e]([\x20-\x7e]{0,254}[\x21-\x7e])?$/,
  "a header value of 1-256 visible ASCII characters, spaces only inside");
const COOKIE_VALUE = matching(/^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,256}$/,
  "a cookie value of 1-256 visible ASCII characters without '\"', ',', ';' or '\\' (RFC 6265 cookie-octets)");

/** The rules of the measures held at a number; a response time is held at a duration. */
const TARGET_RULES: Record<Exclude<ScalingTarget["measure"]["kind"], "response-time">, Rule<number>> = {
  cpu: { ...PERCENT, allowed: `a cpu target: ${PERCENT.allowed} (percent)` },
  memory: { ...PERCENT, allowed: `a memory target: ${PERCENT.allowed} (percent)` },
  requests: { ...integerBetween(1, 100_000), allowed: "a request target: a whole number from 1 to 100000 requests per second per instance" },
};
const RESPONSE_TIME_TARGET = wholeDurationBetween("ms", 1, 60_000);

/**
 * Checks what a service says about running in production — autoscaling,
 * alarms and the release's canary — before any platform reads it. `floor` is
 * the service's instance count in this environment (the release's, else its own).
 */
export function checkOperations(c: Checker, path: string, service: Service, floor: number, canary?: Canary): void {
  if (service.autoscaling) checkAutoscaling(c, path, service, service.autoscaling, floor);
  checkAlarms(c, path, service.alarms);
  if (canary) checkCanary(c, path, service, canary, floor);
}

function checkAutoscaling(c: Checker, path: string, service: Service, a: Autoscaling, floor: number): void {
  const min = c.check(path, "autoscaling.min", a.min, INSTANCES);
  const max = c.check(path, "autoscaling.max", a.max, INSTANCES);
  const ordered = min && max &&
    c.expect(a.max >= a.min, path, "autoscaling.max", a.max, `at least autoscaling.min (${a.min}): the bounds are inverted`);
  if (min) {
    c.expect(service.replicas === a.min, path, "replicas", service.replicas,
      `not set, or autoscaling.min (${a.min}): with autoscaling the floor is autoscaling.min, and a release sets another per environment`);
  }
  // A floor that is not a whole number from 1 is reported by the model's replica rule; inverted bounds once, above.
  if (ordered && INSTANCES.test(floor)) {
    c.expect(floor <= a.max, path, "replicas", floor,
      `at most autoscaling.max (${a.max}): the replica count is this environment's floor`);
  }
  c.expect(a.targets.length > 0, path, "autoscaling.targets", [], "at least one target, e.g. ScalingTarget.cpu(70)");
  const seen = new Map<string, number>();
  a.targets.forEach((target, i) => {
    const field = `autoscaling.targets[${i}]`;
    const m = target.measure;
    if (m.kind === "response-time") c.check(path, field, m.average, RESPONSE_TIME_TARGET);
    else c.check(path, field, m.kind === "requests" ? m.perSecond : m.percent, TARGET_RULES[m.kind]);
    const first = seen.get(m.kind);
    c.expect(first === undefined, path, field, target.toString(), `one target per measure (targets[${first}] is already ${m.kind})`);
    if (first === undefined) seen.set(m.kind, i);
  });
  c.check(path, "autoscaling.scaleInDelay", a.scaleInDelay, wholeDurationBetween("s", 0, 3600));
  a.schedules.forEach((schedule, i) => checkSchedule(c, path, a, i, schedule, ordered && INSTANCES.test(floor) ? floor : undefined));
}

/** `floor` is the environment's floor when it is valid: a window without its own `min` starts there. */
function checkSchedule(c: Checker, path: string, a: Autoscaling, i: number, s: ScalingSchedule, floor?: number): void {
  const field = `autoscaling.schedules[${i}]`;
  c.expect(s.days.length > 0 && s.days.every((d) => WEEKDAYS.includes(d)) && new Set(s.days).size === s.days.length,
    path, `${field}.days`, s.days, `days of the week, each once, from ${WEEKDAYS.join(", ")}`);
  const from = c.check(path, `${field}.from`, s.from, TIME_OF_DAY);
  const to = c.check(path, `${field}.to`, s.to, TIME_OF_DAY);
  const ordered = from && to && c.expect(s.from < s.to, path, `${field}.to`, s.to,
    `a time later than from (${s.from}) on the same day: split a window that crosses midnight in two`);
  const min = s.min === undefined || c.check(path, `${field}.min`, s.min, INSTANCES);
  const max = s.max === undefined || c.check(path, `${field}.max`, s.max, INSTANCES);
  if (min && max && s.min !== undefined) {
    const ceiling = s.max ?? a.max;
    c.expect(s.min <= ceiling, path, `${field}.min`, s.min,
      `at most the window's max (${ceiling}${s.max === undefined ? ", autoscaling.max" : ""}): the bounds are inverted`);
  } else if (max && s.max !== undefined && floor !== undefined) {
    c.expect(s.max >= floor, path, `${field}.max`, s.max,
      `at least this environment's floor (${floor}), where the window starts without a min of its own: the bounds would be inverted`);
  }
  if (!ordered) return;
  a.schedules.slice(0, i).forEach((other, j) => {
    const shared = s.days.filter((d) => other.days.includes(d));
    const overlap = shared.length > 0 && TIME_OF_DAY.test(other.from) && TIME_OF_DAY.test(other.to) &&
      s.from < other.to && other.from < s.to;
    c.expect(!overlap, path, field, `${s.days.join(",")} ${s.from}-${s.to}`,
      `a window that overlaps no other on the same day (schedules[${j}] is ${other.days.join(",")} ${other.from}-${other.to})`);
  });
}

function checkAlarms(c: Checker, path: string, alarms: Alarms): void {
  if (!alarms.enabled) return;
  const t = alarms.thresholds;
  c.check(path, "alarms.cpuPercent", t.cpuPercent, PERCENT);
  c.check(path, "alarms.memoryPercent", t.memoryPercent, PERCENT);
  c.check(path, "alarms.serverErrorsPerSecond", t.serverErrorsPerSecond, numberBetween(0.01, 100_000));
  c.check(path, "alarms.responseTime", t.responseTime, wholeDurationBetween("ms", 1, 60_000));
  c.check(path, "alarms.unhealthyInstances", t.unhealthyInstances, INSTANCES);
  c.check(path, "alarms.sustainedFor", t.sustainedFor, wholeDurationBetween("min", 1, 60));
}

function checkCanary(c: Checker, path: string, service: Service, canary: Canary, floor: number): void {
  c.expect(canary.matches.length > 0, path, "release.canary", [], "at least one header or cookie that selects the canary");
  const names = new Set<string>();
  for (const m of canary.matches) {
    const field = `release.canary.${m.kind}s.${m.name}`;
    const header = m.kind === "header";
    if (!c.check(path, field, m.name, header ? HEADER_NAME : COOKIE_NAME)) continue;
    // Header names are case-insensitive: X-Canary and x-canary are one header.
    const key = `${m.kind}:${header ? m.name.toLowerCase() : m.name}`;
    c.expect(!names.has(key), path, field, m.name, `a ${m.kind} not already named (${header ? "header names ignore case" : "once"})`);
    names.add(key);
    const rule = header ? HEADER_VALUE : COOKIE_VALUE;
    c.expect(rule.test(m.value), path, field, reportableLiteral(m.name, m.value), rule.allowed);
  }
  c.check(path, "release.canary.verifyFor", canary.verifyFor, wholeDurationBetween("min", 1, 60));
  c.expect(service.ports.some((p) => p.protocol === "http"), path, "release.canary", canary.selectors(),
    `a service with an HTTP port: the canary is chosen by request header or cookie, which only HTTP requests carry ` +
    `(${service.ports.length === 0 ? "it has no port" : "its ports are TCP"})`);
  if (INSTANCES.test(floor)) {
    c.expect(floor >= 2, path, "replicas", floor,
      "at least 2 instances while a canary runs: the canary is one instance next to the running version");
  }
}

/** Checks who an environment's alarms notify: a list of distinct, non-empty contact names. */
export function validateAlerting(path: string, alerting: Alerting | undefined): Violation[] {
  const c = new Checker("model");
  if (alerting === undefined) return [];
  const contacts = alerting.contacts;
  c.expect(Array.isArray(contacts) && contacts.length > 0 && contacts.every((n) => typeof n === "string" && n.length > 0) &&
    new Set(contacts).size === contacts.length, path, "alerting.contacts", contacts,
  "at least one contact name, each once: alarms must reach someone");
  return c.violations;
}
