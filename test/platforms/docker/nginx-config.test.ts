import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Image, Port, Probe, Route, Service, ServiceCatalog } from "../../../lib";
import { planListeners } from "../../../lib/platforms/docker/load-balancer-plan";
import { NO_ROUTE_ANSWER, renderEntrypoint, renderNginxConfig } from "../../../lib/platforms/docker/nginx-config";

function shop() {
  const catalog = new ServiceCatalog();
  const web = new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com", "www.example.com"] }) })],
    probe: Probe.http(8080, { failureThreshold: 2 }),
  });
  const admin = new Service(catalog, "admin", {
    image: Image.fromRegistry("shop/admin"),
    ports: [Port.http(9000, { route: Route.public({ domains: ["admin.example.com"] }) })],
  });
  const api = new Service(catalog, "orders-api", {
    image: Image.fromRegistry("shop/orders-api"),
    ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) }), Port.tcp(9090)],
  });
  const worker = new Service(catalog, "worker", { image: Image.fromRegistry("shop/worker") });
  return [
    { service: web, replicas: 3 },
    { service: admin, replicas: 1 },
    { service: api, replicas: 2 },
    { service: worker, replicas: 2 },
  ];
}

const address = (s: string, i: number, p: number) => `${s}-${i}:${p}`;

describe("load balancer plan", () => {
  test("groups routes by listener port with an upstream per routed port", () => {
    const listeners = planListeners(shop(), address);
    expect(listeners.map((l) => l.port)).toEqual([80, 8085]);
    expect(listeners[0].hosts.map((h) => h.service)).toEqual(["web", "admin"]);
    expect(listeners[0].hosts[0].upstream).toEqual({
      name: "web_8080",
      servers: ["web-1:8080", "web-2:8080", "web-3:8080"],
      maxFails: 2,
      failTimeoutSeconds: 15,
    });
    expect(listeners[1].hosts[0].upstream.name).toBe("orders_api_8085");
  });
});

describe("nginx configuration", () => {
  const config = renderNginxConfig(planListeners(shop(), address));

  test("an upstream per routed port lists every replica with passive health checks", () => {
    expect(config).toContain(
      "  upstream web_8080 {\n" +
        "    server web-1:8080 max_fails=2 fail_timeout=15s;\n" +
        "    server web-2:8080 max_fails=2 fail_timeout=15s;\n" +
        "    server web-3:8080 max_fails=2 fail_timeout=15s;\n",
    );
    expect(config).toContain("server orders-api-2:8085 max_fails=3 fail_timeout=10s;");
    expect(config).not.toContain("9090");
    expect(config).not.toMatch(/worker-\d/);
  });

  test("a server per domain route and a 404 default server on a port with only domain routes", () => {
    expect(config).toContain(
      "  server {\n    listen 80 default_server;\n    server_name _;\n" +
        `    return 404 "${NO_ROUTE_ANSWER}\\n";\n  }`,
    );
    expect(config).toContain("server_name shop.example.com www.example.com;\n    # web\n    location / { proxy_pass http://web_8080; }");
    expect(config).toContain("server_name admin.example.com;\n    # admin\n    location / { proxy_pass http://admin_9000; }");
  });

  test("a route without domains is its listener port's default server", () => {
    expect(config).toContain(
      "    listen 8085 default_server;\n    server_name _;\n    # orders-api\n    location / { proxy_pass http://orders_api_8085; }",
    );
  });

  test("failed replicas are retried on the next one", () => {
    expect(config).toContain("proxy_next_upstream error timeout http_502 http_503 http_504;");
  });

  test("listen address is optional", () => {
    const bound = renderNginxConfig(planListeners(shop(), address), { listenAddress: "127.0.0.1" });
    expect(bound).toContain("listen 127.0.0.1:80 default_server;");
  });

  test("no Terraform interpolation sequences leak into the uploaded text", () => {
    const entrypoint = renderEntrypoint(planListeners(shop(), address));
    for (const text of [config, entrypoint]) {
      expect(text).not.toMatch(/[$%]\{/);
    }
  });

  test("the entrypoint watches every replica name", () => {
    const entrypoint = renderEntrypoint(planListeners(shop(), address));
    expect(entrypoint).toContain('hosts="web-1 web-2 web-3 admin-1 orders-api-1 orders-api-2"');
    expect(entrypoint).toContain("nginx -s reload");
  });

  // The script itself, run by sh with stand-ins for nslookup (a name resolves once its file exists)
  // and nginx (it records that it started): nginx starts only once every replica's name resolves.
  test("the entrypoint starts nginx once every replica's name resolves, and stops on TERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-lb-entrypoint-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const script = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    script("nslookup", `[ -e "${dir}/resolves-$1" ] && echo "Address: 10.0.0.1"`);
    script("nginx", `case "$1" in -g) echo $$ > "${dir}/nginx"; exec sleep 30 ;; -s) kill "$(cat "${dir}/nginx")" ;; esac`);
    const entrypoint = path.join(dir, "lb-entrypoint.sh");
    fs.writeFileSync(entrypoint, renderEntrypoint(planListeners(shop().slice(0, 2), address)), { mode: 0o755 });
    const child = spawn("sh", [entrypoint], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const started = () => fs.existsSync(path.join(dir, "nginx"));
    try {
      for (const host of ["web-1", "web-2", "web-3"]) fs.writeFileSync(path.join(dir, `resolves-${host}`), "");
      await sleep(800);
      expect(started()).toBe(false); // admin-1 does not resolve yet
      fs.writeFileSync(path.join(dir, "resolves-admin-1"), "");
      for (let i = 0; i < 50 && !started(); i++) await sleep(100);
      expect(started()).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 20_000);
});
