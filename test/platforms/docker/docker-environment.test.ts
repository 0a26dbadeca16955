import { Testing } from "cdktf";
import {
  Cpu, Duration, DockerEnvironment, EnvValue, Image, Port, Probe, Release, Route, Secret, Service, ServiceCatalog, Size, Stages,
} from "../../../lib";
import { replicaName } from "../../support/replica-name";

function render(build: (catalog: ServiceCatalog) => void, versions: Record<string, string>, props = {}) {
  const catalog = new ServiceCatalog();
  build(catalog);
  const stack = new DockerEnvironment(Testing.app(), "test", { catalog, release: Release.of(versions), ...props });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

function containers(json: any, prefix: string): any[] {
  return Object.entries(json.resource.docker_container)
    .filter(([id]) => id.startsWith(prefix))
    .map(([, c]) => c);
}

describe("DockerEnvironment", () => {
  const api = (catalog: ServiceCatalog, extra = {}) =>
    new Service(catalog, "orders-api", {
      image: Image.fromRegistry("shop/orders-api"),
      replicas: 3,
      ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })],
      probe: Probe.tcp(8085, { timeout: Duration.seconds(10), initialDelay: Duration.seconds(3), period: Duration.seconds(20), failureThreshold: 4 }),
      resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
      env: { LOG_LEVEL: EnvValue.literal("info"), DB_HOST: EnvValue.fromVariable("orders_db_host") },
      secrets: { DB_PASSWORD: Secret.fromVariable("orders_db_password") },
      ...extra,
    });

  test("one network per environment", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    expect(Object.values(json.resource.docker_network)).toEqual([
      expect.objectContaining({ name: "test-net", driver: "bridge" }),
    ]);
  });

  test("an image pinned to the release version, kept locally", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    expect(json.resource.docker_image["orders-api-image"]).toMatchObject({
      name: "localhost:5000/shop/orders-api:1.0.9",
      keep_locally: true,
    });
    const other = render(api, { "orders-api": "1.0.9" }, { registry: "registry.example.com:443" }).json;
    expect(other.resource.docker_image["orders-api-image"].name).toBe("registry.example.com:443/shop/orders-api:1.0.9");
  });

  const apiReads = [
    "var.orders_db_host", "terraform_data.orders-api-secret-rotation.id", "docker_image.orders-api-image.image_id", "docker_network.network.name",
  ];
  /** The synth-time digest inside a replica's generation. */
  const digestOf = (container: any): string => /"([0-9a-f]{16})"/.exec(container.name)![1];

  test("replicas become containers named per replica, version and generation", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    const replicas = containers(json, "orders-api-");
    replicas.forEach((c, i) => expect(c.name).toMatch(replicaName(`orders-api-${i + 1}_1.0.9`, apiReads)));
    expect(new Set(replicas.map(digestOf)).size).toBe(3);
    expect(replicas.map((c) => c.hostname)).toEqual(["orders-api-1", "orders-api-2", "orders-api-3"]);
    for (const c of replicas) {
      expect(c.image).toBe("${docker_image.orders-api-image.image_id}");
      expect(c.restart).toBe("unless-stopped");
      expect(c.lifecycle).toEqual({ create_before_destroy: true });
    }
    // The generation is computed at synth: no helper resource (and no subprocess) per replica; only
    // the service's secrets have a stand-in, one for all its replicas.
    expect(Object.keys(json.resource.terraform_data)).toEqual(["orders-api-secret-rotation"]);
  });

  test("a replica's generation changes with anything that replaces the container, and only then", () => {
    const first = (json: any) => digestOf(containers(json, "orders-api-1")[0]);
    const base = first(render(api, { "orders-api": "1.0.9" }).json);
    expect(first(render(api, { "orders-api": "1.0.9" }).json)).toBe(base);
    // Scaling down leaves the remaining replicas as they are.
    expect(first(render(api, {}, { release: Release.of({ "orders-api": { version: "1.0.9", replicas: 1 } }) }).json)).toBe(base);
    const changed = {
      version: render(api, { "orders-api": "1.0.10" }).json,
      env: render((c) => api(c, { env: { LOG_LEVEL: EnvValue.literal("debug"), DB_HOST: EnvValue.fromVariable("orders_db_host") } }),
        { "orders-api": "1.0.9" }).json,
      cpu: render((c) => api(c, { resources: { cpu: Cpu.cores(2), memory: Size.gibibytes(2) } }), { "orders-api": "1.0.9" }).json,
      memory: render((c) => api(c, { resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(3) } }), { "orders-api": "1.0.9" }).json,
      probe: render((c) => api(c, { probe: Probe.tcp(8085, { timeout: Duration.seconds(9), period: Duration.seconds(20) }) }),
        { "orders-api": "1.0.9" }).json,
      logs: render(api, { "orders-api": "1.0.9" }, { logMaxSize: "20m" }).json,
    };
    for (const [what, json] of Object.entries(changed)) {
      expect({ what, changed: first(json) !== base }).toEqual({ what, changed: true });
    }
  });

  test("what only Terraform knows is hashed by Terraform: the image id, variables and secrets", () => {
    const { json } = render((c) => new Service(c, "worker", { image: Image.fromRegistry("shop/worker") }), { worker: "1" });
    expect(containers(json, "worker-")[0].name)
      .toMatch(replicaName("worker-1_1", ["docker_image.worker-image.image_id", "docker_network.network.name"]));
    const api1 = containers(render(api, { "orders-api": "1.0.9" }).json, "orders-api-1")[0];
    expect(api1.name).toMatch(replicaName("orders-api-1_1.0.9", apiReads));
  });

  test("a secret's value never reaches a replica's name: a terraform_data replaced with the secrets stands for them", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    expect(json.resource.terraform_data["orders-api-secret-rotation"]).toEqual({
      triggers_replace: ["${var.orders_db_password}"],
      lifecycle: { create_before_destroy: true },
    });
    for (const c of containers(json, "orders-api-")) {
      expect(c.name).not.toContain("orders_db_password");
      expect(c.env).toContain("DB_PASSWORD=${var.orders_db_password}");
    }
    const worker = render((c) => new Service(c, "worker", { image: Image.fromRegistry("shop/worker") }), { worker: "1" }).json;
    expect(worker.resource.terraform_data).toBeUndefined();
  });

  test("a release can scale a service in one environment", () => {
    const { json } = render(api, {}, { release: Release.of({ "orders-api": { version: "1.0.9", replicas: 1 } }) });
    expect(containers(json, "orders-api-")).toHaveLength(1);
  });

  test("probe becomes the container healthcheck and Terraform waits for it", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    const [first] = containers(json, "orders-api-");
    expect(first.healthcheck).toEqual({
      test: ["CMD", "nc", "-z", "127.0.0.1", "8085"],
      interval: "20s",
      timeout: "10s",
      start_period: "3s",
      retries: 4,
    });
    expect(first.wait).toBe(true);
    expect(first.wait_timeout).toBe(3 + 20 * 5 + 10);
  });

  test("http and command probes, all in exec form (no shell)", () => {
    const http = render((c) => new Service(c, "web", {
      image: Image.fromRegistry("shop/web"),
      ports: [Port.http(8080)],
      probe: Probe.http(8080, { path: "/healthz" }),
    }), { web: "1" }).json;
    expect(containers(http, "web-")[0].healthcheck.test)
      .toEqual(["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]);
    const command = render((c) => new Service(c, "worker", {
      image: Image.fromRegistry("shop/worker"),
      probe: Probe.command(["pgrep", "worker"]),
    }), { worker: "1" }).json;
    expect(containers(command, "worker-")[0].healthcheck.test).toEqual(["CMD", "pgrep", "worker"]);
  });

  test("no probe, no healthcheck and no wait", () => {
    const { json } = render((c) => new Service(c, "worker", { image: Image.fromRegistry("shop/worker") }), { worker: "1" });
    const [first] = containers(json, "worker-");
    expect(first.healthcheck).toBeUndefined();
    expect(first.wait).toBe(false);
  });

  test("cpu limits as a CFS period and quota, never cpus (provider 3.6.2 panics on it); memory limits", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    const [first] = containers(json, "orders-api-");
    expect(first).toMatchObject({ cpu_period: 100000, cpu_quota: 100000 });
    const small = render((c) => api(c, { resources: { cpu: Cpu.millicores(250), memory: Size.mebibytes(256) } }), { "orders-api": "1" }).json;
    expect(containers(small, "orders-api-")[0]).toMatchObject({ cpu_period: 100000, cpu_quota: 25000 });
    const many = render((c) => api(c, { resources: { cpu: Cpu.cores(2.5), memory: Size.gibibytes(1) } }), { "orders-api": "1" }).json;
    expect(containers(many, "orders-api-")[0]).toMatchObject({ cpu_period: 100000, cpu_quota: 250000 });
    for (const container of Object.values<any>(json.resource.docker_container)) expect(container).not.toHaveProperty("cpus");
    expect(first.memory).toBe(2048);
    expect(first.memory_swap).toBe(2048);
    expect(first.destroy_grace_seconds).toBe(10);
  });

  test("env values become literals or variables, secrets sensitive variables", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    const [first] = containers(json, "orders-api-");
    expect(first.env).toEqual([
      "DB_HOST=${var.orders_db_host}",
      "LOG_LEVEL=info",
      "DB_PASSWORD=${var.orders_db_password}",
    ]);
    expect(json.variable.orders_db_host).toMatchObject({ type: "string", nullable: false });
    expect(json.variable.orders_db_host.sensitive).toBeFalsy();
    expect(json.variable.orders_db_password).toMatchObject({ type: "string", sensitive: true });
  });

  test("a variable read by two services is declared once", () => {
    const { json } = render((c) => {
      for (const name of ["a", "b"]) {
        new Service(c, name, { image: Image.fromRegistry(`shop/${name}`), env: { DB_HOST: EnvValue.fromVariable("db_host") } });
      }
    }, { a: "1", b: "1" });
    expect(Object.keys(json.variable)).toEqual(["db_host"]);
  });

  test("dependencies resolve by service name through network aliases", () => {
    const { json } = render((c) => {
      const db = api(c);
      new Service(c, "web", { image: Image.fromRegistry("shop/web"), replicas: 1, dependsOn: [db] });
    }, { "orders-api": "1.0.9", web: "2" });
    const [first] = containers(json, "orders-api-");
    expect(first.networks_advanced).toEqual([
      { name: "${docker_network.network.name}", aliases: ["orders-api", "orders-api-1"] },
    ]);
    expect(containers(json, "web-")[0].networks_advanced[0].aliases).toEqual(["web", "web-1"]);
  });

  test("variables may share a name with the environment's own resources", () => {
    const { json } = render((c) => new Service(c, "app", {
      image: Image.fromRegistry("shop/app"),
      env: { A: EnvValue.fromVariable("network"), B: EnvValue.fromVariable("docker") },
      secrets: { C: Secret.fromVariable("registry") },
    }), { app: "1" });
    expect(Object.keys(json.variable).sort()).toEqual(["docker", "network", "registry"]);
    expect(containers(json, "app-")[0].env).toEqual(["A=${var.network}", "B=${var.docker}", "C=${var.registry}"]);
    expect(json.resource.docker_network.network.name).toBe("test-net");
  });

  test("a dependency's host is its service name on Docker", () => {
    const { json } = render((c) => {
      const db = api(c);
      new Service(c, "web", { image: Image.fromRegistry("shop/web"), env: { API_HOST: EnvValue.hostOf(db) }, dependsOn: [db] });
    }, { "orders-api": "1.0.9", web: "2" });
    expect(containers(json, "web-")[0].env).toEqual(["API_HOST=orders-api"]);
  });

  test("labels name service, environment and version", () => {
    const { json } = render(api, { "orders-api": "1.0.9" });
    expect(containers(json, "orders-api-")[0].labels).toEqual([
      { label: "org.cdktf-service-platform.environment", value: "test" },
      { label: "org.cdktf-service-platform.service", value: "orders-api" },
      { label: "org.cdktf-service-platform.version", value: "1.0.9" },
    ]);
  });

  test("logs go through json-file with rotation", () => {
    const { json } = render(api, { "orders-api": "1.0.9" }, { logMaxSize: "20m", logMaxFiles: 5 });
    for (const c of Object.values<any>(json.resource.docker_container)) {
      expect(c.log_driver).toBe("json-file");
      expect(c.log_opts).toEqual({ "max-size": "20m", "max-file": "5" });
    }
  });

  test("the load balancer gets the generated config and publishes only on loopback", () => {
    const { json, stack } = render(api, { "orders-api": "1.0.9" });
    const lb = json.resource.docker_container["load-balancer"];
    expect(lb.name).toBe("test-lb");
    expect(lb.ports).toEqual([{ internal: 8085, external: 8085, ip: "127.0.0.1" }]);
    expect(lb.upload.find((u: any) => u.file === "/etc/nginx/nginx.conf").content).toBe(stack.loadBalancerConfig);
    expect(lb.upload.find((u: any) => u.file === "/etc/nginx/lb-entrypoint.sh")).toMatchObject({ executable: true });
    // It starts beside the replicas, not once they are healthy: its entrypoint waits for their names (nginx-config.test.ts).
    expect(lb.depends_on).toBeUndefined();
    expect(stack.loadBalancerConfig).toContain("server orders-api-3:8085 max_fails=4 fail_timeout=20s;");
  });

  test("the publish address is configurable", () => {
    const { json } = render(api, { "orders-api": "1" }, { publishAddress: "127.0.0.2", registryPort: 5001 });
    expect(json.resource.docker_container["load-balancer"].ports[0].ip).toBe("127.0.0.2");
    expect(json.resource.docker_container.registry.ports).toEqual([{ internal: 5000, external: 5001, ip: "127.0.0.2" }]);
    expect(json.resource.docker_image["orders-api-image"].name).toBe("localhost:5001/shop/orders-api:1");
  });

  test("the registry's volume is protected from destroy when the stage asks for deletion protection", () => {
    expect(render(api, { "orders-api": "1" }).json.resource.docker_volume["registry-data"].lifecycle)
      .toEqual({ prevent_destroy: false });
    const settings = { ...Stages.test, deletionProtection: true };
    expect(render(api, { "orders-api": "1" }, { settings }).json.resource.docker_volume["registry-data"].lifecycle)
      .toEqual({ prevent_destroy: true });
  });

  test("a private registry with a volume", () => {
    const { json } = render(api, { "orders-api": "1" });
    expect(json.resource.docker_volume["registry-data"].name).toBe("test-registry-data");
    expect(json.resource.docker_image["registry-image"].name).toBe("registry:2");
    expect(json.resource.docker_container.registry).toMatchObject({
      name: "test-registry",
      volumes: [{ volume_name: "${docker_volume.registry-data.name}", container_path: "/var/lib/registry" }],
    });
  });

  test("the routes output gives each route's URL and the Host header that selects it", () => {
    const web = (c: ServiceCatalog) => {
      api(c);
      new Service(c, "web", {
        image: Image.fromRegistry("shop/web"),
        ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com", "*.shop.example.com"] }) })],
      });
    };
    const { json } = render(web, { "orders-api": "1", web: "1" });
    expect(json.output.routes.value).toEqual([
      { service: "web", url: "http://127.0.0.1:80/", host: "shop.example.com" },
      { service: "web", url: "http://127.0.0.1:80/", host: "www.shop.example.com" },
      { service: "orders-api", url: "http://127.0.0.1:8085/", host: "" },
    ]);
    const publicOnly = (c: ServiceCatalog) => new Service(c, "web", {
      image: Image.fromRegistry("shop/web"), ports: [Port.http(8080, { route: Route.public({ listenerPort: 8080 }) })],
    });
    const everywhere = render(publicOnly, { web: "1" }, { publishAddress: "0.0.0.0", settings: { ...Stages.test, allowInternet: true } });
    expect(everywhere.json.output.routes.value).toEqual([{ service: "web", url: "http://127.0.0.1:8080/", host: "" }]);
  });
});
