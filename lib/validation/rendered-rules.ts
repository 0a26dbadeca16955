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
  "alicloud_cr_namespace",
  "alicloud_cr_repo",
  "alicloud_log_project",
  "alicloud_log_store",
  "alicloud_slb_load_balancer",
  // Stores: the data itself.
  "alicloud_db_instance",
  "alicloud_db_database",
  "alicloud_kvstore_instance",
  // A state backend of its own: OSS bucket for state, Tablestore for the lock.
  "alicloud_oss_bucket",
  "alicloud_ots_instance",
  "alicloud_ots_table",
];

/** The parts of a synthesized stack (`cdk.tf.json`) these rules read. */
export interface RenderedStack {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
  readonly provider?: Record<string, readonly Record<string, unknown>[]>;
  readonly variable?: Record<string, { readonly sensitive?: boolean }>;
  readonly resource?: Record<string, Record<string, {
    readonly lifecycle?: { readonly prevent_destroy?: boolean };
    readonly [attribute: string]: unknown;
  }>>;
  readonly output?: Record<string, { readonly value?: unknown; readonly sensitive?: boolean }>;
}

/**
 * Checks what a platform rendered, which policies cannot see: variables that
 * carry secrets stay sensitive, outputs that could carry a secret are
 * sensitive, and with deletion protection on, stateful resources carry
 * `prevent_destroy`.
 */
export function validateRendered(
  path: string, stack: RenderedStack, deletionProtection: boolean,
  /** Why deletion protection is on, for the message. */
  reason = "settings.deletionProtection is on",
  /** Variables that carry secrets. */
  secretVariables: readonly string[] = [],
): Violation[] {
  const c = new Checker("rendered");
  for (const name of new Set(secretVariables)) {
    const variable = stack.variable && Object.hasOwn(stack.variable, name) ? stack.variable[name] : undefined;
    c.expect(variable === undefined || variable.sensitive === true, path, `variable.${name}.sensitive`, variable?.sensitive,
      "true: the variable carries a secret, which Terraform prints in every plan unless it is sensitive");
  }
  const outputs = Object.entries(stack.output ?? {});
  // Only outputs can leak what a resource carries: without any, there is nothing to trace.
  const tainted = outputs.length > 0 ? secretCarriers(stack) : new Map<string, Carrier>();
  for (const [id, output] of outputs) {
    const carrier = firstCarrier(referencesIn(JSON.stringify(output.value ?? null)), tainted);
    if (carrier === undefined) continue;
    c.expect(output.sensitive === true, path, `output.${id}.sensitive`, output.sensitive,
      `true: the output reads ${carrier}, which carries the sensitive variable ${tainted.get(carrier)!.variable}`);
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

/** A Terraform address that may hold a secret: which sensitive variable, and when it was found. */
interface Carrier {
  readonly variable: string;
  readonly order: number;
}

/**
 * Every Terraform address whose value may contain a secret: sensitive
 * variables, and resources that read one directly or through another carrier.
 */
function secretCarriers(stack: RenderedStack): Map<string, Carrier> {
  const carriers = new Map<string, Carrier>();
  const add = (address: string, variable: string) => carriers.set(address, { variable, order: carriers.size });
  for (const [name, variable] of Object.entries(stack.variable ?? {})) {
    if (variable.sensitive === true) add(`var.${name}`, `var.${name}`);
  }
  // depends_on orders resources without reading their values, so it carries nothing.
  // Each resource's references are read once: large stacks have thousands of resources.
  const resources = Object.entries(stack.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, config]) => ({
      address: `${type}.${id}`,
      reads: referencesIn(JSON.stringify({ ...config, depends_on: undefined })),
    })));
  let grew = carriers.size > 0;
  while (grew) {
    grew = false;
    for (const { address, reads } of resources) {
      if (carriers.has(address)) continue;
      const source = firstCarrier(reads, carriers);
      if (source !== undefined) {
        add(address, carriers.get(source)!.variable);
        grew = true;
      }
    }
  }
  return carriers;
}

/** Of the addresses `reads`, the carrier found first (the one a report names), if any. */
function firstCarrier(reads: ReadonlySet<string>, carriers: ReadonlyMap<string, Carrier>): string | undefined {
  let first: string | undefined;
  for (const address of reads) {
    const carrier = carriers.get(address);
    if (carrier && (first === undefined || carrier.order < carriers.get(first)!.order)) first = address;
  }
  return first;
}

/**
 * Every address Terraform expressions in `text` may reference: in its live
 * template sequences, for each run of name characters that does not continue
 * a longer name, each of its dotted prefixes (`docker_image.web.image_id`
 * reads `docker_image.web`; `web-2` is not `web`).
 */
function referencesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const [run] of liveExpressions(text).matchAll(/[A-Za-z0-9_.-]+/g)) {
    for (let dot = run.indexOf(".", 1); dot !== -1; dot = run.indexOf(".", dot + 1)) found.add(run.slice(0, dot));
    found.add(run);
  }
  return found;
}

/**
 * The bodies of the template sequences Terraform evaluates in `text`: `${…}`
 * and `%{…}`, but not the escaped `$${…}` and `%%{…}` that carry a team's
 * text, which merely mention an address.
 */
function liveExpressions(text: string): string {
  const bodies: string[] = [];
  // Jumps from one `${` or `%{` to the next: a stack's text is mostly neither.
  const open = /[$%]\{/g;
  for (let found = open.exec(text); found !== null; found = open.exec(text)) {
    const i = found.index;
    if (text[i - 1] === text[i]) continue;
    let depth = 0;
    let end = i + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    bodies.push(text.slice(i + 2, end));
    open.lastIndex = end + 1;
  }
  return bodies.join("\n");
}
