import { EnvValue } from "../model/config";
import { Policy } from "./policy";
import { RenderedEnv } from "./rendered";
import { Checker } from "../validation/checker";
import { Redacted, looksLikeCredential, looksLikeSecretName, reportableLiteral } from "../validation/secret-patterns";

/**
 * No secret travels as a plain environment value or a label. A literal is committed and
 * rendered into the synthesized JSON; a plain variable is printed in every
 * plan. Secrets belong in `secrets` (sensitive Terraform variables). What
 * counts as a secret is the documented heuristic of validation/secret-patterns:
 * a name with PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY… or a literal
 * shaped like a credential; and a variable's description, which is written
 * verbatim, holds nothing shaped like one. The environment variables the platform writes for
 * each service, and the shared values (SAE's config map), are judged the same way, after every Aspect and override. Reports never show the value (it is only made
 * reportable for a finding: a catalog has thousands that pass).
 */
export function plainSecretsPolicy(): Policy {
  return {
    name: "no-plain-secrets",
    check: ({ path, catalog, release }) => {
      const c = new Checker("no-plain-secrets");
      for (const service of catalog.services) {
        for (const [name, value] of Object.entries(service.env)) {
          // A shared value is judged once, under the shared configuration, below.
          if (value.source.kind !== "shared") checkValue(c, `${path}/${service.name}`, `env.${name}`, name, value);
        }
        for (const [name, secret] of Object.entries(service.secrets)) {
          checkDescription(c, `${path}/${service.name}`, `secrets.${name}`, secret.description);
        }
        for (const [key, value] of Object.entries(service.labels)) {
          const ok = !looksLikeSecretName(key) && !looksLikeCredential(value);
          c.expect(ok, `${path}/${service.name}`, `labels.${key}`, ok ? value : reportableLiteral(key, value),
            "a label without a secret: labels are committed, written into the synthesized files and shown to anyone who lists the containers or applications; use secrets");
        }
        for (const match of release.entryOf(service.name)?.canary?.matches ?? []) {
          const ok = !looksLikeSecretName(match.name) && !looksLikeCredential(match.value);
          c.expect(ok, `${path}/${service.name}`,
            `release.canary.${match.kind}s.${match.name}`, ok ? match.value : reportableLiteral(match.name, match.value),
            `a ${match.kind} that names a tester or a group, not a secret: the canary rule is committed and written into the synthesized files`);
        }
      }
      for (const [key, value] of Object.entries(catalog.shared?.values ?? {})) checkValue(c, path, `shared.${key}`, key, value);
      return c.violations;
    },
    checkRendered: ({ workloads, sharedValues = [] }) => {
      const c = new Checker("no-plain-secrets");
      for (const workload of workloads) checkRenderedEnv(c, workload.env);
      checkRenderedEnv(c, sharedValues);
      return c.violations;
    },
  };
}

/** A plain value named `name`: a literal (one per stage too) must not look like a secret, nor a plain variable be named like one. */
function checkValue(c: Checker, path: string, field: string, name: string, value: EnvValue): void {
  const source = value.source;
  const literals = source.kind === "literal" ? [source.value] : source.kind === "stage" ? Object.values(source.values) : [];
  for (const literal of literals) checkLiteral(c, path, field, name, literal);
  if (source.kind === "variable") {
    checkPlainVariable(c, path, field, name, source.name);
    checkDescription(c, path, field, source.description);
  }
}

/** A literal value of the variable `name` must not look like a secret (nor its name like a secret's). */
function checkLiteral(c: Checker, path: string, field: string, name: string, literal: string): void {
  const ok = !looksLikeSecretName(name) && !looksLikeCredential(literal);
  c.expect(ok, path, field, ok ? literal : reportableLiteral(name, literal),
    `secrets: { ${name}: Secret.fromVariable("<variable>") }: a literal is committed and written into the synthesized files`);
}

/** A value of `name` read from a Terraform variable that is not sensitive: neither may be named like a secret. */
function checkPlainVariable(c: Checker, path: string, field: string, name: string, variable: string): void {
  c.expect(!looksLikeSecretName(name) && !looksLikeSecretName(variable), path, field, variable,
    `secrets: { ${name}: Secret.fromVariable("${variable}") }: a plain variable is not sensitive, so plans print its value`);
}

/** Every environment variable the platform wrote for a service, judged as its input is. */
function checkRenderedEnv(c: Checker, env: readonly RenderedEnv[]): void {
  for (const e of env) {
    if (e.source.kind === "literal") checkLiteral(c, e.path, e.field, e.name, e.source.text);
    else if (e.source.kind === "variable" && !e.source.sensitive) checkPlainVariable(c, e.path, e.field, e.name, e.source.variable);
  }
}

/** A variable's description is committed and written verbatim into the synthesized files, like a literal. */
function checkDescription(c: Checker, path: string, field: string, description: string | undefined): void {
  if (typeof description !== "string" || !looksLikeCredential(description)) return;
  c.expect(false, path, `${field}.description`, new Redacted("description shaped like a credential"),
    "a description without a credential in it: it is committed and written verbatim into the synthesized files, " +
    "where a secret's value never is; say what the variable is for");
}
