import { formsFoundIn } from "./forms";

const SECRET = 'Kn0wn"s3cret\\with/+=and ü';

describe("the secret search finds a secret however it was written", () => {
  test.each([
    ["as is", (s: string) => `password = ${s}`],
    ["JSON-escaped", (s: string) => JSON.stringify({ env: [`DB_PASSWORD=${s}`] })],
    ["JSON-escaped twice", (s: string) => JSON.stringify({ upload: JSON.stringify({ password: s }) })],
    ["URL-encoded", (s: string) => `postgres://u:${encodeURIComponent(s)}@db`],
    ["hex", (s: string) => Buffer.from(s).toString("hex")],
    ["base64, aligned", (s: string) => Buffer.from(s).toString("base64")],
    ["base64 after one byte", (s: string) => Buffer.from(`x${s}tail`).toString("base64")],
    ["base64 after two bytes", (s: string) => Buffer.from(`xy${s}`).toString("base64")],
    ["base64 inside a longer file", (s: string) => Buffer.from(`user: shop\npassword: ${s}\n`).toString("base64")],
  ])("%s", (_how, write) => {
    expect(formsFoundIn(write(SECRET), SECRET)).not.toEqual([]);
  });

  test("and finds nothing in text without it", () => {
    expect(formsFoundIn(JSON.stringify({ variable: { db_password: { sensitive: true } } }), SECRET)).toEqual([]);
  });
});
