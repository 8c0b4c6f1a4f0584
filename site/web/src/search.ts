// Client-side search over every page. The index (search-index.json) is
// written by the site generator at build time and fetched on first use.

interface Entry {
  t: string; // title
  u: string; // URL
  s?: string; // section
  d?: string; // description
  k?: string[]; // keywords: the concepts the page is the place for
  h?: string[]; // headings
  x: string; // text
}

export interface Hit {
  entry: Entry;
  score: number;
  snippet: string; // plain text around the first match in the text
}

/** terms splits a query into lower-case words. */
export function terms(query: string): string[] {
  return query.toLowerCase().split(/[^\p{L}\p{N}:*_\-]+/u).filter((t) => t.length > 0);
}

/** search ranks the entries that contain every term of the query. */
export function search(index: Entry[], query: string, limit = 8): Hit[] {
  const words = terms(query);
  if (words.length === 0) return [];
  const phrase = words.join(" ");
  const hits: Hit[] = [];
  for (const entry of index) {
    const title = entry.t.toLowerCase();
    const titleWords = terms(entry.t).length || 1;
    const keywords = (entry.k ?? []).map((k) => terms(k).join(" "));
    const keywordText = keywords.join(" \u0000 ");
    const headings = (entry.h ?? []).join(" \u0000 ").toLowerCase();
    const desc = (entry.d ?? "").toLowerCase();
    const text = entry.x.toLowerCase();
    // A page that names the query as one of its keywords is a place for that
    // concept, and the earlier in its list, the more so (a page lists its
    // main concepts first; a glossary lists many): it comes first.
    const at = keywords.indexOf(phrase);
    let score = at >= 0 ? Math.max(100 - 5 * at, 40) : keywords.some((k) => k.startsWith(phrase)) ? 30 : 0;
    let all = true;
    for (const w of words) {
      let s = 0;
      if (keywordText.includes(w)) s += 12;
      // A title counts for more when the query is most of it: "Roles" for
      // "role", less "Role trust policy unsupported wildcard in principal".
      if (title.includes(w)) s += (new RegExp(`(^|[^a-z0-9])${escape(w)}`).test(title) ? 10 : 5) * (1 + Math.min(words.length / titleWords, 1));
      if (headings.includes(w)) s += 6;
      if (desc.includes(w)) s += 4;
      const n = count(text, w);
      if (n > 0) s += 1 + Math.min(n, 10) / 2;
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (all) hits.push({ entry, score, snippet: snippet(entry.x, words) });
  }
  hits.sort((a, b) => b.score - a.score || a.entry.t.localeCompare(b.entry.t));
  return hits.slice(0, limit);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function count(text: string, w: string): number {
  let n = 0;
  for (let i = text.indexOf(w); i >= 0 && n < 50; i = text.indexOf(w, i + w.length)) n++;
  return n;
}

function snippet(text: string, words: string[]): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return text.slice(0, 140);
  const start = Math.max(0, at - 50);
  return (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
}

/** initSearch runs the search box of the page's header. */
export function initSearch(): void {
  const input = document.querySelector<HTMLInputElement>("#search-input");
  const list = document.querySelector<HTMLUListElement>("#search-results");
  if (!input || !list) return;
  let index: Entry[] | null = null;
  let loading: Promise<Entry[]> | null = null;
  let active = -1;
  let hits: Hit[] = [];

  const load = (): Promise<Entry[]> => {
    loading ??= fetch("/search-index.json")
      .then((r) => (r.ok ? r.json() : []))
      .then((e: Entry[]) => (index = e))
      .catch(() => (index = []));
    return loading;
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const mark = (text: string, words: string[]): DocumentFragment => {
    const frag = document.createDocumentFragment();
    const lower = text.toLowerCase();
    let i = 0;
    while (i < text.length) {
      let next = -1;
      let len = 0;
      for (const w of words) {
        const j = lower.indexOf(w, i);
        if (j >= 0 && (next < 0 || j < next)) {
          next = j;
          len = w.length;
        }
      }
      if (next < 0) break;
      frag.append(text.slice(i, next));
      const m = document.createElement("mark");
      m.textContent = text.slice(next, next + len);
      frag.append(m);
      i = next + len;
    }
    frag.append(text.slice(i));
    return frag;
  };

  const show = () => {
    const q = input.value;
    hits = index ? search(index, q) : [];
    list.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (q.trim() === "") return close();
    const words = terms(q);
    if (hits.length === 0) {
      const li = document.createElement("li");
      li.className = "search-empty";
      li.textContent = index ? `No page mentions “${q}”.` : "Loading the index…";
      li.dataset.testid = "search-empty";
      list.append(li);
    }
    hits.forEach((h, i) => {
      const li = document.createElement("li");
      li.id = `search-hit-${i}`;
      li.setAttribute("role", "option");
      li.dataset.testid = "search-hit";
      const a = document.createElement("a");
      a.href = h.entry.u;
      a.tabIndex = -1;
      const title = document.createElement("span");
      title.className = "hit-title";
      title.append(mark(h.entry.t, words));
      a.append(title);
      if (h.entry.s) {
        const sec = document.createElement("span");
        sec.className = "hit-section";
        sec.textContent = h.entry.s;
        a.append(sec);
      }
      const p = document.createElement("span");
      p.className = "hit-snippet";
      p.append(mark(h.snippet, words));
      a.append(p);
      li.append(a);
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const select = (i: number) => {
    const items = list.querySelectorAll<HTMLLIElement>("[role=option]");
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute("aria-selected", String(j === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  };

  input.addEventListener("focus", () => void load().then(() => input.value && show()));
  input.addEventListener("input", () => void load().then(show));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      select(active + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      select(active - 1);
    } else if (e.key === "Enter") {
      const h = hits[active >= 0 ? active : 0];
      if (h) {
        e.preventDefault();
        location.href = h.entry.u;
      }
    } else if (e.key === "Escape") {
      input.value = "";
      close();
    }
  });
  document.addEventListener("click", (e) => {
    if (!(e.target instanceof Node) || !input.parentElement?.contains(e.target)) close();
  });
  document.addEventListener("keydown", (e) => {
    const t = e.target as HTMLElement;
    const typing = t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
    if (e.key === "/" && !typing) {
      e.preventDefault();
      input.focus();
    }
  });
}
