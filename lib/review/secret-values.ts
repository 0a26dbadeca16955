import { createHash } from "crypto";
import { Sensitive, Value, isRecord } from "./values";

/** Secrets shorter than this are only redacted where a whole value equals them, not inside longer strings. */
const MIN_EMBEDDED = 6;

/** A redacted stand-in that still tells "same" from "changed" between two sides. */
export function redact(value: Value | undefined): Sensitive {
  if (value instanceof Sensitive) return value;
  return new Sensitive(createHash("sha256").update(JSON.stringify(value ?? null)).digest("hex"));
}

/**
 * The secret values of one input, for redacting them wherever else they turn
 * up. Terraform marks a value sensitive by path, but the same value can appear
 * unmarked elsewhere: `terraform_data.output` echoes a sensitive `input` in
 * clear, a provider copies a password into a computed attribute, a secret
 * literal is repeated in configuration. Any string that equals or contains a
 * known secret is redacted as a whole.
 */
export class SecretValues {
  private readonly secrets = new Set<string>();

  /** Remembers every string inside `value` as secret. */
  public add(value: Value | undefined): void {
    if (typeof value === "string" && value !== "") {
      this.secrets.add(value);
      // The same secret inside a JSON-encoded field (SAE envs) is escaped.
      this.secrets.add(JSON.stringify(value).slice(1, -1));
    }
    else if (Array.isArray(value)) value.forEach((v) => this.add(v));
    else if (isRecord(value)) Object.values(value).forEach((v) => this.add(v));
    else if (typeof value === "number") this.secrets.add(String(value));
  }

  /** `value` with every string that holds a known secret redacted. */
  public redact(value: Value): Value {
    if (this.secrets.size === 0) return value;
    if (typeof value === "string") return this.holdsSecret(value) ? redact(value) : value;
    if (Array.isArray(value)) return value.map((v) => this.redact(v));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redact(v)]));
    return value;
  }

  private holdsSecret(text: string): boolean {
    for (const secret of this.secrets) {
      if (text === secret || (secret.length >= MIN_EMBEDDED && text.includes(secret))) return true;
    }
    return false;
  }
}
