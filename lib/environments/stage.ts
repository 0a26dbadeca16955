import { Duration } from "../model/duration";
import { Policies } from "../policies/policies";
import type { Policy } from "./policy";

/**
 * How one stage differs from the others. Platforms read these values; nothing
 * else in the library branches on a stage's name.
 */
export interface StageSettings {
  /** Stage name, used in labels and tags. */
  readonly name: string;
  /** Fewest instances a service may run with. */
  readonly minReplicas: number;
  /** Fewest availability zones services are spread over (cloud platforms). */
  readonly minZones: number;
  /** Whether load balancers, registries and log projects refuse deletion. */
  readonly deletionProtection: boolean;
  /** Log retention for stores that do not set their own. */
  readonly logRetention: Duration;
  /** Shortest log retention a store may set. */
  readonly minLogRetention: Duration;
  /** Whether public routes may face the internet. */
  readonly allowInternet: boolean;
  /** Policies checked on the whole environment before anything is written; adjust with `Policies.relax` and friends. */
  readonly policies: readonly Policy[];
}

/** Settings of the three stages; teams copy and adjust them with spread syntax. */
export const Stages = {
  /** A Docker host for tests: names and structure only. */
  test: {
    name: "test",
    minReplicas: 1,
    minZones: 1,
    deletionProtection: false,
    logRetention: Duration.days(3),
    minLogRetention: Duration.days(1),
    allowInternet: false,
    policies: [],
  } as StageSettings,
  /** The cloud, as close to production as is cheap. */
  prerelease: {
    name: "prerelease",
    minReplicas: 1,
    minZones: 2,
    deletionProtection: false,
    logRetention: Duration.days(7),
    minLogRetention: Duration.days(1),
    allowInternet: true,
    policies: Policies.prerelease(),
  } as StageSettings,
  /** The real thing. */
  production: {
    name: "production",
    minReplicas: 2,
    minZones: 2,
    deletionProtection: true,
    logRetention: Duration.days(30),
    minLogRetention: Duration.days(30),
    allowInternet: true,
    policies: Policies.production(),
  } as StageSettings,
};
