import { Duration } from "./duration";

/**
 * Options of a batched rollout.
 * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#update_strategy_v2 | alicloud_sae_application.update_strategy_v2}
 */
export interface BatchRolloutOptions {
  /**
   * Number of batches the replicas are updated in.
   * @default 2
   */
  readonly batches?: number;
  /**
   * Update a first (gray) batch of one instance, then pause `interval` before the rest (no manual approval).
   * @default false
   */
  readonly grayFirst?: boolean;
  /**
   * Pause between batches; SAE counts it in whole minutes.
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;
}

/** How a new image version replaces the running one without downtime. */
export class Rollout {
  /** Update replicas in batches, optionally a gray batch first. */
  public static batches(options: BatchRolloutOptions = {}): Rollout {
    return new Rollout(options.batches ?? 2, options.grayFirst ?? false, options.interval ?? Duration.minutes(1));
  }

  private constructor(
    /** Number of batches. */
    public readonly batches: number,
    /** Whether a single-instance gray batch goes first. */
    public readonly grayFirst: boolean,
    /** Pause between batches. */
    public readonly interval: Duration,
  ) {}

  /** A short description for reports, e.g. `2 batches, gray first, 60s apart`. */
  public toString(): string {
    return `${this.batches} batch${this.batches === 1 ? "" : "es"}${this.grayFirst ? ", gray first" : ""}, ${this.interval} apart`;
  }

  /**
   * Instances that must stay ready while `replicas` roll in these batches:
   * those outside the largest batch, and never fewer than one once there are
   * two instances, so no release stops every instance at once (a single
   * instance cannot roll without a gap).
   */
  public minReadyInstances(replicas: number): number {
    return Math.max(replicas >= 2 ? 1 : 0, replicas - Math.ceil(replicas / this.batches));
  }

  /**
   * {@link Rollout.minReadyInstances} as a whole percentage of `replicas`,
   * rounded up: the share to keep ready when the instance count moves
   * (autoscaling), so a release of ten instances keeps as many ready as the
   * batches allow, not the floor's count.
   */
  public minReadyPercent(replicas: number): number {
    return Math.ceil((100 * this.minReadyInstances(replicas)) / replicas);
  }
}
