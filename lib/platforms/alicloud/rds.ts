import { Construct } from "constructs";
import { DbAccount } from "../../../.gen/providers/alicloud/db-account";
import { DbAccountPrivilege } from "../../../.gen/providers/alicloud/db-account-privilege";
import { DbBackupPolicy } from "../../../.gen/providers/alicloud/db-backup-policy";
import { DbDatabase } from "../../../.gen/providers/alicloud/db-database";
import { DbInstance } from "../../../.gen/providers/alicloud/db-instance";
import { withDefinedAttributes } from "../../environments/defined-attributes";
import { MysqlStore } from "../../model/store";
import { rdsMysqlClass } from "../../validation/store-classes";
import { AlicloudStorePlan, EVERY_DAY, ManagedStore, ManagedStoreInputs, retentionDays } from "./store-plan";

const Instance = withDefinedAttributes(DbInstance);

/** RDS keeps backups at least 7 days, taken at least twice a week. */
const RDS_MINIMUM = { days: 7, weekdays: ["Monday", "Thursday"] };

/**
 * An ApsaraDB RDS for MySQL instance in the environment's VPC (its standby in
 * the second zone when the plan is multi-zone), the store's database, the
 * services' account with read-write rights on it, and the backup policy.
 * Only the VPC and the plan's private blocks may connect.
 */
export function renderMysql(scope: Construct, plan: AlicloudStorePlan, inputs: ManagedStoreInputs): ManagedStore {
  const store = plan.store as MysqlStore;
  const name = `store-${store.name}`;
  const [primary, standby] = inputs.zones;
  const multiZone = plan.multiZone && standby !== undefined;
  const protect = plan.deletionProtection;
  const instance = new Instance(scope, name, {
    engine: "MySQL",
    engineVersion: store.version,
    instanceType: plan.instanceClass,
    instanceStorage: plan.storage.toMebibytes() / 1024,
    dbInstanceStorageType: "cloud_essd",
    // The class decides the edition: `.1` a single node, `.2c` a primary with a standby.
    category: rdsMysqlClass(plan.instanceClass)?.standby ? "HighAvailability" : "Basic",
    instanceChargeType: "Postpaid",
    instanceName: `${scope.node.id}-${store.name}`,
    vpcId: inputs.vpcId,
    // A multi-zone instance takes one vSwitch per zone, the primary's first.
    vswitchId: multiZone ? `${primary.vswitchId},${standby.vswitchId}` : primary.vswitchId,
    zoneId: primary.zoneId,
    zoneIdSlaveA: multiZone ? standby.zoneId : undefined,
    securityIps: [inputs.vpcCidr, ...plan.allowFrom],
    deletionProtection: protect,
    tags: { ...inputs.tags, store: store.name },
    lifecycle: { preventDestroy: protect },
  });
  const database = new DbDatabase(scope, `${name}-database`, {
    instanceId: instance.id,
    name: store.database,
    characterSet: "utf8mb4",
    lifecycle: { preventDestroy: protect },
  });
  const account = new DbAccount(scope, `${name}-account`, {
    dbInstanceId: instance.id,
    accountName: store.user,
    accountPassword: inputs.variables.secret(store.password),
    accountType: "Normal",
  });
  const privilege = new DbAccountPrivilege(scope, `${name}-privilege`, {
    instanceId: instance.id,
    accountName: account.accountName,
    privilege: "ReadWrite",
    dbNames: [database.name],
  });
  const off = plan.backupRetention === "off";
  if (off) {
    inputs.reportLoss(store)({ field: "backupRetention", asked: "off", rendered: `${RDS_MINIMUM.days} days, ${RDS_MINIMUM.weekdays.join(" and ")}`,
      reason: "RDS always keeps backups; this is its minimum, without log backups, none kept after the instance is released" });
  }
  new DbBackupPolicy(scope, `${name}-backups`, {
    instanceId: instance.id,
    backupRetentionPeriod: retentionDays(plan.backupRetention, RDS_MINIMUM.days),
    preferredBackupPeriod: off ? RDS_MINIMUM.weekdays : EVERY_DAY,
    preferredBackupTime: "02:00Z-03:00Z",
    // Log backups restore to any point in time within the retention.
    enableBackupLog: !off,
    releasedKeepPolicy: off ? "None" : "Lastest",
  });
  return { host: instance.connectionString, port: instance.port, ready: [privilege] };
}
