import { Checker } from "../validation/checker";
import { Violation } from "../validation/violation";

/**
 * Something outside the App that one environment owns outright — a state
 * location, a namespace, a published port. Two environments of one App owning
 * the same thing would act on each other's resources.
 */
export interface Claim {
  /** What is owned, said for people, e.g. "state location". */
  readonly resource: string;
  /** Identity of the owned thing: two claims on one resource with one key collide. */
  readonly key: string;
  /** Construct path of the environment's stack that owns it. */
  readonly owner: string;
  /** Construct path the claim is reported at. */
  readonly path: string;
  /** Field the claim comes from. */
  readonly field: string;
  /** The value as given. */
  readonly value: unknown;
  /** How to give each environment its own, e.g. "set state.prefix". */
  readonly remedy: string;
}

/**
 * One error per claim that another environment made first: each collision is
 * reported once per environment, at its first claim of the thing (an
 * environment may claim one thing twice: from its input and from its final
 * configuration).
 */
export function claimCollisions(claims: readonly Claim[]): Violation[] {
  const c = new Checker("app");
  const first = new Map<string, Claim>();
  const reported = new Set<string>();
  for (const claim of claims) {
    const id = `${claim.resource}\u0000${claim.key}`;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, claim);
      continue;
    }
    if (earlier.owner === claim.owner || reported.has(`${claim.owner}\u0000${id}`)) continue;
    reported.add(`${claim.owner}\u0000${id}`);
    c.expect(false, claim.path, claim.field, claim.value,
      `its own ${claim.resource}, not another environment's of this App: ${earlier.owner} already uses ${claim.key} ` +
      `(${earlier.path}, ${earlier.field}); ${claim.remedy}`);
  }
  return c.violations;
}
