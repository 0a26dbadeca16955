import { App, Aspects, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { BUILDS, FrameworkCopy, describeFramework, frameworkOf, libraryFramework } from "./framework";

/** The description cdktf and cdktn give the (per copy, not global) symbol they keep a construct's Aspects under. */
const ASPECTS = "cdktf-aspects";

/** The symbol this copy of the framework keeps Aspects under. */
const OWN_ASPECTS: symbol | undefined = (() => {
  const probe = {};
  Aspects.of(probe as IConstruct);
  return Object.getOwnPropertySymbols(probe).find((s) => s.description === ASPECTS);
})();

/**
 * Throws unless the App `root`, its `stacks` and every Aspect added to them come from the copy of
 * the framework (and of constructs) the library uses. Two copies in one App synthesize without an
 * error — cdktn keeps cdktf's global marks, so either copy's App writes the other's stacks — but each
 * copy keeps Aspects under a symbol of its own: an Aspect added through one never visits the other's
 * constructs. The error says which copies are installed and how to keep one.
 */
export function assertOneFramework(root: IConstruct, stacks: readonly IConstruct[]): void {
  const library = libraryFramework();
  const others: { what: string; copy: FrameworkCopy | undefined }[] = [];
  if (App.isApp(root) && !(root instanceof App)) others.push({ what: "the App", copy: frameworkOf(root) });
  for (const stack of stacks) {
    if (!(stack instanceof TerraformStack)) others.push({ what: `the stack ${stack.node.path}`, copy: frameworkOf(stack) });
  }
  if (OWN_ASPECTS) {
    for (const construct of root.node.findAll()) {
      for (const symbol of Object.getOwnPropertySymbols(construct)) {
        if (symbol.description !== ASPECTS || symbol === OWN_ASPECTS) continue;
        const aspects = (construct as unknown as Record<symbol, object>)[symbol];
        others.push({ what: `the Aspects added to ${construct.node.path || "the App"}`, copy: frameworkOf(aspects) });
      }
    }
  }
  const constructsTwice = !(root instanceof Construct);
  if (others.length === 0 && !constructsTwice) return;

  const lines = ["This App mixes two copies of its CDK framework: what one copy adds (an Aspect above all) never reaches the other's constructs, so they cannot synthesize together."];
  lines.push(`  - the library's environments and stacks use ${describeFramework(library)}`);
  const shown = others.slice(0, 5);
  for (const { what, copy } of shown) lines.push(`  - ${what} uses ${describeFramework(copy)}`);
  if (others.length > shown.length) lines.push(`  - and ${others.length - shown.length} more`);
  if (constructsTwice) lines.push("  - the App's constructs is another copy of the package constructs than the library's");
  lines.push(...howToFix(library, others.map((o) => o.copy)));
  throw new Error(lines.join("\n"));
}

/** What to change so that one copy of each package is left. */
function howToFix(library: FrameworkCopy, copies: readonly (FrameworkCopy | undefined)[]): string[] {
  const other = copies.find((c) => c && c.name !== library.name)?.name;
  const fix = other && BUILDS[other]
    ? [
      `Fix: use one framework. On ${other}, import this library from "${BUILDS[other].entry}" (its build for ${other}) and remove ` +
        `${library.name}${library.name === "cdktf" ? " and @cdktf/provider-docker" : ""} from your dependencies; ` +
        `on ${library.name}, import App, Aspects and the rest from "${library.name}", not "${other}".`,
    ]
    : [
      `Fix: install one ${library.name} (${BUILDS[library.name]?.peer ?? "in the range the library peers on"}) and one constructs at the top of your ` +
        "project (`npm install` without --legacy-peer-deps, then `npm dedupe`), so that your App and the library load the same copies.",
    ];
  return [...fix, "`npm ls cdktf cdktn constructs` shows what is installed where; docs/cdktn.md in the cdktf-service-platform package explains the two builds."];
}
