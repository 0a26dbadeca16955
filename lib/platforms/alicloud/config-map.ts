import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { SaeConfigMap } from "../../../.gen/providers/alicloud/sae-config-map";
import { StackVariables } from "../../environments/variables";
import { SharedConfig } from "../../model/shared-config";

/**
 * Text as Go's encoding/json writes it: the provider reads a config map's
 * `data` back by marshalling the map SAE returns, which escapes `<`, `>`, `&`
 * and the two Unicode line separators; writing the same text keeps a plan
 * after apply free of changes. Terraform's `jsonencode` escapes them too.
 */
function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `data` of the config map: a JSON object in key order, each value text or a Terraform-encoded token. */
export function configMapData(values: ReadonlyMap<string, string>): string {
  const entries = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, value]) => `${goJsonString(key)}:${Token.isUnresolved(value) ? Fn.jsonencode(value) : goJsonString(value)}`).join(",")}}`;
}

/**
 * The one config map of the environment's SAE namespace, holding every value
 * of the catalog's shared configuration as this environment resolves it.
 * Returns its id, which each application's `envs` refers to.
 */
export function renderConfigMap(
  scope: Construct, shared: SharedConfig, inputs: { readonly namespaceId: string; readonly name: string; readonly variables: StackVariables },
): string {
  const values = new Map(shared.keys.map((key) => [key, inputs.variables.plain(shared.values[key])]));
  return new SaeConfigMap(scope, "shared-config", {
    name: inputs.name,
    namespaceId: inputs.namespaceId,
    description: `Configuration the services of ${scope.node.id} share`,
    data: configMapData(values),
  }).id;
}
