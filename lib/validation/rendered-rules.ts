import { Checker } from "./checker";
import { Violation } from "./violation";

/**
 * Resources whose loss cannot be undone by applying again: images kept for
 * rollback, logs, state, and the load balancer address clients and DNS point at.
 * The one list both the deletion-protection check and plan-review's risk flags use.
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = [
  "docker_volume",
  "alicloud_cr_ee_instance",
  "alicloud_cr_ee_namespace",
  "alicloud_cr_ee_repo",
  "alicloud_log_project",
  "alicloud_log_store",
  "alicloud_slb_load_balancer",
  // A state backend of its own: OSS bucket for state, Tablestore for the lock.
  "alicloud_oss_bucket",
  "alicloud_ots_instance",
  "alicloud_ots_table",
];

/** The parts of a synthesized stack (`cdk.tf.json`) these rules read. */
export interface RenderedStack {
  readonly variable?: Record<string, { readonly sensitive?: boolean }>;
  readonly resource?: Record<string, Record<string, {
    readonly lifecycle?: { readonly prevent_destroy?: boolean };
    readonly [attribute: string]: unknown;
  }>>;
  readonly output?: Record<string, { readonly value?: unknown; readonly sensitive?: boolean }>;
}

/**
 * Checks what a platform rendered, which policies cannot see: outputs that
 * could carry a secret are sensitive, and with deletion protection on,
 * stateful resources carry `prevent_destroy`.
 */
export function validateRendered(
  path: string, stack: RenderedStack, deletionProtection: boolean,
  /** Why deletion protection is on, for the message. */
  reason = "settings.deletionProtection is on",
): Violation[] {
  const c = new Checker("rendered");
  const tainted = secretCarriers(stack);
  for (const [id, output] of Object.entries(stack.output ?? {})) {
    const carrier = [...tainted.keys()].find((address) => references(JSON.stringify(output.value ?? null), address));
    if (carrier === undefined) continue;
    c.expect(output.sensitive === true, path, `output.${id}.sensitive`, output.sensitive,
      `true: the output reads ${carrier}, which carries the sensitive variable ${tainted.get(carrier)}`);
  }
  if (deletionProtection) {
    for (const type of STATEFUL_RESOURCE_TYPES) {
      for (const [id, resource] of Object.entries(stack.resource?.[type] ?? {})) {
        c.expect(resource.lifecycle?.prevent_destroy === true, path, `${type}.${id}.lifecycle.prevent_destroy`,
          resource.lifecycle?.prevent_destroy, `true: ${reason} and this resource holds state`);
      }
    }
  }
  return c.violations;
}

/**
 * Every Terraform address whose value may contain a secret: sensitive
 * variables, and resources that read one directly or through another carrier.
 * Maps each address to the sensitive variable it carries.
 */
function secretCarriers(stack: RenderedStack): Map<string, string> {
  const carriers = new Map<string, string>();
  for (const [name, variable] of Object.entries(stack.variable ?? {})) {
    if (variable.sensitive === true) carriers.set(`var.${name}`, `var.${name}`);
  }
  // depends_on orders resources without reading their values, so it carries nothing.
  const resources = Object.entries(stack.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, config]) => ({ address: `${type}.${id}`, text: JSON.stringify({ ...config, depends_on: undefined }) })));
  let grew = carriers.size > 0;
  while (grew) {
    grew = false;
    for (const { address, text } of resources) {
      if (carriers.has(address)) continue;
      const source = [...carriers.keys()].find((carrier) => references(text, carrier));
      if (source !== undefined) {
        carriers.set(address, carriers.get(source)!);
        grew = true;
      }
    }
  }
  return carriers;
}

/** Whether Terraform expressions in `text` reference `address` (not merely a longer name starting with it). */
function references(text: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}($|[^A-Za-z0-9_-])`).test(liveExpressions(text));
}

/**
 * The bodies of the template sequences Terraform evaluates in `text`: `${…}`
 * and `%{…}`, but not the escaped `$${…}` and `%%{…}` that carry a team's
 * text, which merely mention an address.
 */
function liveExpressions(text: string): string {
  const bodies: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if ((text[i] !== "$" && text[i] !== "%") || text[i + 1] !== "{" || text[i - 1] === text[i]) continue;
    let depth = 0;
    let end = i + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    bodies.push(text.slice(i + 2, end));
    i = end;
  }
  return bodies.join("\n");
}
