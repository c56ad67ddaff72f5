// Quotes by speaker: the speaker list (GET /api/speakers) fills a select, and quotes
// (GET /api/quotes) are shown grouped under their speaker, most quoted first.

import { el, clear, fmtDay, fmtInt } from "./dom.js";

// /api/speakers rows may name their fields a little differently; read them leniently.
export function speakerRows(body) {
  const rows = Array.isArray(body) ? body : (body && (body.speakers || body.items)) || [];
  return rows.map((s) => ({
    name: s.speaker_name || s.speaker || s.name || s.speaker_text || "",
    code: s.speaker_code || s.code || null,
    quotes: s.quotes ?? s.count ?? s.n ?? 0,
  })).filter((s) => s.name);
}

export function groupBySpeaker(quotes) {
  const groups = new Map();
  for (const q of quotes) {
    const name = q.speaker_name || q.speaker_text || "Unattributed";
    if (!groups.has(name)) groups.set(name, { name, code: q.speaker_code, quotes: [] });
    groups.get(name).quotes.push(q);
  }
  return [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name));
}

export function fillSpeakers(select, speakers, current) {
  clear(select);
  select.append(el("option", { value: "" }, `All speakers (${fmtInt(speakers.length)})`));
  for (const s of speakers) {
    select.append(el("option", { value: s.name, selected: s.name === current },
      `${s.name}${s.code ? ` · ${s.code}` : ""} (${fmtInt(s.quotes)})`));
  }
}

export function renderQuotes(container, body) {
  clear(container);
  const quotes = (body && body.quotes) || [];
  if (!quotes.length) {
    container.append(el("p", { class: "empty-note" }, "No quotes match."));
    return;
  }
  for (const group of groupBySpeaker(quotes)) {
    const items = group.quotes.map((q) => el("li", { class: `quote ${q.kind || ""}` },
      el("p", { class: "quote-text" }, q.kind === "direct" ? `“${q.content}”` : q.content),
      el("p", { class: "quote-meta" },
        el("span", { class: "kind" }, q.kind || "quote"),
        q.speaker_text && q.speaker_text !== group.name ? ` · as “${q.speaker_text}”` : "",
        q.published ? ` · ${fmtDay(q.published)}` : "")));
    container.append(el("section", { class: "speaker", "data-speaker": group.name },
      el("h3", {},
        el("span", { class: "speaker-name" }, group.name),
        group.code ? el("span", { class: "code" }, group.code) : null,
        el("span", { class: "count" }, `${group.quotes.length}`)),
      el("ul", {}, items)));
  }
  if (body.total > quotes.length) {
    container.append(el("p", { class: "muted more" }, `Showing ${fmtInt(quotes.length)} of ${fmtInt(body.total)} quotes.`));
  }
}
