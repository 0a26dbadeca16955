import { TerraformElement, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { resolveCopyingPlain } from "./plain-resolution";

/**
 * cdktf resolves every element of a stack twice per synth: once to prepare
 * the stack (resolving may add cross-stack outputs and remote state) and once
 * to render it. For an environment's elements — generated bindings full of
 * references and function calls — resolving is most of the synthesis, and the
 * two results are the same: only a cross-stack reference resolves differently
 * while preparing, and it records what it resolved to for the rendering that
 * follows. So an environment prepares its elements itself, keeps what they
 * resolved to, and its rendering takes that instead of resolving the
 * bindings again (the plain JSON it then holds is copied, not resolved:
 * plain-resolution.ts).
 * Only the App gate's rendering does, which cdktf's `App.synth()` runs right
 * after preparing every stack.
 */

/** Per stack, what its elements resolved to while preparing, until the gate's rendering takes it. */
const prepared = new WeakMap<TerraformStack, Map<TerraformElement, unknown>>();
const wrapped = new WeakSet<TerraformElement>();
/** The resolutions the rendering in progress takes. */
let rendering: ReadonlyMap<TerraformElement, unknown> | undefined;

/**
 * What cdktf's `TerraformStack.prepareStack()` does — ensure a backend, then
 * resolve every element of the stack (not of stacks nested in it) as
 * preparing — keeping each element's resolution for the gate's rendering.
 */
export function prepareKeepingResolutions(stack: TerraformStack): void {
  stack.ensureBackendExists();
  prepared.delete(stack);
  const resolved = new Map<TerraformElement, unknown>();
  for (const element of elementsOf(stack)) {
    takeResolutionWhenRendering(element);
    resolved.set(element, resolveCopyingPlain(element.toTerraform(), stack, true));
  }
  prepared.set(stack, resolved);
}

/**
 * Renders `stack` with `render`, its elements giving what they resolved to
 * while preparing. Only for a rendering right after cdktf prepared the stack
 * (the App gate's, at the start of a synth), with nothing changed in between;
 * the resolutions are used up either way, and any other rendering resolves
 * afresh.
 */
export function renderWithPreparedResolutions<T>(stack: TerraformStack, render: () => T): T {
  const outer = rendering;
  rendering = prepared.get(stack);
  prepared.delete(stack);
  try {
    return render();
  } finally {
    rendering = outer;
  }
}

function takeResolutionWhenRendering(element: TerraformElement): void {
  if (wrapped.has(element)) return;
  wrapped.add(element);
  const toTerraform: () => unknown = element.toTerraform.bind(element);
  element.toTerraform = () => (rendering?.has(element) ? rendering.get(element) : toTerraform());
}

/** The elements cdktf renders into `scope`'s stack: those under it, but not under a stack nested in it. */
function elementsOf(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) {
    if (!TerraformStack.isStack(child)) elementsOf(child, into);
  }
  return into;
}
