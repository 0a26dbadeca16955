export * from "./policies";
export { isPinnedVersion } from "./pinned-images";
export type { LogRetentionOptions } from "./log-retention";
export type { MinReplicasOptions } from "./min-replicas";
export type { MinZonesOptions } from "./min-zones";
