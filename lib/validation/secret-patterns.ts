/**
 * The heuristic that tells a secret from plain configuration. It is
 * deliberately simple and documented (docs/policies.md), so a team can predict
 * it: a false positive costs one `Secret.fromVariable`, a false negative a leak.
 */

/** Name parts that mark a variable as holding a secret by themselves. */
const SECRET_WORDS = new Set([
  "PASSWORD", "PASSWD", "PWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
  "CREDENTIAL", "CREDENTIALS", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY",
]);

/** Pairs of name parts that mark a secret only together (a KEY alone is often a cache key). */
const SECRET_PAIRS = new Set(["API_KEY", "ACCESS_KEY", "PRIVATE_KEY", "SECRET_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "MASTER_KEY"]);

/**
 * Last name parts that describe a secret rather than hold one: `DB_PASSWORD_FILE`
 * is a path, `TOKEN_TTL` a number, `ACCESS_KEY_ID` an identifier.
 */
const ABOUT_A_SECRET = new Set(["FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "TTL", "LENGTH", "EXPIRY", "HEADER", "NAME", "ID", "USER", "ENABLED"]);

/** Whether an environment variable or Terraform variable name says it holds a secret. */
export function looksLikeSecretName(name: string): boolean {
  const parts = name.toUpperCase().split(/[^A-Z0-9]+/).filter((p) => p.length > 0);
  if (parts.length === 0 || ABOUT_A_SECRET.has(parts[parts.length - 1])) return false;
  // A bare PWD is the shell's working directory; DB_PWD is a password.
  if (parts.length === 1 && parts[0] === "PWD") return false;
  return parts.some((part, i) => SECRET_WORDS.has(part) || (i > 0 && SECRET_PAIRS.has(`${parts[i - 1]}_${part}`)));
}

/** Shapes of well-known credentials (listed in docs/policies.md). */
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, // PEM private key
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with a password: scheme://user:password@host
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
