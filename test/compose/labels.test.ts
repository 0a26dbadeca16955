/** Each family of the container service's aliyun.* labels, as importCompose maps it. */
import { ComposeFinding, Duration, Service, importCompose } from "../../lib";
import { v1 } from "./support";

const app = (text: string): { service: Service; findings: readonly ComposeFinding[] } => {
  const imported = importCompose(text);
  return { service: imported.catalog.find("app")!, findings: imported.findings };
};
const kinds = (findings: readonly ComposeFinding[]) => findings.map((f) => [f.kind, f.key, f.line]);

describe("aliyun.scale and aliyun.global", () => {
  test("scale is the number of replicas, quoted or not; without it the service ran one container", () => {
    expect(app(v1(["aliyun.scale: 3"])).service.replicas).toBe(3);
    expect(app(v1(["aliyun.scale: '4'"])).service.replicas).toBe(4);
    expect(app(v1([])).service.replicas).toBe(1);
  });

  test("global: true is a finding (no nodes to follow), global: false is nothing", () => {
    expect(kinds(app(v1(["aliyun.global: 'true'"])).findings)).toEqual([["unmapped", "labels.aliyun.global", 4]]);
    expect(app(v1(["aliyun.global: false"])).findings).toEqual([]);
  });
});

describe("aliyun.routing.port_<port>", () => {
  const route = (value: string) => app(v1([`aliyun.routing.port_8080: '${value}'`]));

  test("a domain under an internal suffix is an internal route on an HTTP port", () => {
    const { service, findings } = route("orders.local");
    expect(service.ports).toHaveLength(1);
    expect(service.ports[0]).toMatchObject({ port: 8080, protocol: "http" });
    expect(service.ports[0].route).toMatchObject({ visibility: "internal", domains: ["orders.local"], listenerPort: 80 });
    expect(findings).toEqual([]);
  });

  test("public domains, several per port and in the http:// form, are one public route", () => {
    const { service, findings } = route("http://www.example.com;shop.example.com; HTTP://Api.Example.com ");
    expect(service.ports[0].route).toMatchObject({ visibility: "public", domains: ["www.example.com", "shop.example.com", "api.example.com"] });
    expect(findings).toEqual([]);
  });

  test("a bare prefix named the old cluster's test domain: not kept, a finding", () => {
    const { service, findings } = route("orders.local;orders");
    expect(service.ports[0].route!.domains).toEqual(["orders.local"]);
    expect(findings).toEqual([expect.objectContaining({ kind: "unmapped", key: "labels.aliyun.routing.port_8080", line: 4, service: "app" })]);
    expect(findings[0].message).toContain("orders.<cluster>.<region>.alicontainer.com");
  });

  test("only a prefix: the port stays, without a route", () => {
    const { service, findings } = route("orders");
    expect(service.ports.map((p) => [p.port, p.protocol, p.route])).toEqual([[8080, "http", undefined]]);
    expect(kinds(findings)).toEqual([["unmapped", "labels.aliyun.routing.port_8080", 4]]);
  });

  test("https and a context path are kept as plain host routes, each with a finding", () => {
    const { service, findings } = route("https://secure.example.com;http://wp.example.com/context");
    expect(service.ports[0].route!.domains).toEqual(["secure.example.com", "wp.example.com"]);
    expect(findings.map((f) => [f.kind, f.message.slice(0, 30)])).toEqual([
      ["approximated", "https://secure.example.com is "],
      ["approximated", "context path of wp.example.com"],
    ]);
  });

  test("internal and public domains on one port: the internal names stay, the public ones are a finding", () => {
    const { service, findings } = route("orders.local;orders.example.com");
    expect(service.ports[0].route).toMatchObject({ visibility: "internal", domains: ["orders.local"] });
    expect(kinds(findings)).toEqual([["unmapped", "labels.aliyun.routing.port_8080", 4]]);
    expect(findings[0].message).toContain("public domains orders.example.com not routed");
  });

  test("a routed port also listed in ports is one HTTP port; each routing label is its own port", () => {
    const { service } = app(v1(["aliyun.routing.port_8080: a.local", "aliyun.routing.port_9090: b.local"], ["ports:", "  - 8080"]));
    expect(service.ports.map((p) => [p.port, p.protocol, p.route?.domains])).toEqual([[8080, "http", ["a.local"]], [9090, "http", ["b.local"]]]);
  });

  test("routing.session_sticky is a finding", () => {
    expect(kinds(app(v1(["aliyun.routing.port_80: a.local", "aliyun.routing.session_sticky: 'true'"])).findings))
      .toEqual([["unmapped", "labels.aliyun.routing.session_sticky", 5]]);
  });
});

describe("aliyun.probe.*", () => {
  test("an HTTP URL with port and path, and its timeout and initial delay", () => {
    const { service } = app(v1([
      "aliyun.probe.url: 'http://container:8080/ping'", "aliyun.probe.timeout_seconds: '10'", "aliyun.probe.initial_delay_seconds: 3",
    ]));
    expect(service.probe!.check).toEqual({ kind: "http", port: 8080, path: "/ping" });
    expect(service.probe!.timing).toMatchObject({ timeout: Duration.seconds(10), initialDelay: Duration.seconds(3), period: Duration.seconds(15) });
  });

  test("an HTTP URL without port or path probes port 80 at /", () => {
    expect(app(v1(["aliyun.probe.url: http://container"])).service.probe!.check).toEqual({ kind: "http", port: 80, path: "/" });
  });

  test("a TCP URL, on a port only exposed, makes no HTTP port of it", () => {
    const { service } = app(v1(["aliyun.probe.url: 'tcp://container:3306'"], ["expose:", "  - 3306"]));
    expect(service.probe!.check).toEqual({ kind: "tcp", port: 3306 });
    expect(service.ports.map((p) => p.protocol)).toEqual(["tcp"]);
  });

  test("a probed port the file does not declare is declared: the container listens on it", () => {
    expect(app(v1(["aliyun.probe.url: http://container:9000/status"])).service.ports.map((p) => [p.port, p.protocol])).toEqual([[9000, "http"]]);
  });

  test("an HTTP probe marks its port as HTTP", () => {
    expect(app(v1(["aliyun.probe.url: http://container:8080/"], ["expose: ['8080']"])).service.ports[0].protocol).toBe("http");
  });

  test("a command without shell syntax runs as argv", () => {
    expect(app(v1(["aliyun.probe.cmd: /check.sh --fast  -v"])).service.probe!.check).toEqual({ kind: "command", command: ["/check.sh", "--fast", "-v"] });
  });

  test("a command with shell syntax is not run through a shell: no probe, a finding", () => {
    const { service, findings } = app(v1(["aliyun.probe.cmd: 'curl -f localhost:8080 || exit 1'"]));
    expect(service.probe).toBeUndefined();
    expect(kinds(findings)).toEqual([["unmapped", "labels.aliyun.probe.cmd", 4]]);
  });

  test("a timeout of 15 seconds or more lengthens the period, with a finding", () => {
    const { service, findings } = app(v1(["aliyun.probe.url: tcp://container:80", "aliyun.probe.timeout_seconds: 20"]));
    expect(service.probe!.timing.period).toEqual(Duration.seconds(40));
    expect(kinds(findings)).toEqual([["approximated", "labels.aliyun.probe.timeout_seconds", 5]]);
  });

  test("timings without a URL or command were ignored by the container service: no probe, findings", () => {
    const { service, findings } = app(v1(["aliyun.probe.timeout_seconds: 5", "aliyun.probe.initial_delay_seconds: 5"]));
    expect(service.probe).toBeUndefined();
    expect(kinds(findings)).toEqual([
      ["unmapped", "labels.aliyun.probe.timeout_seconds", 4], ["unmapped", "labels.aliyun.probe.initial_delay_seconds", 5],
    ]);
  });
});

describe("aliyun.rolling_updates and parallelism", () => {
  test("rolling updates one container at a time: one batch per replica", () => {
    expect(app(v1(["aliyun.scale: 4", "aliyun.rolling_updates: 'true'"])).service.rollout.batches).toBe(4);
  });

  test("parallelism updates that many at a time", () => {
    const { service, findings } = app(v1(["aliyun.scale: 6", "aliyun.rolling_updates: true", "aliyun.rolling_updates.parallelism: '2'"]));
    expect(service.rollout.batches).toBe(3);
    expect(findings).toEqual([]);
  });

  test("a parallelism of all replicas stopped every container at once: two batches here, with a finding", () => {
    const { service, findings } = app(v1(["aliyun.scale: 3", "aliyun.rolling_updates: true", "aliyun.rolling_updates.parallelism: 5"]));
    expect(service.rollout.batches).toBe(2);
    expect(kinds(findings)).toEqual([["approximated", "labels.aliyun.rolling_updates.parallelism", 6]]);
  });

  test("an invalid parallelism counts as 1, as the container service read it", () => {
    const { service, findings } = app(v1(["aliyun.scale: 3", "aliyun.rolling_updates: true", "aliyun.rolling_updates.parallelism: many"]));
    expect(service.rollout.batches).toBe(3);
    expect(kinds(findings)).toEqual([["approximated", "labels.aliyun.rolling_updates.parallelism", 6]]);
  });

  test("without rolling updates several replicas were replaced at once: the default batches, and a finding", () => {
    const { service, findings } = app(v1(["aliyun.scale: 2", "aliyun.rolling_updates.parallelism: 2"]));
    expect(service.rollout.batches).toBe(2);
    expect(kinds(findings)).toEqual([
      ["approximated", "labels.aliyun.rolling_updates", 1], ["unmapped", "labels.aliyun.rolling_updates.parallelism", 5],
    ]);
  });
});

describe("aliyun.log_store_<name> and aliyun.log_ttl_<name>", () => {
  test("stdout, with its retention in days", () => {
    const { service } = app(v1(["aliyun.log_store_app-out: stdout", "aliyun.log_ttl_app-out: 30"]));
    expect(service.logs).toMatchObject({ name: "app-out", source: { kind: "stdout" }, retention: Duration.days(30) });
  });

  test("a file path, with wildcards; a name with '_' becomes a DNS label", () => {
    const { service, findings } = app(v1(["aliyun.log_store_access_log: /var/log/app/*.log"]));
    expect(service.logs).toMatchObject({ name: "access-log", source: { kind: "files", paths: ["/var/log/app/*.log"] } });
    expect(kinds(findings)).toEqual([["approximated", "labels.aliyun.log_store_access_log", 4]]);
  });

  test("several file stores are collected into the first one", () => {
    const { service, findings } = app(v1(["aliyun.log_store_access: /var/log/a.log", "aliyun.log_store_errors: /var/log/e.log"]));
    expect(service.logs).toMatchObject({ name: "access", source: { kind: "files", paths: ["/var/log/a.log", "/var/log/e.log"] } });
    expect(kinds(findings)).toEqual([["approximated", "labels.aliyun.log_store_errors", 5]]);
  });

  test("stdout next to files: stdout is collected, the files are a finding", () => {
    const { service, findings } = app(v1(["aliyun.log_store_files: /var/log/a.log", "aliyun.log_store_out: stdout"]));
    expect(service.logs).toMatchObject({ name: "out", source: { kind: "stdout" } });
    expect(kinds(findings)).toEqual([["unmapped", "labels.aliyun.log_store_files", 4]]);
  });

  test("a TTL for a store that is not collected is a finding", () => {
    const { service, findings } = app(v1(["aliyun.log_store_out: stdout", "aliyun.log_ttl_other: 7"]));
    expect(service.logs.retention).toBeUndefined();
    expect(kinds(findings)).toEqual([["unmapped", "labels.aliyun.log_ttl_other", 5]]);
  });

  test("known log labels without a counterpart are findings", () => {
    expect(kinds(app(v1(["aliyun.logs: /var/log", "aliyun.log.timestamp: 'false'"])).findings))
      .toEqual([["unmapped", "labels.aliyun.logs", 4], ["unmapped", "labels.aliyun.log.timestamp", 5]]);
  });
});

describe("aliyun.depends and the other known labels", () => {
  test("depends names services of the file, which become dependencies reached by those names", () => {
    const text = [
      "db:", "  image: registry.cn-hangzhou.aliyuncs.com/team/db:v5.7.0", "  expose: ['3306']",
      "cache:", "  image: registry.cn-hangzhou.aliyuncs.com/team/cache:v6.2.0", "  expose: ['6379']",
      "app:", "  image: registry.cn-hangzhou.aliyuncs.com/team/app:v1.0.0", "  labels:", "    aliyun.depends: db, cache", "",
    ].join("\n");
    const { catalog } = importCompose(text);
    expect(catalog.find("app")!.dependsOn.map((s) => s.name)).toEqual(["db", "cache"]);
    expect(catalog.find("db")!.aliases).toEqual(["db"]);
  });

  test("lb, latest_image and auto_scaling are findings, each on its line", () => {
    const { findings } = app(v1([
      "aliyun.lb.port_80: 'tcp://slb_name:8080'", "aliyun.latest_image: 'true'", "aliyun.auto_scaling.max_cpu: '70'",
    ]));
    expect(kinds(findings)).toEqual([
      ["unmapped", "labels.aliyun.lb.port_80", 4], ["unmapped", "labels.aliyun.latest_image", 5],
      ["unmapped", "labels.aliyun.auto_scaling.max_cpu", 6],
    ]);
  });

  test("labels of a team's own are the service's labels; reserved, malformed or secret-looking ones are findings", () => {
    const { service, findings } = app(v1([
      "com.example.team: search", "owner: 'li.wei'", "org.cdktf-service-platform.version: '1'", "'bad key!': x",
      "deploy.token: abc", "sentry.dsn: 'https://key:secret@sentry.example.com/1'",
    ]));
    expect(service.labels).toEqual({ "com.example.team": "search", owner: "li.wei" });
    expect(kinds(findings)).toEqual([
      ["unmapped", "labels.org.cdktf-service-platform.version", 6], ["unmapped", "labels.bad key!", 7],
      ["unmapped", "labels.deploy.token", 8], ["unmapped", "labels.sentry.dsn", 9],
    ]);
    expect(JSON.stringify(findings)).not.toContain("secret@");
  });

  test("labels may be a list of key=value", () => {
    const { service } = app(v1([], ["labels:", "  - aliyun.scale=2", "  - aliyun.probe.url=tcp://container:80"]));
    expect(service.replicas).toBe(2);
    expect(service.probe!.check).toEqual({ kind: "tcp", port: 80 });
  });
});
