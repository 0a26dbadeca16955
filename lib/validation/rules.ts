import { Duration } from "../model/duration";
import { Cpu, Size } from "../model/size";
import { Rule } from "./checker";

/** Whole numbers from `min` to `max`. */
export function integerBetween(min: number, max: number): Rule<number> {
  return {
    test: (v) => Number.isInteger(v) && v >= min && v <= max,
    allowed: max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`,
  };
}

/** Strings matching `pattern`, described by `allowed`. */
export function matching(pattern: RegExp, allowed: string): Rule<string> {
  return { test: (v) => typeof v === "string" && pattern.test(v), allowed };
}

/** Durations from `min` to `max`. */
export function durationBetween(min: Duration, max: Duration): Rule<Duration> {
  return {
    test: (d) => Number.isFinite(d.toMillis()) && d.toMillis() >= min.toMillis() && d.toMillis() <= max.toMillis(),
    allowed: `a duration from ${min} to ${max}`,
  };
}

/** Whole days from `min` to `max`: log stores keep logs for whole days. */
export function wholeDaysBetween(min: number, max: number): Rule<Duration> {
  return {
    test: (d) => Number.isInteger(d.toDays()) && d.toDays() >= min && d.toDays() <= max,
    allowed: `a whole number of days from ${min}d to ${max}d`,
  };
}

/** Units whole durations are counted in, with the factory that writes one. */
const UNITS = {
  ms: { millis: 1, factory: "Duration.millis" },
  s: { millis: 1000, factory: "Duration.seconds" },
  min: { millis: 60_000, factory: "Duration.minutes" },
} as const;

/** Durations that are a whole number of `unit` from `min` to `max` of them: platforms count in that unit. */
export function wholeDurationBetween(unit: keyof typeof UNITS, min: number, max: number): Rule<Duration> {
  return {
    test: (d) => {
      const n = d.toMillis() / UNITS[unit].millis;
      return Number.isInteger(n) && n >= min && n <= max;
    },
    allowed: `a whole number of ${unit} from ${min}${unit} to ${max}${unit}, e.g. ${UNITS[unit].factory}(${Math.max(min, 1)})`,
  };
}

/** Numbers (not only whole ones) from `min` to `max`. */
export function numberBetween(min: number, max: number): Rule<number> {
  return {
    test: (v) => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max,
    allowed: `a number from ${min} to ${max}`,
  };
}

/** CPU per instance; platforms count in whole millicores. */
export const CPU: Rule<Cpu> = {
  test: (c) => Number.isInteger(c.toMillicores()) && c.toMillicores() >= 1 && c.toMillicores() <= 128_000,
  allowed: "whole millicores from 1m to 128 cores, e.g. Cpu.cores(0.5) or Cpu.millicores(250)",
};

/** Memory per instance; platforms count in whole mebibytes, and container runtimes refuse tiny limits. */
export const MEMORY: Rule<Size> = {
  test: (s) => Number.isInteger(s.toMebibytes()) && s.toMebibytes() >= 6 && s.toMebibytes() <= 1_048_576,
  allowed: "whole mebibytes from 6Mi (the smallest limit Docker accepts) to 1024Gi",
};

/** A TCP/UDP port number. */
export const PORT = integerBetween(1, 65535);

/** A DNS label (RFC 1123), which is what a service name becomes inside every environment. */
export const DNS_LABEL = matching(
  /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  "a DNS label: 1-63 lowercase letters, digits or '-', starting with a letter and not ending with '-'",
);

/**
 * A stack id: cdktf writes each stack into `cdktf.out/stacks/<id>` and names
 * it on the command line (`cdktf deploy <id>`), so nothing a file system or a
 * shell would read as a path, a dot entry or an option.
 */
export const STACK_ID = matching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  "a stack id of 1-64 letters, digits, '-' or '_', starting with a letter or digit (no '.', '/', '\\' or spaces): " +
  "it names the directory cdktf.out/stacks/<id>");

/** A fully qualified domain name, optionally with a leading wildcard label. */
export const DOMAIN_NAME: Rule<string> = {
  test: (v) => typeof v === "string" && v.length <= 253 &&
    /^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v),
  allowed: "a lowercase domain name such as shop.example.com (a leading '*.' is allowed), at most 253 characters",
};

/** A host name callers use inside an environment: DNS labels separated by '.', e.g. `mysql` or `orders.local`. */
export const HOST_NAME: Rule<string> = {
  test: (v) => typeof v === "string" && v.length <= 253 &&
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/.test(v),
  allowed: "a lowercase host name of DNS labels separated by '.', such as mysql or orders.local, at most 253 characters",
};

/**
 * A POSIX environment variable name, other than `__proto__`: JavaScript
 * object literals read that key as the object's prototype, so no record of
 * names could carry it as an entry.
 */
export const ENV_NAME: Rule<string> = {
  test: (v) => typeof v === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) && v !== "__proto__",
  allowed: "an environment variable name: letters, digits and '_', not starting with a digit, and not __proto__ " +
    "(an object literal's __proto__ key sets its prototype instead of adding an entry)",
};

/** Names Terraform refuses for input variables. */
const RESERVED_VARIABLE_NAMES = ["count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"];

/**
 * A Terraform variable name (also safe as a TF_VAR_ suffix), other than
 * `__proto__`, which cdktf's merge of a stack's blocks assigns as an object's
 * prototype instead of a variable.
 */
export const VARIABLE_NAME: Rule<string> = {
  test: (v) => typeof v === "string" && /^[a-z_][a-z0-9_]{0,63}$/.test(v) && !RESERVED_VARIABLE_NAMES.includes(v) && v !== "__proto__",
  allowed: "a Terraform variable name: 1-64 lowercase letters, digits and '_', not starting with a digit, " +
    `and none of Terraform's reserved names (${RESERVED_VARIABLE_NAMES.join(", ")}) nor __proto__ (JavaScript's prototype key)`,
};

/** An image version: a Docker tag or a sha256 digest. */
export const IMAGE_VERSION = matching(
  /^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64})$/,
  "an image tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-') or a sha256:<64 hex> digest",
);

/** An image repository path such as `shop/orders-api`. */
export const IMAGE_REPOSITORY = matching(
  /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
  "a lowercase repository path such as shop/orders-api",
);

/**
 * A registry host, optionally with a port. Docker takes the first part of an
 * image reference for a host only when it has a '.' or a ':' or is localhost;
 * anything else would silently pull from Docker Hub instead.
 */
export const REGISTRY_HOST: Rule<string> = {
  test: (v) => {
    const m = typeof v === "string" ? /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)(:(\d{1,5}))?$/.exec(v) : null;
    if (!m) return false;
    const port = m[6] === undefined ? undefined : Number(m[6]);
    return (m[1].includes(".") || m[1] === "localhost" || port !== undefined) && (port === undefined || (port >= 1 && port <= 65535));
  },
  allowed: "a registry host without scheme or path, with a '.' or a port or named localhost, e.g. registry.example.com or localhost:5000",
};

const IMAGE_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

/** A full image reference such as `nginx:1.27.0` or `registry.example.com/team/app@sha256:…`. */
export const IMAGE_REFERENCE = matching(
  new RegExp(
    `^(?:[A-Za-z0-9.-]+(?::\\d{1,5})?/)?${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*` +
      "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$",
  ),
  "an image reference: [host[:port]/]lowercase/path[:tag][@sha256:<64 hex>], e.g. nginx:1.27.0",
);

/** An absolute path inside a container. */
export const ABSOLUTE_PATH = matching(/^\/[^\s]*$/, "an absolute path without spaces, e.g. /healthz");

/** Prefix of the labels the library sets itself; a team's label may not take it over. */
export const LIBRARY_LABEL_PREFIX = "org.cdktf-service-platform.";

/** A label key every platform accepts (a Docker label key, an Alibaba Cloud tag key). */
export const LABEL_KEY: Rule<string> = {
  test: (v) => typeof v === "string" && /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,126}[A-Za-z0-9])?$/.test(v) &&
    !v.startsWith(LIBRARY_LABEL_PREFIX),
  allowed: "a label key of 1-128 letters, digits, '.', '_', '/' or '-', starting and ending with a letter or digit, " +
    `not starting with ${LIBRARY_LABEL_PREFIX} (the library's own labels)`,
};

/** A label value every platform accepts: Alibaba Cloud tags stop at 128 characters. */
export const LABEL_VALUE: Rule<string> = {
  // eslint-disable-next-line no-control-regex -- control characters are what this rule refuses
  test: (v) => typeof v === "string" && v.length <= 128 && !/[\u0000-\u001f]/.test(v),
  allowed: "a label value of at most 128 characters without control characters (line breaks, tabs)",
};
