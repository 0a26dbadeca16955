// A TypeDoc plugin for the API reference (typedoc.json): a class that extends
// one of another package's (cdktf's TerraformStack, Error) lists only what it
// and this library add. The members it inherits from outside are documented
// by their own package, and here they buried each environment's page under
// some thirty undocumented ones. A member the library overrides is its own and stays.
import { Converter, ReflectionKind } from "typedoc";

/** Whether `member` is, through every class it is inherited through, declared outside the project. */
function declaredOutside(member) {
  for (let current = member; current.inheritedFrom !== undefined;) {
    const next = current.inheritedFrom.reflection;
    if (next === undefined) return true;
    current = next;
  }
  return false;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  // After inherited members point at the members they come from (earlier they are unresolved), before the
  // groups of each page are made (later the removed members would stay listed).
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const outside = project.getReflectionsByKind(ReflectionKind.ClassMember).filter(declaredOutside);
    for (const member of outside) project.removeReflection(member);
  }, 0);
}
