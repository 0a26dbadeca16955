import { Checker } from "../../validation/checker";
import { integerBetween, matching } from "../../validation/rules";
import { Violation } from "../../validation/violation";
import { ALICLOUD_REGIONS, checkRegion } from "./regions";
import { StateLocation } from "./state";
import { checkLockInstance, checkStateLocation } from "./state-rules";
import { DeployerExemption } from "./least-privilege";
import { DeployerProps } from "./state-bootstrap-props";

/** RAM policy names (CreatePolicy API: PolicyName). */
const POLICY_NAME = matching(/^[A-Za-z0-9-]{1,128}$/, "a RAM policy name: 1-128 letters, digits or '-'");

/** RAM role names (CreateRole API: RoleName). */
const ROLE_NAME = matching(/^[A-Za-z0-9._-]{1,64}$/, "a RAM role name: 1-64 letters, digits, '.', '-' or '_'");

/** Who may assume a role: an account, a RAM user or a RAM role. */
const PRINCIPAL = matching(/^acs:ram::\d{1,20}:(root|user\/[A-Za-z0-9._@-]+|role\/[A-Za-z0-9._-]+)$/,
  "a RAM ARN: acs:ram::<account id>:root, acs:ram::<account id>:user/<name> or acs:ram::<account id>:role/<name>");

/** RAM actions: `<product>:<API name>`, with `*` as a wildcard. */
const ACTION = matching(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "a RAM action such as nas:CreateFileSystem (product code, ':', API name; '*' as a wildcard)");

/** Why an exemption is granted: a sentence a reviewer reads, on one line. */
// eslint-disable-next-line no-control-regex -- control characters are what this rule refuses
const REASON = matching(/^(?=.*\S.*\S.*\S)[^\u0000-\u001f]{8,300}$/,
  "a reason of 8 to 300 characters on one line, saying why the deployer needs this grant (plan-review shows it)");

/** The settings of a state bootstrap, checked before anything is rendered; reported on the stack's path. */
export function stateBootstrapRules(
  path: string, region: string, state: StateLocation, deployer: DeployerProps | undefined, policyName: string,
): Violation[] {
  const c = new Checker("alicloud");
  checkRegion(c, path, "region", region);
  checkStateLocation(c, path, state, region, ALICLOUD_REGIONS);
  checkLockInstance(c, path, state);
  if (deployer) checkDeployer(c, path, state, deployer, policyName);
  return c.violations;
}

function checkDeployer(c: Checker, path: string, state: StateLocation, deployer: DeployerProps, policyName: string): void {
  c.expect(deployer.environments.length > 0, path, "deployer.environments", deployer.environments.length,
    "at least one environment: the deployer policy grants what its environments synthesize");
  deployer.environments.forEach((environment, i) => {
    const used = environment.config.state;
    for (const key of ["bucket", "region", "tablestoreEndpoint", "tablestoreTable"] as const) {
      c.expect(used[key] === state[key], path, `deployer.environments[${i}].state.${key}`, used[key],
        `${JSON.stringify(state[key])}, as in this stack's state: ${environment.node.path} must keep its state ` +
        "where this stack creates it (give both the same state object)");
    }
  });
  if (deployer.policyName !== undefined) c.check(path, "deployer.policyName", policyName, POLICY_NAME);
  else {
    // The default is made of the stack id: say so, and name the field the user did set.
    c.expect(POLICY_NAME.test(policyName), path, "id", path.split("/").pop(),
      `a stack id from which the default deployer.policyName "${policyName}" is ${POLICY_NAME.allowed.replace(/^a /, "a valid ")}, ` +
      "or set deployer.policyName");
  }
  const role = deployer.role;
  if (role) {
    c.check(path, "deployer.role.name", role.name, ROLE_NAME);
    c.expect(role.trustedPrincipals.length > 0, path, "deployer.role.trustedPrincipals", role.trustedPrincipals,
      "at least one principal allowed to assume the role");
    role.trustedPrincipals.forEach((principal, i) =>
      c.check(path, `deployer.role.trustedPrincipals[${i}]`, principal, PRINCIPAL));
    if (role.maxSessionDuration !== undefined) {
      c.check(path, "deployer.role.maxSessionDuration", role.maxSessionDuration, integerBetween(3600, 43200));
    }
  }
  for (const [type, actions] of Object.entries(deployer.actions ?? {})) {
    c.expect(actions.length > 0, path, `deployer.actions.${type}`, actions, "at least one RAM action");
    actions.forEach((action, i) => c.check(path, `deployer.actions.${type}[${i}]`, action, ACTION));
  }
  const exemptions = deployer.exemptions ?? [];
  if (!c.expect(Array.isArray(exemptions), path, "deployer.exemptions", exemptions,
    'a list of { action: "ram:…", reason: "…" }')) return;
  const seen = new Set<string>();
  exemptions.forEach((exemption, i) => {
    const field = `deployer.exemptions[${i}]`;
    const action = (exemption as Partial<DeployerExemption> | undefined)?.action;
    if (c.expect(action === "*" || ACTION.test(action as string), path, `${field}.action`, action,
      `${ACTION.allowed}, or *: the exact action the policy grants`)) {
      c.expect(!seen.has(action!.toLowerCase()), path, `${field}.action`, action, "an action not already exempted");
      seen.add(action!.toLowerCase());
    }
    c.check(path, `${field}.reason`, (exemption as Partial<DeployerExemption> | undefined)?.reason as string, REASON);
  });
}
