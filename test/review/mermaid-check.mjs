/* global process */
// Parses Mermaid diagrams with Mermaid itself (the library GitHub and GitLab
// render comments with), in a DOM that jsdom provides: reads a JSON list of
// diagrams on stdin, prints a JSON list of parse errors (null where it parsed).
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(diagram);
    results.push(parsed && parsed.diagramType ? null : "not parsed");
  } catch (e) {
    results.push(String(e.message ?? e));
  }
}
process.stdout.write(JSON.stringify(results));
