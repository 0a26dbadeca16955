import { Duration } from "./duration";

/** What a scaling target measures, averaged over a service's instances. */
export type ScalingMeasure =
  | {
    /** Average CPU use. */
    readonly kind: "cpu";
    /** Percent of each instance's CPU to hold it at. */
    readonly percent: number;
  }
  | {
    /** Average memory use. */
    readonly kind: "memory";
    /** Percent of each instance's memory to hold it at. */
    readonly percent: number;
  }
  | {
    /** Requests per instance. */
    readonly kind: "requests";
    /** Requests per second per instance to hold it at. */
    readonly perSecond: number;
  }
  | {
    /** Response time. */
    readonly kind: "response-time";
    /** Average response time to hold it at. */
    readonly average: Duration;
  };

/**
 * A load a service should run at: above it instances are added, and when
 * every target of the service is below its value instances are removed.
 */
export class ScalingTarget {
  /** Average CPU use of the instances, in percent of what `resources.cpu` gives each. */
  public static cpu(percent: number): ScalingTarget {
    return new ScalingTarget({ kind: "cpu", percent });
  }

  /** Average memory use of the instances, in percent of what `resources.memory` gives each. */
  public static memory(percent: number): ScalingTarget {
    return new ScalingTarget({ kind: "memory", percent });
  }

  /** Requests per second per instance, counted where the service's routed HTTP port is served. */
  public static requestsPerSecond(perInstance: number): ScalingTarget {
    return new ScalingTarget({ kind: "requests", perSecond: perInstance });
  }

  /** Average response time of the service's routed HTTP port. */
  public static responseTime(average: Duration): ScalingTarget {
    return new ScalingTarget({ kind: "response-time", average });
  }

  private constructor(
    /** What is measured and the value to hold it at. */
    public readonly measure: ScalingMeasure,
  ) {}

  /** The target as people read it, e.g. `cpu 70%`, `response time 300ms`. */
  public toString(): string {
    const m = this.measure;
    if (m.kind === "requests") return `${m.perSecond} requests/s per instance`;
    if (m.kind === "response-time") return `response time ${m.average}`;
    return `${m.kind} ${m.percent}%`;
  }
}

/** Days of the week, as schedules name them. */
export type Weekday = "Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun";

/** Every day of the week, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** A daily window with bounds of its own. */
export interface ScalingWindowOptions {
  /** Start of the window, `HH:MM` (24 hours) in the platform's schedule time zone (SAE: GMT+8). */
  readonly from: string;
  /** End of the window, `HH:MM`, later than `from` on the same day; split a window that crosses midnight in two. */
  readonly to: string;
  /**
   * Fewest instances during the window. Unset, the environment's floor (the release's replica count, else `min`).
   * @default floor
   */
  readonly min?: number;
  /**
   * Most instances during the window.
   * @default autoscaling.max
   */
  readonly max?: number;
}

/**
 * Bounds that hold during a window of certain days, e.g. at least 6
 * instances from 08:00 to 20:00 on weekdays. Outside every window the
 * service's own bounds hold again.
 */
export class ScalingSchedule {
  /** The window on every day of the week. */
  public static daily(window: ScalingWindowOptions): ScalingSchedule {
    return new ScalingSchedule(WEEKDAYS, window);
  }

  /** The window from Monday to Friday. */
  public static weekdays(window: ScalingWindowOptions): ScalingSchedule {
    return new ScalingSchedule(WEEKDAYS.slice(0, 5), window);
  }

  /** The window on Saturday and Sunday. */
  public static weekends(window: ScalingWindowOptions): ScalingSchedule {
    return new ScalingSchedule(WEEKDAYS.slice(5), window);
  }

  /** The window on `days`. */
  public static on(days: Weekday[], window: ScalingWindowOptions): ScalingSchedule {
    return new ScalingSchedule([...days], window);
  }

  /** Start of the window, `HH:MM`. */
  public readonly from: string;
  /** End of the window, `HH:MM`. */
  public readonly to: string;
  /** Fewest instances during the window, if it sets its own. */
  public readonly min?: number;
  /** Most instances during the window, if it sets its own. */
  public readonly max?: number;

  private constructor(
    /** Days the window opens on. */
    public readonly days: readonly Weekday[],
    window: ScalingWindowOptions,
  ) {
    this.from = window.from;
    this.to = window.to;
    this.min = window.min;
    this.max = window.max;
  }
}

/** What drives the instance count between the bounds. */
export interface AutoscalingOptions {
  /**
   * Loads to hold: instances are added while any is above its value.
   * @default [ScalingTarget.cpu(70)]
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application_scaling_rule#metrics | alicloud_sae_application_scaling_rule.scaling_rule_metric.metrics}
   */
  readonly targets?: ScalingTarget[];
  /**
   * Windows with bounds of their own, e.g. more instances in business hours.
   * @default []
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application_scaling_rule#scaling_rule_timer | alicloud_sae_application_scaling_rule.scaling_rule_timer}
   */
  readonly schedules?: ScalingSchedule[];
  /**
   * How long every target must stay below its value before instances are removed, so a short lull does not shed capacity.
   * @default Duration.minutes(5)
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application_scaling_rule#stabilization_window_seconds | alicloud_sae_application_scaling_rule.scale_down_rules.stabilization_window_seconds}
   */
  readonly scaleInDelay?: Duration;
}

/**
 * How a service's instance count follows its load. `min` is the floor the
 * service runs at unless a release sets another replica count for an
 * environment; `max` is the ceiling. Platforms that cannot scale run the floor.
 */
export class Autoscaling {
  /** Scale between `min` and `max` instances. */
  public static between(min: number, max: number, options: AutoscalingOptions = {}): Autoscaling {
    return new Autoscaling(min, max, options);
  }

  /** Loads to hold. */
  public readonly targets: readonly ScalingTarget[];
  /** Windows with bounds of their own. */
  public readonly schedules: readonly ScalingSchedule[];
  /** How long load must stay low before instances are removed. */
  public readonly scaleInDelay: Duration;

  private constructor(
    /** Fewest instances: the floor where the release sets no replica count. */
    public readonly min: number,
    /** Most instances. */
    public readonly max: number,
    options: AutoscalingOptions,
  ) {
    this.targets = [...(options.targets ?? [ScalingTarget.cpu(70)])];
    this.schedules = [...(options.schedules ?? [])];
    this.scaleInDelay = options.scaleInDelay ?? Duration.minutes(5);
  }

  /** The bounds and targets as people read them, e.g. `2-10 instances on cpu 70%`. */
  public toString(): string {
    return `${this.min}-${this.max} instances on ${this.targets.join(", ") || "no target"}`;
  }
}
