import { Hash, createHash } from "crypto";
import { Fn, Token, Tokenization } from "cdktf";

/**
 * The generations of the replicas of one service: for each, 8 hex digits that
 * change whenever anything in its configuration (all but its name) changes.
 * Docker cannot update a container in place, so such a change replaces it; the
 * replacement starts before the old container stops (create_before_destroy)
 * and needs a name of its own, which this suffix gives it. Unchanged
 * configuration keeps the name, so a plan after apply shows nothing to do.
 *
 * What is known at synth (literals, numbers, the shape of every value) is
 * hashed here. What only Terraform knows (the image id a tag points at,
 * variable values, the id that stands for the secrets) is hashed by Terraform,
 * together with that digest, so rebuilding an image under the same tag or
 * rotating a secret renames the replacement too.
 */
export class Generations {
  private readonly shared: Hash;
  private readonly sharedReads: readonly unknown[];

  /** `shared`: the configuration every replica has, taken apart and hashed once rather than per replica. */
  constructor(shared: object) {
    const reads: unknown[] = [];
    this.shared = createHash("sha256").update(`${JSON.stringify(canonical(shared, reads))}\n`);
    this.sharedReads = reads;
  }

  /** The generation of the replica whose own configuration, besides the shared one, is `own`. */
  public of(own: object): string {
    const ownReads: unknown[] = [];
    const digest = this.shared.copy().update(JSON.stringify(canonical(own, ownReads, this.sharedReads.length))).digest("hex");
    const reads = [...this.sharedReads, ...ownReads];
    if (reads.length === 0) return digest.slice(0, 8);
    return Fn.substr(Fn.sha256(Fn.jsonencode([digest.slice(0, 16), ...reads])), 0, 8);
  }
}

/**
 * `value` with object keys sorted and every token replaced by its place in
 * the reads (`offset` + its index in `reads`, where the token goes): a plain
 * value to hash at synth.
 */
function canonical(value: unknown, reads: unknown[], offset = 0): unknown {
  if (Tokenization.isResolvable(value) || (typeof value === "number" && Token.isUnresolved(value))) {
    reads.push(value);
    return { token: offset + reads.length - 1 };
  }
  if (typeof value === "string") {
    // Every string token carries cdktf's marker, `${TfToken[`: most strings do not, and are not scanned for one.
    if (!value.includes("TfToken[") || !Token.isUnresolved(value)) return value;
    const fragments = Tokenization.reverseString(value);
    const first = offset + reads.length;
    reads.push(...fragments.tokens);
    return { literals: fragments.literals, tokens: [first, offset + reads.length] };
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item, reads, offset));
  if (value !== null && typeof value === "object") {
    return Object.keys(value).sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, canonical((value as Record<string, unknown>)[key], reads, offset)]);
  }
  return value;
}
