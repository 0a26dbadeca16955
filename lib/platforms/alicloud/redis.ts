import { Construct } from "constructs";
import { KvstoreInstance } from "../../../.gen/providers/alicloud/kvstore-instance";
import { withDefinedAttributes } from "../../environments/defined-attributes";
import { Duration } from "../../model/duration";
import { AlicloudStorePlan, EVERY_DAY, ManagedStore, ManagedStoreInputs } from "./store-plan";

const Instance = withDefinedAttributes(KvstoreInstance);

/** ApsaraDB for Redis keeps each backup 7 days: the provider has no retention setting. */
const REDIS_RETENTION_DAYS = 7;

/**
 * An ApsaraDB for Redis instance (master-replica) in the environment's VPC,
 * its replica in the second zone when the plan is multi-zone, password
 * authentication on, daily backups, admitting only the VPC and the plan's
 * private blocks.
 */
export function renderRedis(scope: Construct, plan: AlicloudStorePlan, inputs: ManagedStoreInputs): ManagedStore {
  const store = plan.store;
  const [primary, standby] = inputs.zones;
  const protect = plan.deletionProtection;
  const retention = plan.backupRetention;
  if (retention === "off" || retention.toDays() !== REDIS_RETENTION_DAYS) {
    inputs.reportLoss(store)({ field: "backupRetention", asked: retention, rendered: Duration.days(REDIS_RETENTION_DAYS),
      reason: "ApsaraDB for Redis backs up every day and keeps each backup 7 days; the provider sets no other retention" });
  }
  const instance = new Instance(scope, `store-${store.name}`, {
    dbInstanceName: `${scope.node.id}-${store.name}`,
    instanceType: "Redis",
    engineVersion: store.version,
    instanceClass: plan.instanceClass,
    paymentType: "PostPaid",
    zoneId: primary.zoneId,
    secondaryZoneId: plan.multiZone && standby !== undefined ? standby.zoneId : undefined,
    vswitchId: primary.vswitchId,
    // Clients must authenticate with the password, inside the VPC too.
    vpcAuthMode: "Open",
    password: inputs.variables.secret(store.password),
    securityIps: [inputs.vpcCidr, ...plan.allowFrom],
    instanceReleaseProtection: protect,
    backupPeriod: EVERY_DAY,
    backupTime: "02:00Z-03:00Z",
    tags: { ...inputs.tags, store: store.name },
    lifecycle: { preventDestroy: protect },
  });
  return { host: instance.connectionDomain, port: String(store.port), ready: [instance] };
}
