import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import { buildCatalog } from "./build";
import { ComposeFinding } from "./findings";
import { readCompose } from "./read-compose";
import { EnvironmentRequirements, ImportedVariable } from "./spec";

/** Options of `importCompose`. */
export interface ImportComposeOptions {
  /** Name of the file, used in findings and errors. @default "docker-compose.yml" */
  readonly file?: string;
}

/** A compose file as a catalog and a release, with everything that did not carry over exactly. */
export interface ComposeImport {
  /** One service per service of the file. */
  readonly catalog: ServiceCatalog;
  /** The image tag of each service as its version. */
  readonly release: Release;
  /** Every key not mapped, mapped approximately, or turned into a requirement or a secret, with its line. */
  readonly findings: readonly ComposeFinding[];
  /** What the environments must offer (zones, the registry the images came from). */
  readonly requirements: EnvironmentRequirements;
  /**
   * The Terraform variables the catalog reads for the file's environment
   * values, with the file's value of each non-secret one, for a `.tfvars`
   * file kept out of git. Secrets carry no value.
   */
  readonly variables: readonly ImportedVariable[];
}

/**
 * Imports a compose file of Alibaba Cloud's container service (version 1, or
 * 2/3 with `services:`), parsed with the `yaml` library: its `aliyun.*`
 * labels, environment, links, resources and ports become services of a new
 * catalog, its image tags a release. No environment value enters the catalog:
 * each is a Terraform variable (a sensitive one when the name or the value
 * looks secret). Throws a ComposeError, naming every problem with its line,
 * for a file that is not YAML or uses a form the importer does not know.
 */
export function importCompose(text: string, options: ImportComposeOptions = {}): ComposeImport {
  const read = readCompose(text, options.file ?? "docker-compose.yml");
  const { catalog, release } = buildCatalog(read.services);
  return { catalog, release, findings: read.findings, requirements: read.requirements, variables: read.variables };
}
