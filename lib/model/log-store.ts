import { Duration } from "./duration";

/** Options of a log store. */
export interface LogStoreOptions {
  /** How long logs are kept. @default - the environment's log retention */
  readonly retention?: Duration;
}

/** Where a service's logs are collected. */
export type LogSource =
  | { readonly kind: "stdout" }
  | { readonly kind: "files"; readonly paths: readonly string[] };

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
