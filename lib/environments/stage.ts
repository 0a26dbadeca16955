import { Duration } from "../model/duration";
import { Policies } from "../policies/policies";
import type { StageSettings } from "../policies/policy";

/** Settings of the three stages; teams copy and adjust them with spread syntax. */
export const Stages = {
  /**
   * A Docker host for tests: names and structure only. Plain secrets are
   * warned about, not refused: a test stack may carry throwaway credentials,
   * but a literal is still written into cdk.tf.json and a plain variable
   * printed by every plan.
   */
  test: {
    name: "test",
    minReplicas: 1,
    minZones: 1,
    deletionProtection: false,
    logRetention: Duration.days(3),
    minLogRetention: Duration.days(1),
    allowInternet: false,
    policies: [Policies.asWarning(Policies.noPlainSecrets())],
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
