/**
 * docs/backing-services.md as a user reads it: its TypeScript samples
 * type-check against the library, and what it says does not compile does
 * not: a missing or unknown stage, a password in `env`, a Redis user, a
 * literal password, a key the shared configuration does not have.
 */
import * as fs from "fs";
import * as path from "path";
import { sampleDirectory, typeProblems, typeProblemsByFile, writeDocSamples } from "./support/doc-samples";

const ROOT = path.resolve(__dirname, "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/backing-services.md"), "utf8");

/** A module that declares the example's stores and a catalog, then `body`. */
const moduleWith = (body: string) => `import { EnvValue, Image, MysqlStore, RedisStore, Secret, Service, ServiceCatalog } from "cdktf-service-platform";
const catalog = new ServiceCatalog<"app">();
const db = new MysqlStore(catalog, "orders-db", { version: "8.0", user: "orders" });
const cache = new RedisStore(catalog, "cache", { version: "7.0" });
const shared = catalog.share({ LOG_LEVEL: EnvValue.literal("info") });
void [Image, Secret, Service, db, cache, shared];
${body}
`;

const REFUSED: Record<string, string> = {
  "a stage missing from perStage": 'export const v = catalog.perStage({ test: "debug", prerelease: "info" });',
  "a stage the catalog does not have": 'export const v = catalog.perStage({ test: "a", prerelease: "b", production: "c", staging: "d" });',
  "a password in env": 'new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), env: { DB_PASSWORD: db.connection.password } });',
  "a Redis user": "export const user = cache.connection.user;",
  "a literal password": 'export const other = new MysqlStore(catalog, "other", { version: "8.0", user: "o", password: "hunter2" });',
  "a key the shared configuration does not have": 'export const q = shared.get("QUEUE_HOST");',
};

describe("docs/backing-services.md", () => {
  const dir = () => sampleDirectory("backing-services-doc-");

  test("every TypeScript sample type-checks against the library", () => {
    const where = dir();
    try {
      const files = writeDocSamples(DOC, where);
      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(typeProblems(files)).toEqual([]);
    } finally {
      fs.rmSync(where, { recursive: true, force: true });
    }
  }, 120_000);

  test("what it says is checked at compile time does not compile, and the same module without it does", () => {
    const where = dir();
    try {
      const lib = path.relative(where, path.join(ROOT, "lib")).split(path.sep).join("/");
      const write = (name: string, text: string) => {
        const file = path.join(where, `${name}.ts`);
        fs.writeFileSync(file, text.replace(/from "cdktf-service-platform"/g, `from "${lib}"`));
        return file;
      };
      const control = write("control", moduleWith("export {};"));
      const refused = Object.entries(REFUSED).map(([name, body], i) => ({ name, file: write(`refused-${i}`, moduleWith(body)) }));
      // One program for all: each module is independent, so its errors are its own.
      const problems = typeProblemsByFile([control, ...refused.map((r) => r.file)]);
      expect(problems.get(control)).toEqual([]);
      expect(problems.get("") ?? []).toEqual([]);
      for (const { name, file } of refused) {
        expect({ name, compiles: problems.get(file)!.length === 0 }).toEqual({ name, compiles: false });
      }
    } finally {
      fs.rmSync(where, { recursive: true, force: true });
    }
  }, 180_000);
});
