/**
 * A value that must not be printed: a sensitive variable's default, a value
 * under a plan's sensitive paths, a provider-sensitive attribute, a literal
 * under a secret's name or shaped like a credential. Inputs are redacted into
 * these when they are read, so nothing downstream ever holds the secret
 * itself. `tag` only tells two redacted values apart (same or changed).
 */
export class Sensitive {
  /** Shown before the marker: the `DB_PASSWORD=` of a Docker `env` entry, never any of the value. */
  public readonly prefix: string;
  /** Whether it was written as a plain value where it was found (a secret in the code), not marked sensitive by Terraform. */
  public readonly literal: boolean;

  constructor(
    /** Tells two redacted values apart (same or changed) without holding the secret. */
    public readonly tag: string,
    options: {
      /** Shown before the marker. */
      readonly prefix?: string;
      /** Written as a plain value. */
      readonly literal?: boolean;
    } = {},
  ) {
    this.prefix = options.prefix ?? "";
    this.literal = options.literal ?? false;
  }

  /** Whatever serializes this by accident prints the marker, never the tag. */
  public toJSON(): string {
    return this.toString();
  }

  /** The prefix and the marker, never the tag. */
  public toString(): string {
    return `${this.prefix}${SENSITIVE_TEXT}`;
  }
}

/** How a redacted value reads in the report. */
export const SENSITIVE_TEXT = "(sensitive)";

/** A value Terraform only knows after apply (computed, or derived from a replaced resource). */
export class Unknown {
  /** @param reason why it is unknown, e.g. "docker_image.web-image is replaced" */
  constructor(public readonly reason?: string) {}

  /** The same text as `toString`. */
  public toJSON(): string {
    return this.toString();
  }

  /** `(known after apply)`, with the reason when there is one. */
  public toString(): string {
    return this.reason ? `(known after apply: ${this.reason})` : "(known after apply)";
  }
}

/** A JSON value as Terraform shows it, with redacted and unknown leaves. */
export type Value = null | boolean | number | string | Sensitive | Unknown | Value[] | { [key: string]: Value };

/** One step of an attribute path: an object key, a list index, or a list element found by its key field. */
export type PathStep = string | number | {
  /** The key field of the list's elements, e.g. `name`. */
  readonly key: string;
  /** Its value in the element meant, e.g. `DB_HOST`. */
  readonly value: string;
};

/** Whether `value` is a plain object (not a list, not a token). */
export function isRecord(value: unknown): value is { [key: string]: Value } {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    && !(value instanceof Sensitive) && !(value instanceof Unknown);
}

/** Structural equality; sensitive values compare by tag, unknown values never equal anything. */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a instanceof Sensitive || b instanceof Sensitive) {
    return a instanceof Sensitive && b instanceof Sensitive && a.tag === b.tag;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

/** Whether `value` is absent for review purposes: undefined, null, an empty list or object. */
export function isEmpty(value: Value | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/** The value at `path` inside `value`, or undefined. */
export function valueAt(value: Value | undefined, path: readonly PathStep[]): Value | undefined {
  let current: Value | undefined = value;
  for (const step of path) {
    if (typeof step === "number") current = Array.isArray(current) ? current[step] : undefined;
    else if (typeof step === "string") current = isRecord(current) ? current[step] : undefined;
    else current = Array.isArray(current) ? current.find((e) => isRecord(e) && e[step.key] === step.value) : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * The value at `path` of object keys, stepping into nested blocks whether
 * they read as objects (a synthesized configuration) or as one-element lists
 * (a plan: `scaling_rule_metric: [{ … }]`).
 */
export function blockValueAt(value: Value | undefined, path: readonly string[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current) && current.length === 1) current = current[0];
    current = isRecord(current) ? current[step] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** A path as reviewers read it: `labels[label=org.x].value`, `ports[0].ip`. */
export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      if (typeof step === "object") return `[${step.key}=${step.value}]`;
      return i === 0 ? step : `.${step}`;
    })
    .join("");
}

/** A number from a number, a numeric string, or a Go/Docker duration ("5s", "1m30s", "500ms"), in seconds. */
export function numberOf(value: Value | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, "µs": 0.000001, ns: 1e-9 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value.trim()) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

/** A value as one line of text: strings as they are, tokens as their markers, the rest as JSON. */
export function describe(value: Value | undefined): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string" || value instanceof Sensitive || value instanceof Unknown) return String(value);
  return JSON.stringify(value);
}
