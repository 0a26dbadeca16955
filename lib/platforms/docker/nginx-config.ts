import { Listener, Upstream, VirtualHost } from "./load-balancer-plan";

/**
 * Options of the generated nginx configuration.
 * @internal
 */
export interface NginxConfigOptions {
  /**
   * Address nginx listens on inside its container. Unset, every address.
   * @default undefined
   */
  readonly listenAddress?: string;
  /**
   * Where access logs go.
   * @default "/dev/stdout"
   */
  readonly accessLog?: string;
  /**
   * Where error logs go.
   * @default "stderr"
   */
  readonly errorLog?: string;
}

/**
 * Body of the default server's answer for hosts no route names.
 * @internal
 */
export const NO_ROUTE_ANSWER = "no route for this host";

/**
 * nginx configuration for `listeners`: an upstream per routed port listing every
 * replica with passive health checks, a server per domain, and a default server
 * per listener port (the route without domains, or a 404 naming no backend).
 * @internal
 */
export function renderNginxConfig(listeners: readonly Listener[], options: NginxConfigOptions = {}): string {
  const listen = (port: number) => (options.listenAddress ? `${options.listenAddress}:${port}` : `${port}`);
  const upstreams = listeners.flatMap((l) => l.hosts.map((h) => renderUpstream(h.upstream)));
  const servers = listeners.flatMap((l) => renderListener(l, listen(l.port)));
  return [
    "# Generated from the service catalog; edit the catalog, not this file.",
    "worker_processes 1;",
    `error_log ${options.errorLog ?? "stderr"} warn;`,
    "events { worker_connections 1024; }",
    "http {",
    `  access_log ${options.accessLog ?? "/dev/stdout"};`,
    "  # A replica that refuses or times out is retried on the next one and skipped for fail_timeout.",
    "  proxy_connect_timeout 2s;",
    "  proxy_next_upstream error timeout http_502 http_503 http_504;",
    "  proxy_http_version 1.1;",
    "  proxy_set_header Connection \"\";",
    "  proxy_set_header Host $host;",
    "  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "  proxy_set_header X-Forwarded-Proto $scheme;",
    ...upstreams.map(indent),
    ...servers.map(indent),
    "}",
    "",
  ].join("\n");
}

function renderUpstream(upstream: Upstream): string {
  const servers = upstream.servers.map(
    (s) => `  server ${s} max_fails=${upstream.maxFails} fail_timeout=${upstream.failTimeoutSeconds}s;`,
  );
  return [`upstream ${upstream.name} {`, ...servers, "  keepalive 16;", "}"].join("\n");
}

function renderListener(listener: Listener, address: string): string[] {
  const catchAll = listener.hosts.find((h) => h.domains.length === 0);
  const named = listener.hosts.filter((h) => h.domains.length > 0);
  const fallback = catchAll
    ? renderServer(address, "default_server", ["_"], proxyTo(catchAll))
    : renderServer(address, "default_server", ["_"], [`return 404 "${NO_ROUTE_ANSWER}\\n";`]);
  return [fallback, ...named.map((h) => renderServer(address, "", h.domains, proxyTo(h)))];
}

function proxyTo(host: VirtualHost): string[] {
  return [`# ${host.service}`, `location / { proxy_pass http://${host.upstream.name}; }`];
}

function renderServer(address: string, flags: string, names: readonly string[], body: string[]): string {
  return [
    "server {",
    `  listen ${address}${flags ? ` ${flags}` : ""};`,
    `  server_name ${names.join(" ")};`,
    ...body.map((line) => `  ${line}`),
    "}",
  ].join("\n");
}

function indent(block: string): string {
  return block.split("\n").map((line) => `  ${line}`).join("\n");
}

/** How long the load balancer waits for a replica's name to resolve before starting nginx anyway. */
const RESOLVE_TENTHS = 600;

/**
 * Entrypoint of the load balancer container. nginx resolves upstream host names
 * only when it loads its configuration, and refuses to start while one does not
 * resolve: the script starts it once every replica's name resolves (a replica's
 * name resolves as soon as the replica starts, before it turns healthy), so the
 * load balancer starts beside the replicas rather than after them. A rolled
 * replica comes back under the same alias with a new address, so the script
 * then reloads nginx (gracefully, no request dropped) whenever the answers for
 * the replica names change.
 * @internal
 */
export function renderEntrypoint(listeners: readonly Listener[]): string {
  const hosts = [...new Set(listeners.flatMap((l) => l.hosts.flatMap((h) => h.upstream.servers.map((s) => s.split(":")[0]))))];
  return [
    "#!/bin/sh",
    `hosts="${hosts.join(" ")}"`,
    'answers() { for h in $hosts; do nslookup "$h" 2>&1 | grep -v "^Server\\|:53$" | sort; done; }',
    "trap 'exit 0' TERM INT",
    "for h in $hosts; do",
    "  tries=0",
    `  until nslookup "$h" >/dev/null 2>&1 || [ "$tries" -ge ${RESOLVE_TENTHS} ]; do tries=$((tries + 1)); sleep 0.1; done`,
    "done",
    "nginx -g 'daemon off;' &",
    "nginx_pid=$!",
    "trap 'nginx -s quit; wait $nginx_pid; exit 0' TERM INT",
    "last=$(answers)",
    'while kill -0 "$nginx_pid" 2>/dev/null; do',
    "  sleep 1 & wait $!",
    "  now=$(answers)",
    '  if [ "$now" != "$last" ] && nginx -t -q 2>/dev/null; then',
    "    nginx -s reload && last=$now",
    "  fi",
    "done",
    'wait "$nginx_pid"',
    "",
  ].join("\n");
}
