import * as http from "http";

/** An answer of the Docker Engine API. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: Buffer;
}

/** The engine's Unix socket, as the Docker CLI finds it (DOCKER_HOST, else the default). */
export function engineSocket(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  if (!host) return "/var/run/docker.sock";
  if (!host.startsWith("unix://")) throw new Error(`the benchmark talks to Docker over a Unix socket; DOCKER_HOST is ${host}`);
  return host.slice("unix://".length);
}

/**
 * One request to the Docker Engine API on its socket: what the Docker CLI sends, without starting
 * a CLI process for each. `body` goes as JSON, or as it is when it is a Buffer (a tar archive).
 */
export function dockerApi(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = payload === undefined ? {}
      : { "Content-Type": Buffer.isBuffer(body) ? "application/x-tar" : "application/json", "Content-Length": payload.length };
    const request = http.request({ socketPath: engineSocket(), method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(payload);
  });
}

/** `dockerApi`, throwing unless the status is 2xx; the parsed JSON answer (undefined when empty). */
export async function dockerApiOk(method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await dockerApi(method, path, body);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`Docker API ${method} ${path}: ${answer.status} ${answer.body.toString("utf8").trim()}`);
  }
  return answer.body.length > 0 && !path.includes("/archive") ? JSON.parse(answer.body.toString("utf8")) as unknown : undefined;
}
