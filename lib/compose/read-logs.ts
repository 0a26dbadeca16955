import { ABSOLUTE_PATH, DNS_LABEL } from "../validation/rules";
import { Report, shown } from "./report";
import { LogSpec } from "./spec";

/** One `aliyun.log_store_<name>` or `aliyun.log_ttl_<name>` label. */
export interface LogLabel {
  readonly key: string;
  /** The `<name>` part. */
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/**
 * `aliyun.log_store_<name>: stdout | /path/to/file.log` and
 * `aliyun.log_ttl_<name>: <days>`. A service here streams to one log store:
 * stdout wins over files; several file stores merge into the first one.
 */
export function readLogs(stores: readonly LogLabel[], ttls: readonly LogLabel[], service: string, report: Report): LogSpec | undefined {
  const read = stores.flatMap((label) => {
    const name = label.name.toLowerCase().replace(/_/g, "-");
    if (!DNS_LABEL.test(name) || name.length < 3) {
      report.problem(label.line, `log store name ${JSON.stringify(label.name)}; allowed: 3-63 letters, digits, '-' or '_', ` +
        "starting with a letter", service, label.key);
      return [];
    }
    if (name !== label.name) {
      report.finding("approximated", label.line, label.key, `log store named ${name}: log store names are lowercase DNS labels`, service);
    }
    const value = label.value.trim();
    if (value !== "stdout" && !ABSOLUTE_PATH.test(value)) {
      report.problem(label.line, `${label.key} = ${shown(label.key, value)}; allowed: stdout, or the absolute path of a log ` +
        "file in the container (wildcards allowed), e.g. /var/log/app/*.log", service, label.key);
      return [];
    }
    return [{ label, name, value }];
  });
  const stdout = read.find((s) => s.value === "stdout");
  const files = read.filter((s) => s.value !== "stdout");
  const chosen = stdout ?? files[0];
  const days = ttls.map((ttl) => retention(ttl, service, report));
  if (chosen === undefined) {
    ttls.forEach((ttl, i) => days[i] !== undefined && report.finding("unmapped", ttl.line, ttl.key,
      `no log store ${ttl.name} is collected, so its retention has nothing to apply to`, service));
    return undefined;
  }
  for (const other of read.filter((s) => s !== chosen)) {
    report.finding(stdout !== undefined ? "unmapped" : "approximated", other.label.line, other.label.key, stdout !== undefined
      ? `not collected: the service streams stdout to ${chosen.name}, and a service has one log store`
      : `collected into ${chosen.name} with the other log files: a service has one log store`, service);
  }
  let retentionDays: number | undefined;
  ttls.forEach((ttl, i) => {
    if (days[i] === undefined) return;
    if (ttl.name === chosen.label.name) retentionDays = days[i];
    else report.finding("unmapped", ttl.line, ttl.key, `no log store ${ttl.name} is collected, so its retention has nothing to apply to`, service);
  });
  return { name: chosen.name, source: stdout !== undefined ? "stdout" : files.map((f) => f.value), retentionDays };
}

function retention(ttl: LogLabel, service: string, report: Report): number | undefined {
  const days = Number(ttl.value);
  if (/^\s*\d+\s*$/.test(ttl.value) && days >= 1 && days <= 3650) return days;
  report.problem(ttl.line, `${ttl.key} = ${shown(ttl.key, ttl.value)}; allowed: whole days from 1 to 3650`, service, ttl.key);
  return undefined;
}
