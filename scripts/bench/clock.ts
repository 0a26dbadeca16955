/** Wall and CPU time (user + system, all threads of the process) in milliseconds. */
export interface Span {
  readonly wall: number;
  readonly cpu: number;
}

/** A point in time to measure a span from. */
export interface Mark {
  readonly wall: number;
  readonly cpu: NodeJS.CpuUsage;
}

export function mark(): Mark {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

export function since(start: Mark): Span {
  const cpu = process.cpuUsage(start.cpu);
  return { wall: performance.now() - start.wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export const ZERO: Span = { wall: 0, cpu: 0 };

export function plus(a: Span, b: Span): Span {
  return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu };
}

export function minus(a: Span, b: Span): Span {
  return { wall: a.wall - b.wall, cpu: a.cpu - b.cpu };
}

/**
 * Wraps `proto[name]` so every call adds its duration to `into.total`; calls
 * nested inside an outer timed call of the same wrapper are not counted twice.
 */
export function timeMethod(proto: object, name: string, into: { total: Span }): void {
  // By name: the methods timed include private ones, which no key type can name.
  const methods = proto as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  const original = methods[name];
  let depth = 0;
  methods[name] = function (this: unknown, ...args: unknown[]) {
    if (depth > 0) return original.apply(this, args);
    depth++;
    const start = mark();
    try {
      return original.apply(this, args);
    } finally {
      depth--;
      into.total = plus(into.total, since(start));
    }
  };
}
