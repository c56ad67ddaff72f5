// The event table and, under a clicked row, the event's evidence: the sentence with its
// source, trigger and target highlighted from the API's sentence-relative offsets.

import { el, clear, api, fmtDay, fmtNum, safeUrl } from "./dom.js";
import { QUAD, quadName, cameoLabel, isCounted } from "./codes.js";

const ROLES = [
  ["source", "Source"],
  ["trigger", "Event"],
  ["target", "Target"],
];

// Split `sentence` into plain text and <mark> pieces, one per run of characters covered
// by the same set of roles, so overlapping spans (a trigger inside its source phrase)
// still highlight both. Spans are [start, end) pairs or null.
export function highlight(sentence, spans) {
  const len = sentence.length;
  const valid = [];
  for (const [role] of ROLES) {
    const span = spans[role];
    if (!Array.isArray(span) || span.length !== 2) continue;
    const start = Math.max(0, Math.min(len, span[0]));
    const end = Math.max(0, Math.min(len, span[1]));
    if (end > start) valid.push({ role, start, end });
  }
  const cuts = [...new Set([0, len, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const text = sentence.slice(a, b);
    const roles = valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.role);
    if (!roles.length) {
      nodes.push(document.createTextNode(text));
    } else {
      const label = roles.map((r) => ROLES.find(([k]) => k === r)[1]).join(" + ");
      nodes.push(el("mark", { class: roles.map((r) => `hl hl-${r}`).join(" "), "data-role": roles.join(" "), title: label }, text));
    }
  }
  return nodes;
}

function actorCell(text, code, name) {
  if (!text && !code) return el("span", { class: "muted" }, "–");
  return el("div", { class: "actor" },
    el("span", { class: "actor-name" }, name || text || code),
    code ? el("span", { class: "code" }, code) : null);
}

function eventCell(e) {
  const q = e.quad_class;
  return el("div", { class: "event-cell" },
    el("span", { class: `badge q${q || 0}`, title: quadName(q) }, e.plover || "STATEMENT"),
    el("span", { class: "trigger" }, e.trigger_text || ""),
    el("span", { class: "cameo", title: cameoLabel(e.cameo) }, e.cameo || ""));
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function corroboration(e) {
  return `${plural(e.mentions ?? 1, "mention")} in ${plural(e.articles ?? 1, "article")} from ${plural(e.sources ?? 1, "source")}`;
}

// A count only when other reports corroborate the event: "x1" on every row is noise.
function counts(e) {
  if (!(e.mentions > 1)) return null;
  return el("span", { class: "corroboration", title: corroboration(e) }, `×${e.mentions}`);
}

// Under the date: how the text presents the event, when it is not a plain assertion.
function modalityNote(e) {
  const words = [e.negated ? "negated" : null, e.modality && e.modality !== "asserted" ? e.modality : null].filter(Boolean);
  return words.length ? el("span", { class: isCounted(e) ? "modality" : "modality uncounted" }, words.join(", ")) : null;
}

export function renderRows(tbody, events, { onOpen, empty = "No events match these filters." }) {
  clear(tbody);
  if (!events.length) {
    tbody.append(el("tr", { class: "empty" }, el("td", { colspan: 6 }, empty)));
    return;
  }
  for (const e of events) {
    const article = e.article || {};
    const row = el("tr", {
      class: "event-row", tabindex: 0, "data-article": e.article_id, "data-event": e.event_id,
      "aria-expanded": "false",
    },
    el("td", { class: "date" }, fmtDay(e.event_date), modalityNote(e)),
    el("td", {}, actorCell(e.source_text, e.source_code, e.source_name)),
    el("td", {}, eventCell(e)),
    el("td", {}, actorCell(e.target_text, e.target_code, e.target_name)),
    el("td", { class: "place" }, e.place_name || el("span", { class: "muted" }, "–")),
    el("td", { class: "article-cell" },
      el("span", { class: "article-source" }, article.source || e.article_id), counts(e)));
    const open = () => onOpen(e, row);
    row.addEventListener("click", open);
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); } });
    tbody.append(row);
  }
}

function fact(label, ...value) {
  return el("div", { class: "fact" }, el("dt", {}, label), el("dd", {}, ...value));
}

// The evidence panel for one event (used under a table row).
export function evidencePanel(e) {
  const ev = e.evidence || {};
  const article = e.article || {};
  const sentence = typeof ev.sentence === "string" ? ev.sentence : "";
  const url = safeUrl(article.url);
  const legend = el("div", { class: "legend" },
    ...ROLES.filter(([r]) => Array.isArray(ev[r])).map(([r, label]) => el("span", { class: `chip hl-${r}` }, label)));
  const facts = el("dl", { class: "facts" },
    fact("CAMEO", cameoLabel(e.cameo)),
    fact("PLOVER", e.plover || "–", e.plover_mode ? ` (${e.plover_mode})` : ""),
    fact("QuadClass", el("span", { class: `swatch q${e.quad_class || 0}` }), quadName(e.quad_class)),
    fact("Goldstein", fmtNum(e.goldstein)),
    fact("Date", fmtDay(e.event_date), e.date_text ? ` — “${e.date_text}”` : ""),
    fact("Place", e.place_name || "–"),
    fact("Modality", e.negated ? `${e.modality}, negated` : e.modality || "–"),
    fact("Confidence", fmtNum(e.confidence, 2)),
    e.mentions !== undefined ? fact("Corroboration", corroboration(e)) : null);
  const articleLine = el("p", { class: "article-line" },
    el("span", { class: "article-title" }, article.title || e.article_id),
    article.source ? ` · ${article.source}` : "",
    article.published ? ` · ${fmtDay(article.published)}` : "",
    " · ",
    el("a", { href: `api/articles/${encodeURIComponent(e.article_id)}`, target: "_blank", rel: "noopener" }, "coded record"),
    url ? " · " : "",
    url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original") : null);
  const context = el("div", { class: "article-text", hidden: true });
  const button = el("button", { type: "button", class: "link-button" }, "Show the article");
  button.addEventListener("click", () => toggleArticle(e, context, button).catch((err) => {
    context.hidden = false;
    context.textContent = `The article could not be loaded: ${err.message}`;
  }));
  articleLine.append(" · ", button);
  return el("div", { class: "evidence", "data-article": e.article_id, "data-event": e.event_id },
    legend,
    el("blockquote", { class: "sentence" }, ...highlight(sentence, ev)),
    facts,
    articleLine,
    context);
}

// The whole article (its coded record from GET /api/articles/{id}) with the evidence
// sentence marked, for reading the event in context.
async function toggleArticle(e, box, button) {
  if (!box.hidden) {
    box.hidden = true;
    button.textContent = "Show the article";
    return;
  }
  if (!box.firstChild) {
    const record = await api(`api/articles/${encodeURIComponent(e.article_id)}`);
    const text = record.text || "";
    const [s, t] = [e.sentence_start, e.sentence_end];
    if (Number.isInteger(s) && Number.isInteger(t) && t > s && t <= text.length) {
      box.append(text.slice(0, s), el("mark", { class: "hl-sentence" }, text.slice(s, t)), text.slice(t));
    } else {
      box.append(text);
    }
  }
  box.hidden = false;
  button.textContent = "Hide the article";
  const mark = box.querySelector(".hl-sentence");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
}

// Toggle the evidence row under `row`; fetches the single event when the list row lacks
// its evidence (the contract's GET /api/events/{article_id}/{event_id}).
export async function toggleEvidence(e, row) {
  const next = row.nextElementSibling;
  if (next && next.classList.contains("evidence-row")) {
    next.remove();
    row.setAttribute("aria-expanded", "false");
    row.classList.remove("open");
    return;
  }
  let event = e;
  if (!event.evidence) {
    event = await api(`api/events/${encodeURIComponent(e.article_id)}/${encodeURIComponent(e.event_id)}`);
  }
  const cell = el("td", { colspan: 6 }, evidencePanel(event));
  row.after(el("tr", { class: "evidence-row" }, cell));
  row.setAttribute("aria-expanded", "true");
  row.classList.add("open");
}
