// The playground's CodeMirror editors, in a chunk of their own: main.ts
// imports this module dynamically, so that the page's first decision does
// not wait for CodeMirror to be fetched, compiled and run (site/README.md,
// "The playground's start").

export { createEditor } from "./editors";
export { createScenarioEditor } from "./scenario";
