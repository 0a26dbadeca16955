/**
 * A replica container's synthesized name: `base`, then its generation, which
 * Terraform hashes from a digest of what is known at synth and the values it
 * `reads` at deploy time (the image id, variables, the network).
 */
export function replicaName(base: string, reads: string[]): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escape(base)}-${escape("${substr(sha256(jsonencode([")}"[0-9a-f]{16}", ${reads.map(escape).join(", ")}${escape("])), 0, 8)}")}$`);
}
