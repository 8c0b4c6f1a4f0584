// Package site builds iamlab's static site: the Markdown course under
// content/ becomes HTML pages with a navigation, a table of contents,
// highlighted code, previous and next links, a dark mode and a search
// index; the front-end TypeScript under site/web is bundled by esbuild; the
// engine is compiled to WebAssembly for the playground.
//
// # Pipeline
//
//  1. [Load] reads the content tree: every .md file with its front matter
//     (see [Page]); a folder's _index.md is that section's page.
//  2. Each page is rendered by goldmark (GFM, heading anchors, chroma
//     highlighting, links between .md files checked and rewritten) into
//     the templates under site/templates. Live blocks are checked by the
//     native engine as they are rendered: ```iam-playground (a simulation
//     and the decisions the page claims), ```iam-scenario (a scenario and
//     its expect statements; [ScenarioBlocks] lists them for the golden
//     corpus) and ```iam-totp (an MFA seed).
//  3. The navigation follows the content tree, ordered by weight then
//     title; previous and next follow the navigation's order.
//  4. The search index (search-index.json) lists every page's title,
//     keywords, headings and text.
//  5. With [WithFrontEnd], the TypeScript is installed (npm ci, from the
//     committed package-lock.json) and bundled; with [WithEngine], wasm/js
//     is compiled with GOOS=js and wasm_exec.js is copied from the Go
//     installation.
//
// Problems in the content come back together from [Generator.Build] as an
// [ErrorList], each with its file and line.
//
// # Serving
//
// [Handler] serves a built site, with the precompressed .gz files that the
// build writes beside the large assets. For iamlab site serve,
// [Generator.Watch] rebuilds the site when its sources change (only what
// the change needs) and [LiveHandler] with a [Reloader] reloads the pages
// open in browsers.
package site
