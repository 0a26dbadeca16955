/** The documented heuristic (docs/policies.md) that tells a secret from configuration. */
import { looksLikeCredential, looksLikeSecretName } from "../../lib/validation/secret-patterns";

describe("names that hold a secret", () => {
  test.each([
    "PASSWORD", "DB_PASSWORD", "db_password", "SMTP_PASS", "DB_PWD", "PASSWD", "JWT_SECRET", "CLIENT_SECRET", "GITHUB_TOKEN",
    "API_KEY", "STRIPE_API_KEY", "APIKEY", "PRIVATE_KEY", "TLS_PRIVATE_KEY", "AWS_SECRET_KEY", "ACCESS_KEY", "SIGNING_KEY",
    "CREDENTIALS", "GPG_PASSPHRASE", "orders_db_password",
    // Without separators, short words as whole parts, keys of sessions.
    "DBPASSWORD", "ADMINPASSWD", "GITHUBTOKEN", "CLIENTSECRET", "GOOGLE_CREDENTIALS", "ADMIN_PW", "SMTP_PASS", "SESSION_KEY",
    "session_key", "AES_KEY", "KEY", "MYSQL_ROOT_PASSWORD", "STRIPEAPIKEY",
  ])("%s", (name) => expect(looksLikeSecretName(name)).toBe(true));
});

describe("names that describe a secret, or are no secret", () => {
  test.each([
    "PWD", "DB_PASSWORD_FILE", "TOKEN_TTL", "ACCESS_KEY_ID", "SECRET_NAME", "PASSWORD_LENGTH", "AUTH_URL", "CACHE_KEY",
    "KEY_PREFIX", "BYPASS_CACHE", "LOG_LEVEL", "DB_HOST", "DB_USER", "TOKENIZER_MODEL",
    "KEYBOARD_LAYOUT", "MONKEY", "MONKEY_COUNT", "SECRETARY_EMAIL", "PASSPORT_COUNTRY", "COMPASS_HEADING", "SORT_KEY",
    "PARTITION_KEY", "KEY_SIZE", "TOKEN_TYPE",
  ])("%s", (name) => expect(looksLikeSecretName(name)).toBe(false));
});

describe("values shaped like credentials", () => {
  test.each([
    ["a PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow..."],
    ["a URL with a password", "amqp://shop:pa55word@mq.internal:5672/"],
    ["a JDBC URL with a password", "jdbc:mysql://app:s3cret@db:3306/shop"],
    ["a bare jdbc:// URL with a password", "jdbc://u:p@host"],
    ["a URL with a password inside a sentence", "connect to redis://:x@cache:6379 first".replace(":x@", "u:x@")],
    ["a password in a query", "https://x.example.com/?password=hunter2"],
    ["a token in a query", "https://api.example.com/hook?a=1&access_token=abc"],
    ["a password in a connection string", "Server=db;Database=shop;Password=p4ss"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["an Alibaba Cloud AccessKey id", "LTAI5tQ9xExampleKey12"],
    ["a GitHub token", `ghp_${"a1B2".repeat(9)}`],
    ["a GitLab token", "glpat-xxxxxxxxxxxxxxxxxxxx"],
    ["a Slack token", "xoxb-123456789012-abcdef"],
    ["a Stripe secret key", "sk_live_0123456789abcdefABCD"],
    ["a JSON Web Token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl"],
    ["a random string", "q8Vf2LmZ0xT7bN4rW1yK6pC9sD3gH5jA"],
  ])("%s", (_what, value) => expect(looksLikeCredential(value)).toBe(true));
});

describe("values that are configuration", () => {
  test.each([
    "info", "http://orders-api:8085", "https://shop.example.com/path?q=1", "4f2a9c0d1e7b3a5f6c8d9e0f1a2b3c4d5e6f7a8b",
    "6f1c8a9e-2b3d-4c5e-9f0a-1b2c3d4e5f6a", "/run/secrets/db_password", "a sentence with Several Words and 3 numbers in it",
    "SHORTMixed123", "postgres://orders@db:5432/orders", "http://orders-api:8085/healthz?probe=1", "https://shop.example.com/?keyword=x",
  ])("%s", (value) => expect(looksLikeCredential(value)).toBe(false));
});
