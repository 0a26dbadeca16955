import { Duration } from "./duration";

/** Where a service's alarms fire, each adjustable; the defaults suit a web service. */
export interface AlarmThresholds {
  /**
   * Average CPU use of the instances, in percent, above which the CPU alarm fires.
   * @default 85
   */
  readonly cpuPercent?: number;
  /**
   * Average memory use of the instances, in percent, above which the memory alarm fires.
   * @default 90
   */
  readonly memoryPercent?: number;
  /**
   * Server errors (5xx the service answered) per second at the load balancer, per routed HTTP port.
   * @default 1
   */
  readonly serverErrorsPerSecond?: number;
  /**
   * Average time the service takes to answer at the load balancer, per routed HTTP port.
   * @default Duration.seconds(1)
   */
  readonly responseTime?: Duration;
  /**
   * Instances the load balancer finds unhealthy on a routed port at which the alarm fires.
   * @default 1
   */
  readonly unhealthyInstances?: number;
  /**
   * How long a threshold must be crossed before anyone is told, so a blip pages no one.
   * @default Duration.minutes(3)
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cms_alarm#times | alicloud_cms_alarm.escalations_critical.times}
   */
  readonly sustainedFor?: Duration;
}

/** The thresholds with every default filled in. */
export interface ResolvedAlarmThresholds {
  /** Average CPU use, in percent, above which the CPU alarm fires. */
  readonly cpuPercent: number;
  /** Average memory use, in percent, above which the memory alarm fires. */
  readonly memoryPercent: number;
  /** Server errors per second at the load balancer at which the errors alarm fires. */
  readonly serverErrorsPerSecond: number;
  /** Average response time at the load balancer above which the latency alarm fires. */
  readonly responseTime: Duration;
  /** Unhealthy instances at the load balancer at which the health alarm fires. */
  readonly unhealthyInstances: number;
  /** How long a threshold must be crossed before anyone is told. */
  readonly sustainedFor: Duration;
}

/**
 * Whether a service is watched, and where its alarms fire: saturation (CPU,
 * memory) for every service, plus errors, latency and unhealthy instances at
 * the load balancer for each routed port. Platforms without alarms say so.
 */
export class Alarms {
  /** The usual alarms, with any threshold adjusted. */
  public static defaults(thresholds: AlarmThresholds = {}): Alarms {
    return new Alarms(true, {
      cpuPercent: thresholds.cpuPercent ?? 85,
      memoryPercent: thresholds.memoryPercent ?? 90,
      serverErrorsPerSecond: thresholds.serverErrorsPerSecond ?? 1,
      responseTime: thresholds.responseTime ?? Duration.seconds(1),
      unhealthyInstances: thresholds.unhealthyInstances ?? 1,
      sustainedFor: thresholds.sustainedFor ?? Duration.minutes(3),
    });
  }

  /** No alarms for this service (the `alarms` policy refuses it in production). */
  public static disabled(): Alarms {
    return new Alarms(false, Alarms.defaults().thresholds);
  }

  private constructor(
    /** Whether the service has alarms at all. */
    public readonly enabled: boolean,
    /** Where they fire. */
    public readonly thresholds: ResolvedAlarmThresholds,
  ) {}

  /** `enabled` or `disabled`, for reports. */
  public toString(): string {
    return this.enabled ? "enabled" : "disabled";
  }
}

/**
 * Who is told when an alarm of the environment fires. Contacts are named,
 * not described: on Alibaba Cloud they are existing CloudMonitor alarm
 * contacts (whose phone numbers and mail addresses stay out of the code).
 */
export interface Alerting {
  /** Names of the contacts (people or on-call rotations) alarms notify. */
  readonly contacts: string[];
  /**
   * Name of the contact group the environment's alarms notify.
   * @default `${stackId}-services`
   */
  readonly group?: string;
}
