import { Cpu } from "../../model/size";

/** Docker's CFS scheduler period, in microseconds: its default. */
const CPU_PERIOD = 100_000;

/** The smallest CPU allowance Docker accepts: a 1 ms quota per period. */
export const MIN_DOCKER_MILLICORES = 10;

/**
 * A container's CPU limit as a CFS period and quota. Never `cpus`: provider 3.6.2 panics on it
 * (it reads the value back as a string where it expects a number), and 4.x reads whole cores back as
 * "1.0"; period and quota are plain numbers in both lines and read back exactly as written.
 */
export function cpuLimit(cpu: Cpu): { cpuPeriod: number; cpuQuota: number } {
  return { cpuPeriod: CPU_PERIOD, cpuQuota: (cpu.toMillicores() * CPU_PERIOD) / 1000 };
}
