/**
 * `node scripts/run-ts.js scripts/bench/compose-import.ts [--megabytes 1,2,4,20] [--shape services|env]`:
 * times `compose-import`'s reading of generated compose files of about that many megabytes — many
 * small services, each with environment entries, labels, an internal route and a link to the
 * service before it (`services`), or a few services with very many environment entries (`env`) —
 * and prints one JSON line per size with the time and the process's peak RSS so far. A file over the
 * importer's limit is refused before it is parsed: its line says so. docs/benchmarks.md has figures.
 */
import { performance } from "perf_hooks";
import { parseArgs } from "util";
import { readCompose } from "../../lib/compose/read-compose";

/** A compose file of about `bytes` bytes of the given shape, and how many services it has. */
export function composeFile(bytes: number, shape: "services" | "env"): { text: string; services: number } {
  const parts: string[] = ["version: '2'", "services:"];
  let size = 0;
  let i = 0;
  for (; size < bytes; i++) {
    const lines = shape === "services" ? [
      `  svc-${i}:`,
      `    image: registry.cn-hangzhou.aliyuncs.com/shop/svc-${i}:1.0.${i % 100}`,
      "    environment:",
      `      - MODE_${i % 7}=fast`,
      "      - LEVEL=info",
      ...(i > 0 ? ["    links:", `      - svc-${i - 1}:peer-${i}`] : []),
      "    labels:",
      "      aliyun.scale: '2'",
      `      aliyun.routing.port_8080: svc-${i}.local`,
      `      team: shop-${i % 13}`,
    ] : [`  big-${i}:`, `    image: registry.cn-hangzhou.aliyuncs.com/shop/big-${i}:1.0.0`, "    environment:",
      ...Array.from({ length: 20_000 }, (_, e) => `      - VAR_${e}=value-${e}`)];
    const text = lines.join("\n");
    parts.push(text);
    size += text.length + 1;
  }
  return { text: `${parts.join("\n")}\n`, services: i };
}

function main(): void {
  const { values } = parseArgs({ options: { megabytes: { type: "string", default: "1,2,4,20" }, shape: { type: "string", default: "services" } } });
  for (const megabytes of values.megabytes.split(",").map(Number)) {
    const { text, services } = composeFile(megabytes * 1_000_000, values.shape === "env" ? "env" : "services");
    const start = performance.now();
    let outcome: string;
    try {
      const read = readCompose(text, "bench.yml");
      outcome = `imported ${read.services.length} services`;
    } catch (e) {
      outcome = `refused: ${(e as Error).message.split("\n")[1]?.trim() ?? ""}`;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ shape: values.shape, megabytes: +(text.length / 1e6).toFixed(1), services, seconds: +seconds.toFixed(2),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
  }
}

if (require.main === module) main();
