/**
 * The heuristic that tells a secret from plain configuration. It is
 * deliberately simple and documented (docs/policies.md), so a team can predict
 * it: a false positive costs one `Secret.fromVariable`, a false negative a leak.
 */

/**
 * Words that mark a secret wherever a name part ends with them, so names
 * written without separators count too (`DBPASSWORD`, `GITHUBTOKEN`,
 * `CLIENTSECRET`). Only the end of a part counts: `TOKENIZER` and `SECRETARY`
 * name no secret.
 */
const SECRET_ENDINGS = [
  "PASSWORD", "PASSWORDS", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "CREDENTIAL", "CREDENTIALS",
  "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY", "SESSIONKEY",
];

/** Short words that mark a secret only as a whole name part: `ADMIN_PW`, `SESSION_KEY`, but not `KEYBOARD`, `MONKEY`, `BYPASS`. */
const SECRET_PARTS = new Set(["PW", "PWD", "PASS", "KEY", "KEYS"]);

/** Parts before `KEY` that make it the key of a record, not a secret: `CACHE_KEY`, `SORT_KEY`. */
const LOOKUP_KEYS = new Set([
  "CACHE", "SORT", "PARTITION", "ROUTING", "PRIMARY", "FOREIGN", "IDEMPOTENCY", "SHARD", "LOOKUP", "DEDUP", "OBJECT", "MAP",
]);

/**
 * Last name parts that describe a secret rather than hold one: `DB_PASSWORD_FILE`
 * is a path, `TOKEN_TTL` a number, `ACCESS_KEY_ID` an identifier.
 */
const ABOUT_A_SECRET = new Set([
  "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "TTL", "LENGTH", "EXPIRY", "HEADER", "NAME", "ID", "USER", "ENABLED",
  "PREFIX", "SUFFIX", "SIZE", "TYPE", "ALGORITHM", "FORMAT",
]);

/** Whether an environment variable or Terraform variable name says it holds a secret. */
export function looksLikeSecretName(name: string): boolean {
  const parts = name.toUpperCase().split(/[^A-Z0-9]+/).filter((p) => p.length > 0);
  if (parts.length === 0 || ABOUT_A_SECRET.has(parts[parts.length - 1])) return false;
  // A bare PWD is the shell's working directory; DB_PWD is a password.
  if (parts.length === 1 && parts[0] === "PWD") return false;
  return parts.some((part, i) =>
    SECRET_ENDINGS.some((word) => part.endsWith(word)) ||
    (SECRET_PARTS.has(part) && !(part.startsWith("KEY") && i > 0 && LOOKUP_KEYS.has(parts[i - 1]))));
}

/** Query or connection-string parameters that carry a credential (`?password=…`, `;pwd=…`, `&access_token=…`). */
const CREDENTIAL_PARAMETER = new RegExp(
  "[?&;](password|passwd|pwd|pw|pass|secret|token|access_token|auth_token|api_key|apikey|key|credential|credentials|sig|signature)=[^&;#\\s]+",
  "i",
);

/** Shapes of well-known credentials (listed in docs/policies.md). */
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, // PEM private key
  /\b[a-z][a-z0-9+.:-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with a password: scheme://user:password@host, jdbc:mysql://u:p@host
  CREDENTIAL_PARAMETER, // a password or token in a URL query or connection string
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\bLTAI[0-9A-Za-z]{12,30}\b/, // Alibaba Cloud AccessKey id
  /\b(gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{30,})\b/, // GitHub token
  /\bglpat-[0-9A-Za-z_-]{20,}\b/, // GitLab token
  /\bxox[abprs]-[0-9A-Za-z-]{10,}\b/, // Slack token
  /\b[sr]k_live_[0-9A-Za-z]{16,}\b/, // Stripe secret key
  /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]+/, // JSON Web Token
  // 32+ base64/hex characters mixing upper case, lower case and digits: a generated key.
  /^(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])(?=\D*\d)[A-Za-z0-9+/=_-]{32,}$/,
];

/** Whether a literal value has the shape of a credential. */
export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_SHAPES.some((shape) => shape.test(value));
}

/** Stands in for a value in a report when the value may be a secret; prints without the value. */
export class Redacted {
  constructor(
    /** Why the value is hidden. */
    private readonly reason: string,
  ) {}

  public toString(): string {
    return `(${this.reason}; value redacted)`;
  }
}

/** A literal `value` of variable `name` as a report may show it: redacted when it may be a secret. */
export function reportableLiteral(name: string, value: string): string | Redacted {
  if (looksLikeSecretName(name)) return new Redacted("literal with a secret's name");
  if (looksLikeCredential(value)) return new Redacted("literal shaped like a credential");
  return value;
}
