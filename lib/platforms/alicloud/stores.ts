import { Construct } from "constructs";
import { StackVariables } from "../../environments/variables";
import { ConnectionField, MysqlStore, Store } from "../../model/store";
import { renderMysql } from "./rds";
import { renderRedis } from "./redis";
import { AlicloudStorePlan, ManagedStore, ManagedStoreInputs } from "./store-plan";

/** A managed instance per store the environment provides itself. */
export function renderManagedStores(scope: Construct, plans: readonly AlicloudStorePlan[], inputs: ManagedStoreInputs): Map<Store, ManagedStore> {
  const rendered = new Map<Store, ManagedStore>();
  for (const plan of plans) {
    if (plan.provision !== "managed") continue;
    rendered.set(plan.store, plan.store instanceof MysqlStore ? renderMysql(scope, plan, inputs) : renderRedis(scope, plan, inputs));
  }
  return rendered;
}

/** Part of a store's connection on Alibaba Cloud: its instance's address, or the variables of an external store. */
export function alicloudStoreValue(
  store: Store, field: ConnectionField, managed: ReadonlyMap<Store, ManagedStore>, variables: StackVariables,
): string {
  const instance = managed.get(store);
  if (!instance) return variables.externalStore(store, field);
  switch (field) {
    case "host": return instance.host;
    case "port": return instance.port;
    case "user": return (store as MysqlStore).user;
    default: return (store as MysqlStore).database;
  }
}
