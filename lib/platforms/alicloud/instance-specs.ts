import { Resources } from "../../model/size";

/**
 * One CPU/memory combination an SAE instance can have.
 * @internal
 */
export interface InstanceSpec {
  /** CPU in millicores. */
  readonly cpu: number;
  /** Memory in MiB. */
  readonly memory: number;
}

/**
 * The CPU/memory pairs rendered to SAE. SAE only runs fixed specifications
 * ("memory corresponds one-to-one with CPU", ContainerResources in the SAE API
 * reference); the provider (1.247) accepts cpu 500..32000 and memory
 * 1024..131072 from fixed lists. This table keeps the pairs inside both lists
 * at SAE's 1:2 and 1:4 core-to-GiB ratios (0.5 core only with 1 GiB). It is
 * deliberately conservative: an account may offer more, which the
 * DescribeInstanceSpecifications API lists per region.
 * @internal
 */
export const SAE_INSTANCE_SPECS: readonly InstanceSpec[] = [
  { cpu: 500, memory: 1024 },
  { cpu: 1000, memory: 2048 },
  { cpu: 1000, memory: 4096 },
  { cpu: 2000, memory: 4096 },
  { cpu: 2000, memory: 8192 },
  { cpu: 4000, memory: 8192 },
  { cpu: 4000, memory: 16384 },
  { cpu: 8000, memory: 16384 },
  { cpu: 8000, memory: 32768 },
  { cpu: 16000, memory: 32768 },
  { cpu: 16000, memory: 65536 },
  { cpu: 32000, memory: 65536 },
  { cpu: 32000, memory: 131072 },
];

/**
 * Whether SAE runs instances of `resources`.
 * @internal
 */
export function isSaeSpec(resources: Resources): boolean {
  const cpu = resources.cpu.toMillicores();
  const memory = resources.memory.toMebibytes();
  return SAE_INSTANCE_SPECS.some((s) => s.cpu === cpu && s.memory === memory);
}

/**
 * The allowed pairs, for messages: "0.5 core/1 GiB, 1 core/2 GiB, ...".
 * @internal
 */
export function describeSaeSpecs(): string {
  return SAE_INSTANCE_SPECS.map((s) => `${s.cpu / 1000} core${s.cpu > 1000 ? "s" : ""}/${s.memory / 1024} GiB`).join(", ");
}
