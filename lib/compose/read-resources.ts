import { ownValue } from "../model/records";
import { Report, shown } from "./report";

/** A resource key as written. */
export interface ResourceKey {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** The limits a service's keys set. */
export interface ResourceKeys {
  memory?: ResourceKey;
  cpus?: ResourceKey;
  cpuShares?: ResourceKey;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** The largest amounts an instance may have anywhere (the model's limits): a longer number of digits is no size at all. */
const MAX_CORES = 128;
const MAX_BYTES = 1024 ** 4;

/**
 * CPU and memory per instance from `mem_limit`/`cpus`/`cpu_shares` (or
 * `deploy.resources.limits`). A model service needs both; the missing one is
 * derived at one core per 2 GiB, which every platform here runs.
 */
export function readResources(keys: ResourceKeys, service: string, report: Report): { millicores: number; mebibytes: number } | undefined {
  let mebibytes = keys.memory === undefined ? undefined : memory(keys.memory, service, report);
  let millicores = keys.cpus === undefined ? undefined : cpus(keys.cpus, service, report);
  if (millicores === undefined && keys.cpuShares !== undefined) {
    const shares = Number(keys.cpuShares.value);
    if (/^\s*\d+\s*$/.test(keys.cpuShares.value) && shares >= 2 && shares <= MAX_CORES * 1024) {
      millicores = Math.max(500, Math.round((shares / 1024) * 2) * 500);
      report.finding("approximated", keys.cpuShares.line, keys.cpuShares.key, `a relative weight, not a limit: read as ` +
        `${millicores / 1000} core (1024 shares = 1 core, in half cores)`, service);
    } else {
      report.problem(keys.cpuShares.line, `${keys.cpuShares.key} = ${shown(keys.cpuShares.key, keys.cpuShares.value)}; ` +
        `allowed: a whole number of shares from 2 to ${MAX_CORES * 1024}`, service, keys.cpuShares.key);
    }
  }
  if (millicores === undefined && mebibytes === undefined) return undefined;
  if (millicores === undefined) {
    millicores = Math.max(500, Math.round(mebibytes! / 2048) * 1000);
    report.finding("approximated", keys.memory!.line, keys.memory!.key, `no CPU limit in the file: ${millicores / 1000} core ` +
      "per instance (1 core per 2 GiB)", service);
  }
  if (mebibytes === undefined) {
    mebibytes = Math.max(1024, millicores * 2048 / 1000);
    const from = keys.cpus ?? keys.cpuShares!;
    report.finding("approximated", from.line, from.key, `no memory limit in the file: ${mebibytes / 1024} GiB per instance ` +
      "(2 GiB per core)", service);
  }
  return { millicores, mebibytes };
}

function memory(key: ResourceKey, service: string, report: Report): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(key.value);
  const unit = m === null ? undefined : ownValue(UNITS, m[2].toLowerCase());
  const bytes = m === null || unit === undefined ? NaN : Number(m[1]) * unit;
  if (!(bytes >= 0 && bytes <= MAX_BYTES)) {
    report.problem(key.line, `${key.key} = ${shown(key.key, key.value)}; allowed: a size up to 1024g such as 512m, 2g or a ` +
      "number of bytes", service, key.key);
    return undefined;
  }
  if (bytes === 0) {
    report.finding("approximated", key.line, key.key, "0 meant no limit: every instance here has a memory size; the default applies", service);
    return undefined;
  }
  const mebibytes = Math.ceil(bytes / 1024 ** 2);
  if (mebibytes * 1024 ** 2 !== bytes) {
    report.finding("approximated", key.line, key.key, `rounded up to ${mebibytes} MiB: memory is counted in whole mebibytes`, service);
  }
  return mebibytes;
}

function cpus(key: ResourceKey, service: string, report: Report): number | undefined {
  const cores = Number(key.value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(key.value) || !(cores > 0 && cores <= MAX_CORES)) {
    report.problem(key.line, `${key.key} = ${shown(key.key, key.value)}; allowed: a number of cores up to ${MAX_CORES}, such as 0.5 or 2`,
      service, key.key);
    return undefined;
  }
  return Math.round(cores * 1000);
}
