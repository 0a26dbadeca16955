import { Duration } from "../../model/duration";
import { Probe } from "../../model/probe";

/** A Docker container healthcheck, in the docker provider's field names. */
export interface DockerHealthcheck {
  readonly test: string[];
  readonly interval: string;
  readonly timeout: string;
  readonly startPeriod: string;
  readonly retries: number;
}

/**
 * Docker runs health checks inside the container, so http and tcp probes use
 * the busybox-style `wget` and `nc` that slim images carry. Every check runs
 * in exec form (`CMD` and an argument vector, no shell): the probe path is one
 * argument of wget, so `&`, `;`, `$(…)` or quotes in it are part of the URL and
 * never shell syntax. Docker counts any non-zero exit as a failed check. It
 * has no success threshold: one passing check makes a container healthy.
 */
export function dockerHealthcheck(probe: Probe): DockerHealthcheck {
  const check = probe.check;
  const timing = probe.timing;
  const test =
    check.kind === "http"
      ? ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${check.port}${check.path}`]
      : check.kind === "tcp"
        ? ["CMD", "nc", "-z", "127.0.0.1", String(check.port)]
        : ["CMD", ...check.command];
  return {
    test,
    interval: seconds(timing.period),
    timeout: seconds(timing.timeout),
    startPeriod: seconds(timing.initialDelay),
    retries: timing.failureThreshold,
  };
}

/** How long Terraform waits for a new container to turn healthy before giving up. */
export function healthyWithin(probe: Probe): number {
  const t = probe.timing;
  return Math.ceil(t.initialDelay.toSeconds() + t.period.toSeconds() * (t.failureThreshold + 1) + t.timeout.toSeconds());
}

function seconds(d: Duration): string {
  return `${Math.max(d.toMillis(), 0) / 1000}s`;
}
