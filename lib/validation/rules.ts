import { Duration } from "../model/duration";
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

/** A TCP/UDP port number. */
export const PORT = integerBetween(1, 65535);

/** A DNS label (RFC 1123), which is what a service name becomes inside every environment. */
export const DNS_LABEL = matching(
  /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  "a DNS label: 1-63 lowercase letters, digits or '-', starting with a letter and not ending with '-'",
);

/** A fully qualified domain name, optionally with a leading wildcard label. */
export const DOMAIN_NAME = matching(
  /^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
  "a lowercase domain name such as shop.example.com (a leading '*.' is allowed), at most 253 characters",
);

/** A POSIX environment variable name. */
export const ENV_NAME = matching(
  /^[A-Za-z_][A-Za-z0-9_]*$/,
  "an environment variable name: letters, digits and '_', not starting with a digit",
);

/** A Terraform variable name (also safe as a TF_VAR_ suffix). */
export const VARIABLE_NAME = matching(
  /^[a-z_][a-z0-9_]{0,63}$/,
  "a Terraform variable name: 1-64 lowercase letters, digits and '_', not starting with a digit",
);

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

/** An absolute path inside a container. */
export const ABSOLUTE_PATH = matching(/^\/[^\s]*$/, "an absolute path without spaces, e.g. /healthz");
