/** The compose keys besides labels, and the file's versions, as importCompose maps them. */
import { ComposeFinding, Cpu, EnvValue, Secret, Size, importCompose } from "../../lib";
import { v1 } from "./support";

const kinds = (findings: readonly ComposeFinding[]) => findings.map((f) => [f.kind, f.key, f.line]);
const one = (extra: string[], image?: string) => importCompose(v1([], extra, image));

describe("versions", () => {
  test("version 1: every top-level key is a service", () => {
    const { catalog } = importCompose(["web:", "  image: team/web:1.0.0", "api:", "  image: team/api:1.0.0", ""].join("\n"));
    expect(catalog.services.map((s) => s.name)).toEqual(["web", "api"]);
  });

  test.each(["'2'", "'2.1'", "'3'", "'3.8'"])("version %s: services under services:, other top-level keys are findings", (version) => {
    const text = [`version: ${version}`, "services:", "  web:", "    image: team/web:1.0.0", "networks:", "  front: {}", "x-common: {}", ""].join("\n");
    const { catalog, findings } = importCompose(text);
    expect(catalog.services.map((s) => s.name)).toEqual(["web"]);
    expect(kinds(findings)).toEqual([["unmapped", "networks", 5], ["unmapped", "x-common", 7]]);
  });

  test("a service name with '_' or capitals becomes a DNS label, and links by the written name still resolve", () => {
    const text = ["Aixue_DB:", "  image: team/db:1.0.0", "  expose: ['3306']", "app:", "  image: team/app:1.0.0", "  links: [Aixue_DB]", ""].join("\n");
    const { catalog, findings } = importCompose(text);
    expect(catalog.services.map((s) => s.name)).toEqual(["aixue-db", "app"]);
    expect(catalog.find("app")!.dependsOn.map((s) => s.name)).toEqual(["aixue-db"]);
    expect(kinds(findings)).toEqual([["approximated", "Aixue_DB", 1], ["approximated", "links", 6]]);
    expect(findings[1].message).toContain("callers reach the service as aixue-db");
  });
});

describe("image", () => {
  test("an ACR Personal Edition image: the path is the repository, the tag the release version, the region a requirement", () => {
    const imported = one([], "registry-vpc.cn-shanghai.aliyuncs.com/aixue/app:v2.0.1");
    expect(imported.catalog.find("app")!.image.repository).toBe("aixue/app");
    expect(imported.release.versionOf("app")).toBe("v2.0.1");
    expect(imported.requirements.personalRegistryRegions).toEqual(["cn-shanghai"]);
    expect(imported.findings).toEqual([]);
  });

  test("a digest is the version", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    expect(one([], `registry.cn-hangzhou.aliyuncs.com/aixue/app:v1.0.0@${digest}`).release.versionOf("app")).toBe(digest);
  });

  test("no tag runs latest, with a finding", () => {
    const { release, findings } = one([], "registry.cn-hangzhou.aliyuncs.com/aixue/app");
    expect(release.versionOf("app")).toBe("latest");
    expect(kinds(findings)).toEqual([["approximated", "image", 2]]);
  });

  test("a Docker Hub image is library/<name>, another registry host is not kept: findings", () => {
    expect(one([], "redis:6.2.6").catalog.find("app")!.image.repository).toBe("library/redis");
    const other = one([], "harbor.example.com:8443/team/app:1.0.0");
    expect(other.catalog.find("app")!.image.repository).toBe("team/app");
    expect(other.findings[0].message).toContain("registry host harbor.example.com:8443 not kept");
  });
});

describe("environment", () => {
  test("values become per-environment variables; names or values that look secret become secrets; no value enters the catalog", () => {
    const imported = one(["environment:", "  - DBHOST=rm-x.mysql.rds.aliyuncs.com", "  - PASSWD=hunter2-long",
      "  - DB_URL=mysql://u:pw@db:3306/x", "  - EMPTY="]);
    const app = imported.catalog.find("app")!;
    expect(app.env).toEqual({
      DBHOST: EnvValue.fromVariable("app_dbhost"), EMPTY: EnvValue.fromVariable("app_empty"),
    });
    expect(app.secrets).toEqual({ PASSWD: Secret.fromVariable("app_passwd"), DB_URL: Secret.fromVariable("app_db_url") });
    expect(imported.variables).toEqual([
      { name: "app_dbhost", secret: false, value: "rm-x.mysql.rds.aliyuncs.com" },
      { name: "app_passwd", secret: true, value: undefined },
      { name: "app_db_url", secret: true, value: undefined },
      { name: "app_empty", secret: false, value: "" },
    ]);
    expect(kinds(imported.findings)).toEqual([["secret", "environment.PASSWD", 5], ["secret", "environment.DB_URL", 6]]);
    expect(JSON.stringify(imported.findings)).not.toMatch(/hunter2|u:pw/);
  });

  test("the mapping form; an entry without a value is a variable without one, and a finding", () => {
    const imported = one(["environment:", "  LOG_LEVEL: info", "  WORKERS: 4", "  FROM_SHELL:"]);
    expect(imported.variables).toEqual([
      { name: "app_log_level", secret: false, value: "info" },
      { name: "app_workers", secret: false, value: "4" },
      { name: "app_from_shell", secret: false, value: undefined },
    ]);
    expect(kinds(imported.findings)).toEqual([["approximated", "environment.FROM_SHELL", 6]]);
  });

  test("availability:az==N and ==~N are zone requirements, not variables; other constraints are findings", () => {
    const imported = one(["environment:", "  - 'availability:az==~2'", "  - availability:az==3", "  - affinity:service!=db",
      "  - constraint:node==node-1", "  - reschedule:on-node-failure", "  - A=1"]);
    expect(Object.keys(imported.catalog.find("app")!.env)).toEqual(["A"]);
    expect(imported.requirements.minZones).toBe(3);
    expect(kinds(imported.findings)).toEqual([
      ["requirement", "environment.availability", 4], ["requirement", "environment.availability", 5],
      ["unmapped", "environment.affinity", 6], ["unmapped", "environment.constraint", 7], ["unmapped", "environment.reschedule", 8],
    ]);
  });

  test("a long variable name is cut to Terraform's 64 characters with a hash, and stays unique", () => {
    const name = "A_VERY_LONG_ENVIRONMENT_VARIABLE_NAME_THAT_GOES_ON_AND_ON_AND_ON";
    const imported = one(["environment:", `  - ${name}=1`, `  - ${name}_TOO=2`]);
    const names = imported.variables.map((v) => v.name);
    expect(names.every((n) => n.length <= 64 && /^[a-z_][a-z0-9_]*$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(2);
  });
});

describe("links, external_links and depends_on", () => {
  const file = (appKeys: string[]) => [
    "db:", "  image: team/db:5.7.0", "  expose: ['3306']",
    "search:", "  image: team/search:1.0.0", "  labels:", "    aliyun.routing.port_80: search.local",
    "app:", "  image: team/app:1.0.0", ...appKeys.map((k) => `  ${k}`), "",
  ].join("\n");

  test("links: the service and the name the caller used become a dependency and an alias", () => {
    const { catalog } = importCompose(file(["links:", "  - db:mysql", "  - search"]));
    expect(catalog.find("app")!.dependsOn.map((s) => s.name)).toEqual(["db", "search"]);
    expect(catalog.find("db")!.aliases).toEqual(["mysql"]);
    expect(catalog.find("search")!.aliases).toEqual(["search"]);
  });

  test("external_links may name a route domain of the file; a name from elsewhere is a finding", () => {
    const { catalog, findings } = importCompose(file(["external_links:", "  - search.local", "  - other-app.local:other"]));
    expect(catalog.find("app")!.dependsOn.map((s) => s.name)).toEqual(["search"]);
    expect(catalog.find("search")!.aliases).toEqual([]);
    expect(kinds(findings)).toEqual([["external", "external_links", 12]]);
  });

  test("depends_on as a list or a mapping", () => {
    expect(importCompose(file(["depends_on: [db]"])).catalog.find("app")!.dependsOn.map((s) => s.name)).toEqual(["db"]);
    expect(importCompose(file(["depends_on:", "  db:", "    condition: service_started"])).catalog.find("app")!.dependsOn.map((s) => s.name))
      .toEqual(["db"]);
  });

  test("networks.<network>.aliases are aliases", () => {
    const { catalog } = one(["networks:", "  default:", "    aliases: [app.internal, app-alias]"]);
    expect(catalog.find("app")!.aliases).toEqual(["app.internal", "app-alias"]);
  });
});

describe("restart, resources and ports", () => {
  test("restart always or unless-stopped is what every platform does; anything else is a finding", () => {
    expect(one(["restart: always"]).findings).toEqual([]);
    expect(kinds(one(["restart: on-failure"]).findings)).toEqual([["approximated", "restart", 3]]);
    expect(kinds(one(["restart: no"]).findings)).toEqual([["approximated", "restart", 3]]);
  });

  test("mem_limit and cpus are the resources", () => {
    expect(one(["mem_limit: 2g", "cpus: 1"]).catalog.find("app")!.resources).toEqual({ cpu: Cpu.cores(1), memory: Size.gibibytes(2) });
    expect(one(["mem_limit: 536870912", "cpus: '0.5'"]).catalog.find("app")!.resources).toEqual({ cpu: Cpu.cores(0.5), memory: Size.mebibytes(512) });
  });

  test("memory alone gets a core per 2 GiB, CPU alone 2 GiB per core, with findings; cpu_shares is read as half cores", () => {
    const memory = one(["mem_limit: 4096m"]);
    expect(memory.catalog.find("app")!.resources).toEqual({ cpu: Cpu.cores(2), memory: Size.gibibytes(4) });
    const shares = one(["cpu_shares: 1024"]);
    expect(shares.catalog.find("app")!.resources).toEqual({ cpu: Cpu.cores(1), memory: Size.gibibytes(2) });
    expect(kinds(memory.findings)).toEqual([["approximated", "mem_limit", 3]]);
    expect(kinds(shares.findings)).toEqual([["approximated", "cpu_shares", 3], ["approximated", "cpu_shares", 3]]);
  });

  test("mem_limit 0 meant no limit: the default, with a finding; deploy.resources.limits count too", () => {
    expect(one(["mem_limit: 0"]).catalog.find("app")!.resources).toEqual({ cpu: Cpu.millicores(500), memory: Size.gibibytes(1) });
    const deploy = one(["deploy:", "  replicas: 3", "  resources:", "    limits: { cpus: '2', memory: 4G }", "    reservations: { cpus: '1' }"]);
    expect(deploy.catalog.find("app")!.replicas).toBe(3);
    expect(deploy.catalog.find("app")!.resources).toEqual({ cpu: Cpu.cores(2), memory: Size.gibibytes(4) });
    expect(kinds(deploy.findings)).toEqual([["approximated", "labels.aliyun.rolling_updates", 1], ["unmapped", "deploy.resources.reservations", 7]]);
  });

  test("ports keep the container port: host ports, ranges and UDP are findings", () => {
    const { catalog, findings } = one(["ports:", "  - '80:8080'", "  - '127.0.0.1:9000:9000/tcp'", "  - 5000-5010",
      "  - 53/udp", "  - target: 7000", "    published: 7000", "expose:", "  - 8080", "  - '9100'"]);
    expect(catalog.find("app")!.ports.map((p) => [p.port, p.protocol])).toEqual([[8080, "tcp"], [9000, "tcp"], [7000, "tcp"], [9100, "tcp"]]);
    expect(kinds(findings)).toEqual([
      ["approximated", "ports", 4], ["approximated", "ports", 5], ["unmapped", "ports", 6], ["unmapped", "ports", 7],
      ["approximated", "ports", 8],
    ]);
  });

  test("keys without a counterpart are findings with their line", () => {
    const { findings } = one(["volumes: ['/data:/data']", "privileged: true", "command: ['run']", "hostname: app-1", "env_file: .env"]);
    expect(kinds(findings)).toEqual([
      ["unmapped", "volumes", 3], ["unmapped", "privileged", 4], ["unmapped", "command", 5], ["unmapped", "hostname", 6],
      ["unmapped", "env_file", 7],
    ]);
  });
});
