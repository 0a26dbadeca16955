import {
  Cpu, Duration, EnvValue, Image, LogStore, Port, Probe, Release, Rollout, Route, Secret, Service, ServiceCatalog, Size,
} from "../../lib";

describe("Duration", () => {
  test("converts between units", () => {
    expect(Duration.seconds(90).toMillis()).toBe(90_000);
    expect(Duration.minutes(2).toSeconds()).toBe(120);
    expect(Duration.days(30).toDays()).toBe(30);
    expect(Duration.millis(1500).toSeconds()).toBe(1.5);
  });
  test("prints compactly", () => {
    expect(Duration.seconds(10).toString()).toBe("10s");
    expect(Duration.millis(1500).toString()).toBe("1500ms");
    expect(Duration.days(7).toString()).toBe("7d");
  });
});

describe("Size and Cpu", () => {
  test("memory in mebibytes", () => {
    expect(Size.gibibytes(2).toMebibytes()).toBe(2048);
    expect(Size.mebibytes(512).toString()).toBe("512Mi");
    expect(Size.gibibytes(4).toString()).toBe("4Gi");
  });
  test("cpu in millicores and cores", () => {
    expect(Cpu.cores(0.5).toMillicores()).toBe(500);
    expect(Cpu.millicores(2000).toCores()).toBe(2);
    expect(Cpu.cores(1).toString()).toBe("1 core");
    expect(Cpu.millicores(250).toString()).toBe("250m");
  });
});

describe("Image", () => {
  test("references a tag or a digest in a registry", () => {
    const image = Image.fromRegistry("shop/orders-api");
    expect(image.reference("localhost:5000", "1.0.9")).toBe("localhost:5000/shop/orders-api:1.0.9");
    const digest = `sha256:${"a".repeat(64)}`;
    expect(image.reference("r.example.com", digest)).toBe(`r.example.com/shop/orders-api@${digest}`);
  });
});

describe("Probe", () => {
  test("http with defaults", () => {
    const probe = Probe.http(8080);
    expect(probe.check).toEqual({ kind: "http", port: 8080, path: "/" });
    expect(probe.timing.initialDelay.toSeconds()).toBe(10);
    expect(probe.timing.timeout.toSeconds()).toBe(5);
    expect(probe.timing.period.toSeconds()).toBe(15);
    expect(probe.timing.failureThreshold).toBe(3);
    expect(probe.timing.successThreshold).toBe(1);
  });
  test("tcp and command keep their options", () => {
    const tcp = Probe.tcp(8085, { timeout: Duration.seconds(10), initialDelay: Duration.seconds(3), period: Duration.seconds(20) });
    expect(tcp.check).toEqual({ kind: "tcp", port: 8085 });
    expect(tcp.timing.timeout.toSeconds()).toBe(10);
    expect(tcp.timing.initialDelay.toSeconds()).toBe(3);
    const argv = ["pgrep", "worker"];
    const command = Probe.command(argv, { failureThreshold: 5, successThreshold: 2 });
    argv.push("mutated");
    expect(command.check).toEqual({ kind: "command", command: ["pgrep", "worker"] });
    expect(command.timing.failureThreshold).toBe(5);
    expect(command.timing.successThreshold).toBe(2);
  });
});

describe("Port and Route", () => {
  test("routes default to listener port 80 and every host", () => {
    const port = Port.http(8080, { route: Route.public() });
    expect(port.protocol).toBe("http");
    expect(port.route?.visibility).toBe("public");
    expect(port.route?.listenerPort).toBe(80);
    expect(port.route?.domains).toEqual([]);
  });
  test("internal route with listener port and domains", () => {
    const route = Route.internal({ listenerPort: 8085, domains: ["api.internal.example.com"] });
    expect(route.visibility).toBe("internal");
    expect(route.listenerPort).toBe(8085);
    expect(route.domains).toEqual(["api.internal.example.com"]);
    expect(Port.tcp(5432).route).toBeUndefined();
  });
});

describe("configuration values", () => {
  test("literal, variable and secret sources", () => {
    expect(EnvValue.literal("info").source).toEqual({ kind: "literal", value: "info" });
    expect(EnvValue.fromVariable("db_host", { description: "host" }).source)
      .toEqual({ kind: "variable", name: "db_host", description: "host" });
    const secret = Secret.fromVariable("db_password");
    expect(secret.variableName).toBe("db_password");
  });
});

describe("LogStore and Rollout", () => {
  test("log stores", () => {
    expect(LogStore.stdout("web").source).toEqual({ kind: "stdout" });
    const files = LogStore.files("worker", ["/var/log/app.log"], { retention: Duration.days(14) });
    expect(files.source).toEqual({ kind: "files", paths: ["/var/log/app.log"] });
    expect(files.retention?.toDays()).toBe(14);
  });
  test("batches keep the rest of the replicas ready", () => {
    const rollout = Rollout.batches({ batches: 2, grayFirst: true });
    expect(rollout.grayFirst).toBe(true);
    expect(rollout.minReadyInstances(4)).toBe(2);
    expect(rollout.minReadyInstances(3)).toBe(1);
    expect(Rollout.batches({ batches: 3 }).minReadyInstances(6)).toBe(4);
    expect(Rollout.batches().batches).toBe(2);
  });
  test("a release never leaves fewer than one ready instance once there are two", () => {
    const oneBatch = Rollout.batches({ batches: 1 });
    expect(oneBatch.minReadyInstances(2)).toBe(1);
    expect(oneBatch.minReadyInstances(5)).toBe(1);
    expect(Rollout.batches({ batches: 2 }).minReadyInstances(2)).toBe(1);
    expect(Rollout.batches({ batches: 50 }).minReadyInstances(3)).toBe(2);
    // One instance has nothing to keep ready while it is replaced.
    expect(oneBatch.minReadyInstances(1)).toBe(0);
  });
  test("the default pause between batches is the whole minute SAE renders", () => {
    expect(Rollout.batches().interval.toMillis()).toBe(60_000);
    expect(String(Rollout.batches({ batches: 3, grayFirst: true }))).toBe("3 batches, gray first, 60s apart");
  });
});

describe("Service, catalog and release", () => {
  test("a service registers in its catalog with defaults", () => {
    const catalog = new ServiceCatalog();
    const db = new Service(catalog, "db", { image: Image.fromRegistry("shop/db") });
    const api = new Service(catalog, "api", {
      image: Image.fromRegistry("shop/api"),
      ports: [Port.http(80, { route: Route.public() }), Port.tcp(9000)],
      dependsOn: [db],
    });
    expect(catalog.services.map((s) => s.name)).toEqual(["db", "api"]);
    expect(catalog.find("api")).toBe(api);
    expect(db.replicas).toBe(2);
    expect(db.logs.name).toBe("db");
    expect(db.resources.cpu.toMillicores()).toBe(500);
    expect(api.routedPorts.map((p) => p.port)).toEqual([80]);
  });
  test("a release names versions and optional replicas per service", () => {
    const release = Release.of({ web: "1.0.0", api: { version: "2.0.0", replicas: 4 } });
    expect(release.versionOf("web")).toBe("1.0.0");
    expect(release.entryOf("api")).toEqual({ version: "2.0.0", replicas: 4 });
    expect(release.versionOf("missing")).toBeUndefined();
    expect(release.versionOf("toString")).toBeUndefined();
    const next = release.with("web", "1.1.0");
    expect(next.versionOf("web")).toBe("1.1.0");
    expect(release.versionOf("web")).toBe("1.0.0");
  });
});
