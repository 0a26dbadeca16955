import { createHash } from "crypto";
import { looksLikeCredential, looksLikeSecretName } from "../validation/secret-patterns";
import { decodeJson } from "./attribute-diff";
import { SENSITIVE_TEXT, Sensitive, Value, isRecord } from "./values";

/** Secrets shorter than this are only redacted where a whole value equals them, not inside longer strings. */
const MIN_EMBEDDED = 6;

/** Fields that name the value next to them in a list of blocks: `{ name: "DB_PASSWORD", value: "…" }`, Docker labels. */
const NAME_FIELDS = ["name", "key", "label"];

/**
 * Values under a secret's name that are switches, not secrets:
 * `MARIADB_RANDOM_ROOT_PASSWORD=1`, `ALLOW_EMPTY_PASSWORD=yes`.
 */
const SWITCH = /^(?:0|1|true|false|yes|no|on|off)$/i;

/** A Docker-style `KEY=VALUE` entry. */
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_.-]*)=([^]*)$/;

/** A string that only refers to something (`${var.db_password}`, `${jsonencode(var.x)}`): it names a secret, it is not one. */
function isReference(text: string): boolean {
  return /^\$\{[^]*\}$/.test(text.trim());
}

/** A redacted stand-in that still tells "same" from "changed" between two sides. */
export function redact(value: Value | undefined, options: { prefix?: string; literal?: boolean } = {}): Sensitive {
  if (value instanceof Sensitive) return value;
  return new Sensitive(createHash("sha256").update(JSON.stringify(value ?? null)).digest("hex"), options);
}

/**
 * The secret values of a review's inputs, for redacting them wherever they
 * turn up. Terraform marks a value sensitive by path, but the same value can
 * appear unmarked elsewhere: `terraform_data.output` echoes a sensitive
 * `input` in clear, a provider copies a password into a computed attribute, a
 * secret literal is repeated in configuration or in the other side of the
 * review. Any string that equals or contains a known secret is redacted as a
 * whole; text (warnings, error lines) has each occurrence replaced.
 */
export class SecretValues {
  private readonly secrets = new Set<string>();
  /** Secrets written as plain values (in the code), as opposed to values Terraform marks sensitive. */
  private readonly literals = new Set<string>();

  /** How many distinct secret strings are known. */
  public get size(): number {
    return this.secrets.size;
  }

  /** Remembers every string inside `value` as secret; `literal` when it was written as a plain value. */
  public add(value: Value | undefined, literal = false): void {
    if (typeof value === "string" && value !== "") {
      this.remember(value, literal);
      // The same secret inside a JSON-encoded field (SAE envs) is escaped.
      this.remember(JSON.stringify(value).slice(1, -1), literal);
    } else if (Array.isArray(value)) value.forEach((v) => this.add(v, literal));
    else if (isRecord(value)) Object.values(value).forEach((v) => this.add(v, literal));
    else if (typeof value === "number") this.remember(String(value), literal);
  }

  /** Every secret of `other` too. */
  public merge(other: SecretValues): void {
    for (const secret of other.secrets) this.remember(secret, other.literals.has(secret));
  }

  /** Whether every secret of `other` is known here. */
  public covers(other: SecretValues): boolean {
    return [...other.secrets].every((s) => this.secrets.has(s));
  }

  private remember(secret: string, literal: boolean): void {
    this.secrets.add(secret);
    if (literal) this.literals.add(secret);
  }

  /**
   * Finds the secrets written in `value` as plain values — a literal under a
   * secret's name (`password`, `DB_PASSWORD=…`, `{ name: "API_TOKEN", value: … }`)
   * or shaped like a credential (docs/policies.md) — and remembers them.
   */
  public collectLiterals(value: Value | undefined): void {
    visitLiterals(value, (secret) => this.add(secret, true));
  }

  /**
   * `value` with every secret redacted: literals under a secret's name or
   * shaped like a credential where they stand (a JSON-encoded string holding
   * one is kept decoded, the secret redacted inside), and every string that
   * holds a known secret as a whole.
   */
  public redact(value: Value): Value {
    return redactValue(value, this);
  }

  /** `text` with every known secret, and everything shaped like a credential, replaced by the marker. */
  public redactText(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (secret.length >= MIN_EMBEDDED || out === secret) out = out.split(secret).join(SENSITIVE_TEXT);
    }
    return redactCredentialShapes(out);
  }

  /** A redacted stand-in for a string that equals or contains a known secret, else undefined. */
  public match(text: string): Sensitive | undefined {
    for (const secret of this.secrets) {
      if (text === secret || (secret.length >= MIN_EMBEDDED && text.includes(secret))) {
        return redact(text, { literal: this.literals.has(secret) });
      }
    }
    return undefined;
  }
}

/** Calls `found` with every literal secret of `value` (see {@link SecretValues.collectLiterals}). */
function visitLiterals(value: Value | undefined, found: (secret: string) => void): void {
  if (typeof value === "string") {
    const decoded = decodeJson(value);
    if (decoded !== undefined) return visitLiterals(decoded, found);
    const entry = KEY_VALUE.exec(value);
    if (entry && isPlain(entry[2]) && (namesSecret(entry[1], entry[2]) || looksLikeCredential(entry[2]))) found(entry[2]);
    else if (!isReference(value) && looksLikeCredential(value)) found(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => visitLiterals(v, found));
  } else if (isRecord(value)) {
    const named = namedValue(value);
    for (const [key, v] of Object.entries(value)) {
      if ((isSecretField(key, v) || (named && key === "value")) && isPlainScalar(v)) found(String(v));
      else visitLiterals(v, found);
    }
  }
}

function redactValue(value: Value, secrets: SecretValues): Value {
  if (typeof value === "string") {
    const decoded = decodeJson(value);
    if (decoded !== undefined) {
      const redacted = redactValue(decoded, secrets);
      // Kept as it was unless a secret was inside: the comparison decodes it anyway.
      return holdsSensitive(redacted) ? redacted : value;
    }
    const entry = KEY_VALUE.exec(value);
    if (entry && isPlain(entry[2]) && (namesSecret(entry[1], entry[2]) || looksLikeCredential(entry[2]))) {
      return redact(value, { prefix: `${entry[1]}=`, literal: true });
    }
    if (!isReference(value) && looksLikeCredential(value)) return redact(value, { literal: true });
    const known = secrets.match(value);
    if (known && entry) return redact(value, { prefix: `${entry[1]}=`, literal: known.literal });
    return known ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (isRecord(value)) {
    const named = namedValue(value);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key,
      (isSecretField(key, v) || (named && key === "value")) && isPlainScalar(v) ? redact(v, { literal: true }) : redactValue(v, secrets)]));
  }
  if (typeof value === "number") return secrets.match(String(value)) ?? value;
  return value;
}

/** Whether a block names a secret and holds its value: `{ name: "DB_PASSWORD", value: "…" }`. */
function namedValue(block: { [key: string]: Value }): boolean {
  return "value" in block && NAME_FIELDS.some((field) => typeof block[field] === "string" && looksLikeSecretName(block[field]));
}

/** Whether `name` names a secret whose value is `value`: not a switch like `…_RANDOM_ROOT_PASSWORD=1`. */
function namesSecret(name: string, value: Value | undefined): boolean {
  return looksLikeSecretName(name) && !(typeof value === "string" && SWITCH.test(value));
}

/**
 * Whether a block's field holds a secret by its name. A name field (`key` of
 * SAE's `configMapRef`, Docker labels) names a value, it is not one.
 */
function isSecretField(key: string, value: Value | undefined): boolean {
  return !NAME_FIELDS.includes(key) && namesSecret(key, value);
}

/** A value that is written out: not empty, not a reference. */
function isPlain(text: string): boolean {
  return text !== "" && !isReference(text);
}

function isPlainScalar(value: Value | undefined): value is string | number {
  return (typeof value === "string" && isPlain(value)) || typeof value === "number";
}

function holdsSensitive(value: Value): boolean {
  if (value instanceof Sensitive) return true;
  if (Array.isArray(value)) return value.some(holdsSensitive);
  return isRecord(value) && Object.values(value).some(holdsSensitive);
}

/** Credential shapes found inside free text (error lines, warnings), each replaced by the marker. */
function redactCredentialShapes(text: string): string {
  return text.split(/(\s+)/).map((word) => {
    const bare = word.replace(/^["'`(]+|["'`),.;:]+$/g, "");
    return bare !== "" && looksLikeCredential(bare) ? word.replace(bare, SENSITIVE_TEXT) : word;
  }).join("");
}
