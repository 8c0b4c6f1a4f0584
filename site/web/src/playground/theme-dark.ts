// Syntax colours for the editors in the dark theme.

import { HighlightStyle } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

export const oneDarkHighlightStyle = HighlightStyle.define([
  { tag: t.propertyName, color: "#7cc4ff" },
  { tag: t.string, color: "#a5d6a7" },
  { tag: [t.number, t.bool, t.null], color: "#ffb86c" },
  { tag: [t.brace, t.squareBracket, t.separator, t.punctuation], color: "#c0c6d0" },
  { tag: t.invalid, color: "#ff6b6b" },
]);
