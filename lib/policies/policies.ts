import type { PolicyAdjustment } from "../validation/check-record";
import type { Policy, StageSettings } from "./policy";
import type { Violation } from "../validation/violation";
import { Duration } from "../model/duration";
import { AlarmsPolicyOptions, alarmsPolicy } from "./alarms";
import { AutoscalingPolicyOptions, autoscalingPolicy } from "./autoscaling";
import { deletionProtectionPolicy } from "./deletion-protection";
import { LogRetentionOptions, logRetentionPolicy } from "./log-retention";
import { MinReplicasOptions, minReplicasPolicy } from "./min-replicas";
import { MinZonesOptions, minZonesPolicy } from "./min-zones";
import { pinnedImagesPolicy } from "./pinned-images";
import { plainSecretsPolicy } from "./plain-secrets";
import { probesPolicy } from "./probes";
import { rolloutBatchesPolicy } from "./rollout-batches";
import { routeExposurePolicy } from "./route-exposure";
import { storeExposurePolicy } from "./store-exposure";
import { StoreSafetyOptions, storeSafetyPolicy } from "./store-safety";

/** Names of the library's policies. */
export type DefaultPolicyName =
  | "min-replicas" | "probes" | "pinned-images" | "min-zones" | "log-retention"
  | "deletion-protection" | "route-exposure" | "no-plain-secrets" | "rollout-batches"
  | "autoscaling" | "alarms" | "store-safety" | "store-exposure";

/** A policy name: one of the library's (offered by editors) or a team's own. */
export type PolicyName = DefaultPolicyName | (string & {});

/**
 * The library's policies, the sets each stage enforces, and one-liners that
 * adjust a stage's set in a team's own stack. Every adjustment returns new
 * settings and leaves `Stages` untouched; naming a policy the stage does not
 * have throws at once, so a typo cannot leave a rule silently in force.
 */
export class Policies {
  /** Everything production enforces. */
  public static production(): Policy[] {
    return [
      Policies.minReplicas({ atLeast: 2 }),
      Policies.probes(),
      Policies.pinnedImages(),
      Policies.minZones({ atLeast: 2 }),
      Policies.logRetention({ atLeast: Duration.days(30) }),
      Policies.deletionProtection(),
      Policies.routeExposure(),
      Policies.noPlainSecrets(),
      Policies.rolloutBatches(),
      Policies.autoscaling({ atLeast: 2 }),
      Policies.alarms(),
      Policies.storeSafety(),
      Policies.storeExposure(),
    ];
  }

  /**
   * Production's rules for a stage that is cheap to rebuild: one replica is
   * enough, logs are kept as long as the stage's own minimum, deletion
   * protection is off so the stage can be torn down, and alarms are optional.
   */
  public static prerelease(): Policy[] {
    return [
      Policies.minReplicas({ atLeast: 1 }),
      Policies.probes(),
      Policies.pinnedImages(),
      Policies.minZones({ atLeast: 2 }),
      Policies.logRetention(),
      Policies.routeExposure(),
      Policies.noPlainSecrets(),
      Policies.rolloutBatches(),
      Policies.autoscaling(),
      Policies.storeExposure(),
    ];
  }

  /** `min-replicas`: every service runs at least max(atLeast, settings.minReplicas) instances. */
  public static minReplicas(options: MinReplicasOptions = {}): Policy {
    return minReplicasPolicy(options);
  }

  /** `probes`: every service with a route has a readiness/liveness probe. */
  public static probes(): Policy {
    return probesPolicy();
  }

  /** `pinned-images`: every release version is a full version or a digest. */
  public static pinnedImages(): Policy {
    return pinnedImagesPolicy();
  }

  /** `min-zones`: settings.minZones is at least `atLeast`. */
  public static minZones(options: MinZonesOptions = {}): Policy {
    return minZonesPolicy(options);
  }

  /** `log-retention`: the stage's and every store's retention is at least max(atLeast, settings.minLogRetention). */
  public static logRetention(options: LogRetentionOptions = {}): Policy {
    return logRetentionPolicy(options);
  }

  /** `deletion-protection`: settings.deletionProtection is on. */
  public static deletionProtection(): Policy {
    return deletionProtectionPolicy();
  }

  /** `route-exposure`: public routes only where the stage allows the internet; warns on public routes without domains. */
  public static routeExposure(): Policy {
    return routeExposurePolicy();
  }

  /** `no-plain-secrets`: nothing that looks like a secret is a literal or a plain variable. */
  public static noPlainSecrets(): Policy {
    return plainSecretsPolicy();
  }

  /** `rollout-batches`: every service with two or more instances rolls out in at least two batches. */
  public static rolloutBatches(): Policy {
    return rolloutBatchesPolicy();
  }

  /**
   * `autoscaling`: every schedule window's minimum is at least max(atLeast, settings.minReplicas), and no
   * window's ceiling is below the environment's floor.
   */
  public static autoscaling(options: AutoscalingPolicyOptions = {}): Policy {
    return autoscalingPolicy(options);
  }

  /** `alarms`: every service has alarms that can fire, and the environment names who they notify. */
  public static alarms(options: AlarmsPolicyOptions = {}): Policy {
    return alarmsPolicy(options);
  }

  /**
   * `store-safety`: every store the environment creates keeps backups at least `minBackupRetention`,
   * refuses deletion and has a standby in a second zone.
   */
  public static storeSafety(options: StoreSafetyOptions = {}): Policy {
    return storeSafetyPolicy(options);
  }

  /** `store-exposure`: no store admits an address block outside the private ranges. */
  public static storeExposure(): Policy {
    return storeExposurePolicy();
  }

  /** `policy`, reporting everything it finds as warnings: shown, but synthesis goes on. */
  public static asWarning(policy: Policy): Policy {
    const warn = (found: Violation[]) => found.map((v) => ({ ...v, severity: "warning" as const }));
    const rendered = policy.checkRendered?.bind(policy);
    return {
      name: policy.name,
      check: (context) => warn(policy.check(context)),
      checkRendered: rendered && ((configuration, context) => warn(rendered(configuration, context))),
      warnsOnly: true,
    };
  }

  /** `settings` without the policies called `names`. */
  public static relax(settings: StageSettings, ...names: PolicyName[]): StageSettings {
    requireNames(settings, names, "relax");
    return adjusted(settings, settings.policies.filter((p) => !names.includes(p.name)), names, "relaxed");
  }

  /** `settings` with the policies called `names` reporting warnings instead of errors. */
  public static warnOnly(settings: StageSettings, ...names: PolicyName[]): StageSettings {
    requireNames(settings, names, "warnOnly");
    const policies = settings.policies.map((p) => (names.includes(p.name) ? Policies.asWarning(p) : p));
    return adjusted(settings, policies, names, "warning-only");
  }

  /** `settings` with each of `policies` in place of the stage's policy of the same name. */
  public static replace(settings: StageSettings, ...policies: Policy[]): StageSettings {
    requireNames(settings, policies.map((p) => p.name), "replace");
    const replaced = settings.policies.map((p) => policies.find((r) => r.name === p.name) ?? p);
    return adjusted(settings, replaced, policies.map((p) => p.name), "replaced");
  }

  /** `settings` with `policies` added after the stage's own. */
  public static add(settings: StageSettings, ...policies: Policy[]): StageSettings {
    const taken = policies.filter((p) => settings.policies.some((q) => q.name === p.name));
    if (taken.length > 0) {
      throw new Error(`Policies.add: stage "${settings.name}" already has ${list(taken.map((p) => p.name))}; use Policies.replace`);
    }
    return adjusted(settings, [...settings.policies, ...policies], policies.map((p) => p.name), "added");
  }
}

/** `settings` with `policies`, remembering what changed so a review can show it. */
function adjusted(
  settings: StageSettings, policies: Policy[], names: readonly string[], change: PolicyAdjustment["change"],
): StageSettings {
  const adjustments = [...(settings.adjustments ?? []), ...names.map((policy) => ({ policy, change }))];
  return { ...settings, policies, adjustments };
}

function requireNames(settings: StageSettings, names: readonly string[], verb: string): void {
  const unknown = names.filter((name) => !settings.policies.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Policies.${verb}: stage "${settings.name}" has no policy ${list(unknown)}; ` +
        `its policies are ${settings.policies.length > 0 ? list(settings.policies.map((p) => p.name)) : "none"}`,
    );
  }
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
