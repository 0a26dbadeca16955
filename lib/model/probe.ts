import { Duration } from "./duration";

/**
 * How often and how patiently a probe checks an instance.
 * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#liveness_v2 | alicloud_sae_application.liveness_v2 and readiness_v2}
 * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#healthcheck | docker_container.healthcheck}
 */
export interface ProbeTiming {
  /**
   * Time after start before the first check, so slow starters are not killed.
   * @default Duration.seconds(10)
   */
  readonly initialDelay?: Duration;
  /**
   * Time one check may take before it counts as failed; must be shorter than `period`.
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;
  /**
   * Time between checks.
   * @default Duration.seconds(15)
   */
  readonly period?: Duration;
  /**
   * Consecutive failures before the instance is unhealthy.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes before an unhealthy instance is healthy again.
   * @default 1
   */
  readonly successThreshold?: number;
}

/** Options of a probe that checks a port. */
export interface PortProbeOptions extends ProbeTiming {
  /**
   * Probe a port that none of the service's `ports` declares (say, an admin port
   * kept off discovery and the load balancer); otherwise such a probe is refused as a likely typo.
   * @default false
   */
  readonly allowUndeclaredPort?: boolean;
}

/** Options of an HTTP probe. */
export interface HttpProbeOptions extends PortProbeOptions {
  /**
   * Request path; 2xx and 3xx answers count as healthy.
   * @default "/"
   */
  readonly path?: string;
}

/** What a probe does, independent of how a platform runs it. */
export type ProbeCheck =
  | {
    /** An HTTP GET. */
    readonly kind: "http";
    /** Container port the request goes to. */
    readonly port: number;
    /** Request path. */
    readonly path: string;
  }
  | {
    /** A TCP connect. */
    readonly kind: "tcp";
    /** Container port the connection goes to. */
    readonly port: number;
  }
  | {
    /** A command run inside the instance. */
    readonly kind: "command";
    /** The command and its arguments, run without a shell. */
    readonly command: readonly string[];
  };

/** The timing of a probe with every default filled in; see {@link ProbeTiming} for each field. */
export interface ResolvedProbeTiming {
  /** Time after start before the first check. */
  readonly initialDelay: Duration;
  /** Time one check may take before it counts as failed. */
  readonly timeout: Duration;
  /** Time between checks. */
  readonly period: Duration;
  /** Consecutive failures before the instance is unhealthy. */
  readonly failureThreshold: number;
  /** Consecutive successes before an unhealthy instance is healthy again. */
  readonly successThreshold: number;
}

/** A health probe: what to check on each instance and how often. */
export class Probe {
  /** Healthy when `GET http://<instance>:<port><path>` answers 2xx/3xx in time. */
  public static http(port: number, options: HttpProbeOptions = {}): Probe {
    return new Probe({ kind: "http", port, path: options.path ?? "/" }, options);
  }

  /** Healthy when a TCP connection to `port` opens in time. */
  public static tcp(port: number, options: PortProbeOptions = {}): Probe {
    return new Probe({ kind: "tcp", port }, options);
  }

  /** Healthy when `command` (run inside the instance, no shell) exits 0 in time. */
  public static command(command: string[], options: ProbeTiming = {}): Probe {
    // Anything but a list is kept as given, for the validation to report (spreading a string would split it into letters).
    return new Probe({ kind: "command", command: Array.isArray(command) ? [...command] : command }, options);
  }

  /** The timing with defaults filled in. */
  public readonly timing: ResolvedProbeTiming;
  /** Whether the probed port may be one the service does not declare. */
  public readonly allowUndeclaredPort: boolean;

  private constructor(
    /** What the probe checks. */
    public readonly check: ProbeCheck,
    timing: PortProbeOptions,
  ) {
    this.allowUndeclaredPort = timing.allowUndeclaredPort ?? false;
    this.timing = {
      initialDelay: timing.initialDelay ?? Duration.seconds(10),
      timeout: timing.timeout ?? Duration.seconds(5),
      period: timing.period ?? Duration.seconds(15),
      failureThreshold: timing.failureThreshold ?? 3,
      successThreshold: timing.successThreshold ?? 1,
    };
  }
}
