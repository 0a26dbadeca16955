import { Report, shown } from "./report";
import { ProbeSpec } from "./spec";

/** One `aliyun.probe.*` label as written. */
export interface ProbeLabel {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** The probe labels of one service, by their last name part. */
export interface ProbeLabels {
  url?: ProbeLabel;
  cmd?: ProbeLabel;
  timeout_seconds?: ProbeLabel;
  initial_delay_seconds?: ProbeLabel;
}

/** The model's default probe period: a timeout must stay below it. */
const DEFAULT_PERIOD_SECONDS = 15;

/**
 * The container service's probe: `aliyun.probe.url` (`http://container[:port][/path]`
 * or `tcp://container:<port>`) or `aliyun.probe.cmd`, with
 * `timeout_seconds` and `initial_delay_seconds`. Probes here run argv without
 * a shell, so a command is split on spaces only when it uses no shell syntax.
 */
export function readProbe(labels: ProbeLabels, service: string, report: Report): ProbeSpec | undefined {
  const { url, cmd } = labels;
  const timing = [labels.timeout_seconds, labels.initial_delay_seconds].filter((l): l is ProbeLabel => l !== undefined);
  const timeoutSeconds = seconds(labels.timeout_seconds, 1, service, report);
  const initialDelaySeconds = seconds(labels.initial_delay_seconds, 0, service, report);
  if (url === undefined && cmd === undefined) {
    for (const label of timing) {
      report.finding("unmapped", label.line, label.key, "no aliyun.probe.url or aliyun.probe.cmd: the container service " +
        "ignored this too, and the service has no probe", service);
    }
    return undefined;
  }
  if (url !== undefined && cmd !== undefined) {
    report.problem(cmd.line, "aliyun.probe.url and aliyun.probe.cmd together; allowed: one of them", service, cmd.key);
    return undefined;
  }
  const check = url !== undefined ? urlCheck(url, service, report) : commandCheck(cmd!, service, report);
  if (check === undefined) return undefined;
  let periodSeconds: number | undefined;
  if (timeoutSeconds !== undefined && timeoutSeconds >= DEFAULT_PERIOD_SECONDS) {
    periodSeconds = timeoutSeconds * 2;
    report.finding("approximated", labels.timeout_seconds!.line, labels.timeout_seconds!.key,
      `checks every ${periodSeconds}s: a probe's timeout must be shorter than its period (${DEFAULT_PERIOD_SECONDS}s by default)`, service);
  }
  return { check, timeoutSeconds, initialDelaySeconds, periodSeconds };
}

function urlCheck(label: ProbeLabel, service: string, report: Report): ProbeSpec["check"] | undefined {
  const m = /^(http|tcp):\/\/container(?::(\d{1,5}))?(\/\S*)?$/i.exec(label.value);
  const port = m?.[2] === undefined ? undefined : Number(m[2]);
  const kind = m?.[1].toLowerCase();
  if (m === null || (port !== undefined && (port < 1 || port > 65535)) || (kind === "tcp" && (port === undefined || m[3] !== undefined))) {
    report.problem(label.line, `${label.key} = ${shown(label.key, label.value)}; allowed: ` +
      "http://container[:port][/path] or tcp://container:<port> (the container service's only forms)", service, label.key);
    return undefined;
  }
  return kind === "tcp" ? { kind: "tcp", port: port! } : { kind: "http", port: port ?? 80, path: m[3] ?? "/" };
}

function commandCheck(label: ProbeLabel, service: string, report: Report): ProbeSpec["check"] | undefined {
  // Words of plain characters only: quotes, variables, pipes and redirections need a shell, which probes do not run.
  if (!/^\s*[A-Za-z0-9_./=:,@%+-]+(\s+[A-Za-z0-9_./=:,@%+-]+)*\s*$/.test(label.value)) {
    report.finding("unmapped", label.line, label.key, "a shell command line: probes run a program with arguments, " +
      "without a shell; put the check in a script in the image and probe with Probe.command([\"/path/to/script\"])", service);
    return undefined;
  }
  return { kind: "command", command: label.value.trim().split(/\s+/) };
}

function seconds(label: ProbeLabel | undefined, min: number, service: string, report: Report): number | undefined {
  if (label === undefined) return undefined;
  const n = Number(label.value);
  if (/^\s*\d+\s*$/.test(label.value) && n >= min && n <= 600) return n;
  report.problem(label.line, `${label.key} = ${shown(label.key, label.value)}; allowed: whole seconds from ${min} to 600`, service, label.key);
  return undefined;
}
