import { privateNameProblem, reservedNameProblem } from "../validation/private-names";
import { HOST_NAME } from "../validation/rules";
import { ServiceDraft } from "./read-service";
import { Report } from "./report";

/** Who each service calls and the names it is called by, once the whole file is read. */
export interface ResolvedNames {
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
  readonly aliases: ReadonlyMap<string, readonly string[]>;
}

/**
 * Resolves `links`, `external_links`, `depends_on` and `aliyun.depends`
 * against the file's services. The name a caller used (`db`, or `mysql` in
 * `db:mysql`) becomes an alias of the service it names, so the caller's code
 * keeps working in every environment; an external link may also name a route
 * domain of the file. `originals` maps the names as written to model names.
 */
export function resolveNames(drafts: readonly ServiceDraft[], originals: ReadonlyMap<string, string>, report: Report): ResolvedNames {
  const byName = new Map(originals);
  const byDomain = new Map<string, string>();
  for (const draft of drafts) {
    for (const route of draft.labels.routes.values()) route?.domains.forEach((d) => byDomain.set(d, draft.name));
  }
  const claims = new Map<string, string>(drafts.map((d) => [d.name, d.name]));
  byDomain.forEach((owner, domain) => claims.set(domain, owner));
  const dependsOn = new Map(drafts.map((d) => [d.name, [] as string[]]));
  const aliases = new Map(drafts.map((d) => [d.name, [] as string[]]));
  // Who each alias given so far names: looking it up in every service's list grew with the square of the file.
  const aliasOwners = new Map<string, string>();
  const addAlias = (owner: string, alias: string, line: number, key: string, service: string) => {
    if (byDomain.get(alias) === owner || aliasOwners.get(alias) === owner) return;
    const reserved = HOST_NAME.test(alias) ? reservedNameProblem(alias) : undefined;
    if (!HOST_NAME.test(alias)) {
      report.finding("approximated", line, key, `${JSON.stringify(alias)} is no DNS name, so no environment resolves it: ` +
        `callers reach the service as ${owner}`, service);
    } else if (reserved !== undefined) {
      report.finding("unmapped", line, key, `${alias} not kept as a name of ${owner}: ${reserved}, and no environment may ` +
        "answer such a name privately (docs/policies.md, names a team may give privately)", service);
    } else if (claims.has(alias) && claims.get(alias) !== owner) {
      report.problem(line, `${alias} would name both ${owner} and ${claims.get(alias)}: each name reaches one service`, service, key);
    } else {
      claims.set(alias, owner);
      aliases.get(owner)!.push(alias);
      if (!aliasOwners.has(alias)) aliasOwners.set(alias, owner);
      if (privateNameProblem(alias, { declared: [], endpoints: [] }) !== undefined) {
        report.finding("requirement", line, key, `${alias} kept as a name of ${owner}: it is a private name only in an ` +
          "environment that declares a private domain covering it (privateDomains); single labels and names under .local " +
          "or .internal need none", service);
      }
    }
  };
  for (const draft of drafts) {
    draft.networkAliases.forEach((alias) => addAlias(draft.name, alias.toLowerCase(), draft.line, "networks", draft.name));
    for (const ref of draft.references) {
      const target = byName.get(ref.name) ?? (ref.external ? byDomain.get(ref.name.toLowerCase()) ?? aliasOwners.get(ref.name.toLowerCase()) : undefined);
      if (target === undefined) {
        if (ref.external) {
          report.finding("external", ref.line, ref.key, `${ref.name} is no service, route domain or alias of this file: it resolves ` +
            "once a service of the catalog is routed or aliased by that name (put that service in this file, or add it by hand)", draft.name);
        } else {
          report.problem(ref.line, `${ref.name} names no service of this file`, draft.name, ref.key);
        }
        continue;
      }
      if (target === draft.name) {
        report.problem(ref.line, `${ref.name} is this service itself`, draft.name, ref.key);
        continue;
      }
      if (!dependsOn.get(draft.name)!.includes(target)) dependsOn.get(draft.name)!.push(target);
      addAlias(target, (ref.alias ?? ref.name).toLowerCase(), ref.line, ref.key, draft.name);
    }
  }
  return { dependsOn, aliases };
}

