/** What a fresh benchmark process measured of itself, printed as its last line. */
export interface ProcessFigures {
  /** Milliseconds since the process started (Node's time origin). */
  readonly sinceStart: number;
  /** CPU time of the whole process, start-up included (user + system, ms). */
  readonly cpu: number;
  readonly peakRssMiB: number;
}

/** Prints this process's figures as one JSON line on stdout. */
export function reportProcess(): void {
  const cpu = process.cpuUsage();
  const figures: ProcessFigures = { sinceStart: performance.now(), cpu: (cpu.user + cpu.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
