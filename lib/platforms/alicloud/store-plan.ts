import { TerraformResource } from "cdktf";
import { StackVariables } from "../../environments/variables";
import { ReportLoss } from "../../environments/loss";
import { Duration } from "../../model/duration";
import { Size } from "../../model/size";
import { MysqlStore, Store } from "../../model/store";
import { StageSettings, StorePlan } from "../../policies/policy";
import { AlicloudStoreProps } from "./alicloud-props";

/**
 * A store as this environment provides it, every default applied.
 * @internal
 */
export interface AlicloudStorePlan extends StorePlan {
  /** Instance class of the managed instance. */
  readonly instanceClass: string;
  /** Disk space of a managed MySQL instance. */
  readonly storage: Size;
}

/** How the environment provides each store: its options, else the stage's store settings. */
export function planAlicloudStores(
  stackPath: string, stores: readonly Store[], options: Readonly<Record<string, AlicloudStoreProps>>, settings: StageSettings,
): AlicloudStorePlan[] {
  const defaults = settings.stores!;
  return stores.map((store) => {
    const own = options[store.name] ?? {};
    return {
      store,
      provision: own.external ? "external" : "managed",
      backupRetention: own.backupRetention ?? defaults.backupRetention,
      multiZone: own.multiZone ?? defaults.multiZone,
      deletionProtection: settings.deletionProtection,
      allowFrom: own.allowFrom ?? [],
      path: `${stackPath}/${store.name}`,
      instanceClass: own.instanceClass ?? defaults.instanceClasses[store.engine],
      storage: own.storage ?? (store instanceof MysqlStore ? store.storage : undefined) ?? defaults.storage,
    };
  });
}

/** Where managed stores go and what they are given. */
export interface ManagedStoreInputs {
  readonly vpcId: string;
  /** The VPC's CIDR block: the whitelist of every managed store. */
  readonly vpcCidr: string;
  /** The environment's zones and their vSwitches, in order: the first is the primary's, the second the standby's. */
  readonly zones: readonly { readonly zoneId: string; readonly vswitchId: string }[];
  readonly variables: StackVariables;
  readonly tags: Record<string, string>;
  readonly reportLoss: (store: Store) => ReportLoss;
}

/** How a service reaches a managed store: the connection attributes of its instance, and what must exist before it connects. */
export interface ManagedStore {
  readonly host: string;
  readonly port: string;
  /** The resources a service waits for: the instance, and for MySQL the account's rights on the database. */
  readonly ready: readonly TerraformResource[];
}

/** Whole days of a retention, or the managed service's minimum for "off". */
export function retentionDays(retention: Duration | "off", minimum: number): number {
  return retention === "off" ? minimum : retention.toDays();
}

/** Every day of the week, as RDS and Redis name them in backup policies. */
export const EVERY_DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
