/**
 * Hostile compose files of the second round (issue #20): names the file would
 * make private that the platform resolves itself, keys that are JavaScript's
 * own, sizes that are no number, and a file far larger than any template.
 * Each row either imports with the named findings or is refused with the
 * problem and its line; nothing is dropped without a word.
 */
import { ComposeError, importCompose } from "../../lib";
import { MAX_COMPOSE_BYTES } from "../../lib/compose/read-compose";
import { renderModule } from "../../lib/compose/typescript";
import { readCompose } from "../../lib/compose/read-compose";

/** A version 2 file: a `db` service, then `app` with `lines` under it. */
const file = (...lines: string[]) =>
  ["version: '2'", "services:", "  db:", "    image: team/db:1.0.0", "    expose: ['3306']", "  app:", "    image: team/app:1.0.0",
    ...lines.map((l) => `    ${l}`), ""].join("\n");

interface ImportRow {
  readonly name: string;
  readonly text: string;
  /** The findings expected: kind, key, line and a piece of the message. */
  readonly findings?: readonly [string, string, number, string][];
  /** Problems expected instead: line and a piece of the message. */
  readonly problems?: readonly [number, string][];
  /** Aliases `db` ends up with. */
  readonly aliases?: readonly string[];
}

const rows: ImportRow[] = [
  { name: "a link alias that is OSS's internal endpoint", text: file("links: ['db:oss-cn-hangzhou-internal.aliyuncs.com']"),
    findings: [["unmapped", "links", 8, "oss-cn-hangzhou-internal.aliyuncs.com not kept as a name of db: oss-cn-hangzhou-internal.aliyuncs.com lies under aliyuncs.com"]],
    aliases: [] },
  { name: "a link alias under alibabacloud.com", text: file("links: ['db:api.alibabacloud.com']"),
    findings: [["unmapped", "links", 8, "lies under alibabacloud.com"]], aliases: [] },
  { name: "a link alias above the cloud's domains", text: file("links: ['db:com']"),
    findings: [["unmapped", "links", 8, "com lies above aliyuncs.com"]], aliases: [] },
  { name: "a network alias that is the region's registry",
    text: ["version: '2'", "services:", "  db:", "    image: team/db:1.0.0", "    networks:", "      default:",
      "        aliases: [registry-vpc.cn-hangzhou.aliyuncs.com]", ""].join("\n"),
    findings: [["unmapped", "networks", 3, "registry-vpc.cn-hangzhou.aliyuncs.com not kept as a name of db"]], aliases: [] },
  { name: "a link alias under a domain of the team's own: kept, with what the environments must declare",
    text: file("links: ['db:mysql.corp.example']"),
    findings: [["requirement", "links", 8, "privateDomains"]], aliases: ["mysql.corp.example"] },
  { name: "a link alias under .local: kept (harmless)", text: file("links: ['db:mysql.local']"), findings: [], aliases: ["mysql.local"] },
  { name: "an environment variable named __proto__ (list)", text: file("environment: ['__proto__=x']"),
    problems: [[8, "not __proto__"]] },
  { name: "an environment variable named __proto__ (mapping)", text: file("environment:", "  __proto__: x"),
    problems: [[9, "the key __proto__"]] },
  { name: "a label named __proto__", text: file("labels:", "  __proto__: x"), problems: [[9, "the key __proto__"]] },
  { name: "a service named __proto__",
    text: ["version: '2'", "services:", "  __proto__:", "    image: team/x:1.0.0", ""].join("\n"), problems: [[3, "the key __proto__"]] },
  { name: "a top-level key named constructor: a finding of its own, not a function's text",
    text: ["version: '2'", "services:", "  app:", "    image: team/app:1.0.0", "constructor: {}", ""].join("\n"),
    findings: [["unmapped", "constructor", 5, "the service model has no counterpart for this key"]] },
  { name: "a service key named toString", text: file("toString: yes"),
    findings: [["unmapped", "toString", 8, "the service model has no counterpart for this key"]] },
  { name: "a CPU limit of 400 digits", text: file(`cpus: ${"9".repeat(400)}`), problems: [[8, "a number of cores up to 128"]] },
  { name: "a memory limit of 400 digits", text: file(`mem_limit: ${"9".repeat(400)}`), problems: [[8, "a size up to 1024g"]] },
  { name: "CPU shares of 400 digits", text: file(`cpu_shares: ${"9".repeat(400)}`), problems: [[8, "a whole number of shares from 2 to"]] },
  { name: "a parallelism of 400 digits, read as 1 as the container service did",
    text: file("labels:", "  aliyun.rolling_updates: 'true'", `  aliyun.rolling_updates.parallelism: '${"9".repeat(400)}'`),
    findings: [["approximated", "labels.aliyun.rolling_updates.parallelism", 10, "read as 1"]] },
];

describe("hostile compose files", () => {
  test.each(rows)("$name", (row) => {
    if (row.problems) {
      let error: unknown;
      try {
        importCompose(row.text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ComposeError);
      const problems = (error as ComposeError).problems;
      expect(problems.map((p) => p.line)).toEqual(row.problems.map(([line]) => line));
      row.problems.forEach(([, message], i) => expect(problems[i].message).toContain(message));
      return;
    }
    const { catalog, findings } = importCompose(row.text);
    const found = findings.filter((f) => f.kind !== "approximated" || f.key !== "labels.aliyun.rolling_updates");
    expect(found.map((f) => [f.kind, f.key, f.line])).toEqual((row.findings ?? []).map(([kind, key, line]) => [kind, key, line]));
    (row.findings ?? []).forEach(([, , , message], i) => expect(found[i].message).toContain(message));
    if (row.aliases) expect(catalog.find("db")!.aliases).toEqual(row.aliases);
  });

  test("the table holds the compose classes", () => expect(rows.length).toBeGreaterThanOrEqual(15));

  test("env and label keys that are JavaScript's own are carried into the catalog and the generated code", () => {
    const text = file("environment:", "  toString: a", "  constructor: b", "labels:", "  constructor: team-a");
    const { catalog } = importCompose(text);
    const app = catalog.find("app")!;
    expect(Object.keys(app.env)).toEqual(["toString", "constructor"]);
    expect(app.labels).toEqual({ constructor: "team-a" });
    const read = readCompose(text, "docker-compose.yml");
    const module = renderModule({ services: read.services, requirements: read.requirements });
    expect(module).toContain('toString: EnvValue.fromVariable("app_tostring")');
    expect(module).toContain('constructor: EnvValue.fromVariable("app_constructor")');
    expect(module).toContain('labels: { constructor: "team-a" }');
  });

  test(`a file over ${MAX_COMPOSE_BYTES / 1024 / 1024} MiB is refused before it is parsed, naming the limit`, () => {
    const big = file("environment:") + Array.from({ length: 200_000 }, (_, i) => `      VAR_${i}: value-${i}\n`).join("");
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_COMPOSE_BYTES);
    const started = Date.now();
    expect(() => importCompose(big)).toThrow(/the file is \d+\.\d MiB; compose-import reads files of at most 4\.0 MiB/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a chain of dependencies thousands long is read without overflowing the stack", () => {
    const n = 10_000;
    const lines = ["version: '2'", "services:"];
    for (let i = 0; i < n; i++) lines.push(`  s${i}:`, `    image: team/s${i}:1.0.0`, ...(i > 0 ? [`    depends_on: [s${i - 1}]`] : []));
    const read = readCompose(`${lines.join("\n")}\n`, "chain.yml");
    expect(read.services).toHaveLength(n);
    const module = renderModule({ services: read.services, requirements: read.requirements });
    expect(module.indexOf(`new Service(catalog, "s${n - 1}"`)).toBeGreaterThan(module.indexOf('new Service(catalog, "s0"'));
  });
});
