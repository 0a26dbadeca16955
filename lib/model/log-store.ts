import { Duration } from "./duration";

/** Options of a log store. */
export interface LogStoreOptions {
  /**
   * How long logs are kept. Unset, the stage's log retention applies.
   * @default settings.logRetention
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/log_store#retention_period | alicloud_log_store.retention_period}
   */
  readonly retention?: Duration;
}

/** Where a service's logs are collected. */
export type LogSource =
  | {
    /** What the containers write to stdout and stderr. */
    readonly kind: "stdout";
  }
  | {
    /** Log files inside the containers. */
    readonly kind: "files";
    /** Absolute paths of the files. */
    readonly paths: readonly string[];
  };

/** A named log store a service streams its logs to. */
export class LogStore {
  /** Collect what the containers write to stdout and stderr. */
  public static stdout(name: string, options: LogStoreOptions = {}): LogStore {
    return new LogStore(name, { kind: "stdout" }, options.retention);
  }

  /** Collect log files at `paths` inside the containers. */
  public static files(name: string, paths: string[], options: LogStoreOptions = {}): LogStore {
    return new LogStore(name, { kind: "files", paths: [...paths] }, options.retention);
  }

  private constructor(
    /** Store name. */
    public readonly name: string,
    /** What is collected. */
    public readonly source: LogSource,
    /** How long logs are kept, when the service decides it. */
    public readonly retention?: Duration,
  ) {}
}
