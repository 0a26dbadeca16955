import { diffValues } from "./attribute-diff";
import { AttributeChange, Relocation, ResourceAction, ResourceChange, SettingChange, StackChanges, VariableChange } from "./changes";
import { forcesReplacement, hasReplacementRule } from "./replacement-rules";
import { ConfiguredResource, StackConfig } from "./synth-output";
import { PathStep, Unknown, Value, formatPath, isRecord, sameValue, valueAt } from "./values";

/** `type.name.attribute` inside a `${...}` interpolation. */
const REFERENCE = /\b([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g;

/**
 * Compares two synthesized configurations of every stack. Which changes
 * replace a resource comes from the documented list (replacement-rules.ts),
 * and a replacement travels along references: a container whose `image` is
 * `${docker_image.web-image.image_id}` is replaced when that image is, as
 * Terraform would plan it.
 */
export function compareConfigurations(
  base: ReadonlyMap<string, StackConfig>,
  head: ReadonlyMap<string, StackConfig>,
): StackChanges[] {
  const names = [...new Set([...base.keys(), ...head.keys()])];
  return names.map((stack) => compareStack(stack, base.get(stack), head.get(stack)));
}

function compareStack(stack: string, base: StackConfig | undefined, head: StackConfig | undefined): StackChanges {
  const before = base?.resources ?? new Map<string, ConfiguredResource>();
  const after = head?.resources ?? new Map<string, ConfiguredResource>();
  const addresses = [...new Set([...before.keys(), ...after.keys()])].sort();
  const relocation = relocationOf(base?.settings ?? {}, head?.settings ?? {});
  const changes = new Map(addresses.map((address) => [address, compareResource(address, before.get(address), after.get(address), relocation)]));
  propagateReplacements(changes, after);

  const unknownTypes = new Set<string>();
  for (const change of changes.values()) {
    if (change.action === "update" && !hasReplacementRule(change.type)) unknownTypes.add(change.type);
  }
  return {
    stack,
    resources: [...changes.values()],
    variables: compareVariables(base, head),
    settings: compareSettings(base?.settings ?? {}, head?.settings ?? {}),
    unknownReplacementTypes: [...unknownTypes].sort(),
    warnings: head?.warnings ?? [],
    ...(relocation ? { relocation } : {}),
    checked: { before: base?.checked, after: head?.checked },
  };
}

/**
 * Provider settings that say where resources are: another value and the
 * provider looks for every resource of the stack there, finds none, and
 * creates each anew — the ones where it pointed before stay, unmanaged.
 */
const LOCATIONS: Readonly<Record<string, string>> = { alicloud: "region", docker: "host" };

/** Resource types of a relocated provider that are global, not in one region. */
const GLOBAL_TYPES = /^alicloud_(ram_|cms_alarm_contact)/;

function relocationOf(before: Readonly<Record<string, Value>>, after: Readonly<Record<string, Value>>): Relocation | undefined {
  for (const [provider, setting] of Object.entries(LOCATIONS)) {
    const where = (settings: Readonly<Record<string, Value>>) => {
      const config = settings[`provider.${provider}`];
      const value = valueAt(Array.isArray(config) ? config[0] : config, [setting]);
      return typeof value === "string" ? value : undefined;
    };
    const [from, to] = [where(before), where(after)];
    if (from !== undefined && to !== undefined && from !== to) return { provider, setting, from, to };
  }
  return undefined;
}

function compareResource(address: string, before?: ConfiguredResource, after?: ConfiguredResource, relocation?: Relocation): ResourceChange {
  const type = (after ?? before)!.type;
  const lifecycle = { before: before?.lifecycle, after: after?.lifecycle };
  if (!before) return { address, type, action: "create", after: after!.values, attributes: [], lifecycle };
  if (!after) return { address, type, action: "delete", before: before.values, attributes: [], lifecycle };
  const attributes = diffValues(before.values, after.values, (path) => forcesReplacement(type, formatPath(path.slice(0, 1))));
  const relocated = relocation !== undefined && type.startsWith(`${relocation.provider}_`) && !GLOBAL_TYPES.test(type);
  return {
    address,
    type,
    action: relocated ? "replace" : actionFor(attributes),
    ...(relocated ? { reason: `created anew at ${relocation.setting} ${relocation.to}; the one at ${relocation.from} is left behind, unmanaged` } : {}),
    before: before.values,
    after: after.values,
    attributes,
    createBeforeDestroy: after.lifecycle.createBeforeDestroy,
    lifecycle,
  };
}

function actionFor(attributes: readonly AttributeChange[]): ResourceAction {
  if (attributes.some((a) => a.forcesReplacement)) return "replace";
  return attributes.length > 0 ? "update" : "no-op";
}

/**
 * Marks every reference to a replaced resource (or to a changed attribute of an
 * updated one) as known only after apply, until nothing more changes.
 */
function propagateReplacements(changes: Map<string, ResourceChange>, after: ReadonlyMap<string, ConfiguredResource>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [address, change] of changes) {
      if (change.action === "create" || change.action === "delete") continue;
      const added: AttributeChange[] = [];
      for (const { path, text, live } of interpolations(change.after)) {
        if (change.attributes.some((a) => formatPath(a.path) === formatPath(path))) continue;
        const reason = staleReference(live, address, changes, after);
        if (reason) {
          added.push({
            path,
            before: text,
            after: new Unknown(reason),
            forcesReplacement: forcesReplacement(change.type, formatPath(path.slice(0, 1))),
          });
        }
      }
      if (added.length > 0) {
        const attributes = [...change.attributes, ...added];
        // A relocated resource is recreated whatever its attributes say.
        changes.set(address, { ...change, attributes, action: change.action === "replace" ? "replace" : actionFor(attributes) });
        changed = true;
      }
    }
  }
}

/** Why a reference in `text` will have a new value, or undefined when none does. */
function staleReference(
  text: string,
  self: string,
  changes: ReadonlyMap<string, ResourceChange>,
  after: ReadonlyMap<string, ConfiguredResource>,
): string | undefined {
  for (const match of text.matchAll(REFERENCE)) {
    const target = `${match[1]}.${match[2]}`;
    const change = changes.get(target);
    if (target === self || !change) continue;
    if (change.action === "replace") return `${target} is replaced`;
    const attribute = match[3];
    const configured = after.get(target)?.values[attribute];
    if (change.action === "update" && configured !== undefined && change.attributes.some((a) => a.path[0] === attribute)) {
      return `${target}.${attribute} changes`;
    }
  }
  return undefined;
}

/**
 * Every string leaf holding a live interpolation, with its path (the text
 * without escaped sequences: `$${x}` is the literal text `${x}` to Terraform).
 */
function interpolations(value: Value | undefined, path: PathStep[] = []): { path: PathStep[]; text: string; live: string }[] {
  if (typeof value === "string") {
    const live = value.replace(/\$\$\{[^}]*\}/g, "");
    return live.includes("${") ? [{ path, text: value, live }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => interpolations(v, [...path, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => interpolations(v, [...path, k]));
  return [];
}

function compareVariables(base?: StackConfig, head?: StackConfig): VariableChange[] {
  const before = base?.variables ?? {};
  const after = head?.variables ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => !(before[name] && after[name]
      && before[name].sensitive === after[name].sensitive && sameValue(before[name].fields, after[name].fields)))
    .map((name) => ({ name, before: before[name], after: after[name] }));
}

function compareSettings(before: Readonly<Record<string, Value>>, after: Readonly<Record<string, Value>>): SettingChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .map((setting) => ({
      setting,
      status: before[setting] === undefined ? "added" as const : after[setting] === undefined ? "removed" as const : "changed" as const,
      attributes: diffValues(before[setting], after[setting], () => false),
    }))
    .filter((s) => s.attributes.length > 0);
}
