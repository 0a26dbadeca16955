/**
 * Where the e2e run keeps its files, the figures it measures (written to E2E_FIGURES and printed at
 * the end), and the file searches its secret checks use.
 */
import * as fs from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";
import type { LoopResult, Run } from "./support";

const ROOT = path.resolve(__dirname, "../..");
const WORKDIR = path.resolve(process.env.E2E_WORKDIR ?? path.join(ROOT, "cdktf.out/e2e"));

export const E2E = {
  workdir: WORKDIR,
  figures: path.resolve(process.env.E2E_FIGURES ?? path.join(ROOT, "cdktf.out/e2e-figures.json")),
  log: path.join(WORKDIR, "e2e.log"),
  lock: path.join(WORKDIR, ".lock"),
};

export function secs(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The figures of one run. */
export class Figures {
  private readonly started = Date.now();
  private readonly data: Record<string, any> = { startedAt: new Date().toISOString() };

  /** Sets `key` (merging objects). */
  public record(key: string, value: unknown): void {
    const old = this.data[key];
    this.data[key] = typeof old === "object" && old !== null && typeof value === "object" ? { ...old, ...value } : value;
  }

  /** A deploy under traffic: its duration, the requests, failures, versions and latencies the loop saw. */
  public rollout(key: string, what: string, result: Run, traffic: LoopResult, loop: { intervalMs: number }): void {
    this.record(key, {
      what, deploySeconds: secs(result.seconds), requests: traffic.requests, failed: traffic.failed,
      intervalMs: loop.intervalMs, loopSeconds: secs(traffic.seconds), loopEnded: traffic.ended,
      versionsAnswered: traffic.versions, failures: traffic.failures,
      latencyMs: { p50: traffic.p50LatencyMs, p99: traffic.p99LatencyMs, max: traffic.maxLatencyMs, over1s: traffic.over1s },
    });
  }

  /** Writes the figures to E2E_FIGURES and prints them. */
  public write(): void {
    this.data.totalSeconds = secs((Date.now() - this.started) / 1000);
    fs.mkdirSync(path.dirname(E2E.figures), { recursive: true });
    fs.writeFileSync(E2E.figures, JSON.stringify(this.data, null, 2) + "\n");
    const d = this.data;
    const traffic = (r: any) => r
      ? `${r.deploySeconds} s, requests ${r.requests}, failed ${r.failed}, latency p50/p99/max ${r.latencyMs.p50}/${r.latencyMs.p99}/${r.latencyMs.max} ms`
      : "-";
    console.log([
      `e2e figures (${E2E.figures}):`,
      `  images (build-images.sh)          ${d.images?.seconds ?? "-"} s${d.images?.forced ? " (forced rebuild)" : ""}`,
      `  npm run down (environment up?)    ${d.downFirst?.seconds ?? "-"} s`,
      `  npm run up from nothing / again   ${d.up?.fromNothingSeconds ?? "-"} s / ${d.up?.againSeconds ?? "-"} s`,
      `  cdktf diff test (no changes)      ${d.diffSeconds ?? "-"} s`,
      `  rollout (cdktf deploy --skip-synth) ${traffic(d.rollout)}`,
      `  rollback (README cdktf deploy)    ${traffic(d.rollback)}`,
      `  cdktf destroy test                ${d.destroySeconds ?? "-"} s`,
      `  npm run down (nothing up)         ${d.downAgainSeconds ?? "-"} s`,
      `  docker provider                   ${d.dockerProvider ?? "-"}; Docker ${d.tools?.docker ?? "-"}; Terraform ${d.tools?.terraform ?? "-"}`,
      `  total                             ${d.totalSeconds} s`,
    ].join("\n"));
  }
}

/**
 * The entries of a zip archive (a Terraform plan file is one), inflated, read through the central
 * directory: Go's zip writer leaves the sizes in the local headers empty.
 */
export function zipEntries(zip: Buffer): Buffer[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return [];
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.push(method === 8 ? inflateRawSync(data) : data);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Files under `dir` (not under the `skip` directory names) whose bytes, or a zip entry's, contain `needle`. */
export function filesContaining(dir: string, needle: string, skip: readonly string[] = []): string[] {
  if (!needle) throw new Error("no needle to search for");
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) walk(full);
      } else if (entry.isFile()) {
        const bytes = fs.readFileSync(full);
        const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        if (bytes.includes(needle) || (isZip && zipEntries(bytes).some((e) => e.includes(needle)))) found.push(full);
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * The container, network and volume names a synthesized stack declares, as anchored patterns: a
 * replica's name ends in a generation id known only after apply.
 */
export function namePatterns(cdkTfJson: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const doc = JSON.parse(fs.readFileSync(cdkTfJson, "utf8"));
  const pattern = (name: string) => `^${name.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")).join("[0-9a-f]{8}")}$`;
  const names = (type: string) => Object.values<any>(doc.resource[type] ?? {}).map((r) => pattern(r.name));
  return { containers: names("docker_container"), networks: names("docker_network"), volumes: names("docker_volume") };
}
