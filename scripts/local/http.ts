import * as http from "http";

/** One HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/** One GET of `url` with Host header `host` (none when empty), on a new connection. */
export function httpGet(url: string, host: string, timeoutMs = 10_000): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { Connection: "close", ...(host ? { Host: host } : {}) };
    const req = http.get(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}
