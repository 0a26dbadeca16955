import * as fs from "fs";
import * as path from "path";

/** A Terraform variable a stack declares. */
export interface StackVariable {
  readonly name: string;
  readonly description: string;
  readonly sensitive: boolean;
}

/** A host address and port a container of the stack publishes. */
export interface PublishedPort {
  readonly ip: string;
  readonly port: number;
  /** The container that publishes it, as the stack names it. */
  readonly container: string;
}

/** What `npm run up` and `npm run down` need to know about a synthesized Docker stack. */
export interface DockerStackFacts {
  /** The stack's directory under the synth output. */
  readonly dir: string;
  /** Every image the stack runs, e.g. `localhost:5000/shop/web:1.3.0`, `nginx:stable`. */
  readonly images: string[];
  readonly variables: StackVariable[];
  readonly published: PublishedPort[];
  /** The local state file, when the stack keeps its state locally. */
  readonly stateFile?: string;
}

/** A published port of a `docker_container` block. */
interface PortJson {
  readonly ip?: string;
  readonly external?: number;
}

/** What this reads of a synthesized Docker stack (`cdk.tf.json`). */
interface DockerStackJson {
  readonly resource?: {
    readonly docker_image?: Record<string, { readonly name: string }>;
    readonly docker_container?: Record<string, { readonly name: string; readonly ports?: PortJson | PortJson[] }>;
  };
  readonly variable?: Record<string, { readonly description?: string; readonly sensitive?: boolean }>;
  readonly terraform?: { readonly backend?: { readonly local?: { readonly path?: string } } };
}

/** Reads the facts of stack `name` from a synth output directory. */
export function readDockerStack(outdir: string, name: string): DockerStackFacts {
  const dir = path.join(outdir, "stacks", name);
  const file = path.join(dir, "cdk.tf.json");
  if (!fs.existsSync(file)) throw new Error(`the App synthesized no stack "${name}" (no ${file})`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as DockerStackJson;
  const images = Object.values(doc.resource?.docker_image ?? {}).map((image) => String(image.name));
  const variables = Object.entries(doc.variable ?? {}).map(([variable, spec]) => ({
    name: variable, description: String(spec.description ?? ""), sensitive: spec.sensitive === true,
  })).sort((a, b) => a.name.localeCompare(b.name));
  const published = Object.values(doc.resource?.docker_container ?? {}).flatMap((container) =>
    ([] as PortJson[]).concat(container.ports ?? []).map((p) => ({ ip: String(p.ip ?? "0.0.0.0"), port: Number(p.external), container: String(container.name) })));
  const statePath = doc.terraform?.backend?.local?.path;
  return { dir, images: [...new Set(images)].sort(), variables, published, stateFile: statePath ? path.resolve(dir, statePath) : undefined };
}
