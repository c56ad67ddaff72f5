// eventwire dashboard: filters, and the four panels (map, dyad timeline, event table,
// quotes by speaker) fed by the REST API. The filters live in the page address
// (?dyad=IND-PAK&start=...) so a view can be bookmarked and shared.

import { el, clear, api, debounce, fmtInt, fmtDay } from "./js/dom.js";
import { cameoRoots, loadCodebook, PLOVER_TYPES } from "./js/codes.js";
import { drawMap, focusPlace, wireMapControls } from "./js/map.js";
import { drawTimeline, bucketLabel } from "./js/timeline.js";
import { renderRows, toggleEvidence } from "./js/events.js";
import { speakerRows, fillSpeakers, renderQuotes } from "./js/quotes.js";

// `day` is the day picked on the timeline: it narrows the map and table, not the timeline.
const FILTERS = ["dyad", "start", "end", "day", "plover", "cameo_root", "actor", "place", "all"];
const PAGE = 25;
const MAP_LIMIT = 1000;

const state = { dyad: "", start: "", end: "", day: "", plover: "", cameo_root: "", actor: "", place: "", all: "", offset: 0, speaker: "" };
let dyads = [];
// Each panel numbers its requests so a slow, stale answer never overwrites a newer one.
const seq = { events: 0, map: 0, timeline: 0, quotes: 0 };

const $ = (id) => document.getElementById(id);

function filterParams() {
  const params = {};
  for (const key of FILTERS) if (key !== "day") params[key] = state[key];
  if (state.day) {
    params.start = state.day;
    params.end = state.day;
  }
  return params;
}

function showError(where, error) {
  const box = $("errors");
  box.hidden = false;
  box.append(el("p", {}, el("strong", {}, `${where}: `), error.message || String(error)));
}

function clearErrors() {
  const box = $("errors");
  clear(box);
  box.hidden = true;
}

function saveToAddress() {
  const params = new URLSearchParams();
  for (const key of [...FILTERS, "speaker"]) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function readFromAddress() {
  const params = new URLSearchParams(location.search);
  for (const key of [...FILTERS, "speaker"]) state[key] = params.get(key) || "";
}

// ---- filters ---------------------------------------------------------------------------

function fillStaticSelects() {
  const plover = $("f-plover");
  for (const type of PLOVER_TYPES) plover.append(el("option", { value: type }, type.charAt(0) + type.slice(1).toLowerCase()));
  const root = $("f-cameo");
  for (const [code, name] of cameoRoots()) root.append(el("option", { value: code }, `${code} ${name}`));
}

// The date pickers offer the range the store covers.
function setDateBounds() {
  const days = dyads.flatMap((d) => [d.first, d.last]).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d || "")).sort();
  if (!days.length) return;
  for (const id of ["f-start", "f-end"]) {
    $(id).min = days[0];
    $(id).max = days[days.length - 1];
  }
}

function fillDyads() {
  const select = $("f-dyad");
  clear(select);
  select.append(el("option", { value: "" }, `All dyads (${fmtInt(dyads.length)})`));
  for (const d of dyads) {
    select.append(el("option", { value: d.dyad }, `${d.dyad.replace("-", " – ")}  (${fmtInt(d.events)})`));
  }
  // A dyad in the address that the store does not know is still offered, so the
  // empty result explains itself instead of silently showing everything.
  if (state.dyad && !dyads.some((d) => d.dyad === state.dyad)) select.append(el("option", { value: state.dyad }, state.dyad));
}

function showFilters() {
  $("f-dyad").value = state.dyad;
  $("f-start").value = state.start;
  $("f-end").value = state.end;
  $("f-plover").value = state.plover;
  $("f-cameo").value = state.cameo_root;
  $("f-actor").value = state.actor;
  $("f-all").checked = state.all === "true";
  const chip = $("place-chip");
  chip.hidden = !state.place;
  $("place-chip-name").textContent = state.place;
  $("day-chip").hidden = !state.day;
  $("day-chip-name").textContent = fmtDay(state.day);
}

function setFilter(key, value) {
  if (state[key] === value) return;
  state[key] = value;
  state.offset = 0;
  showFilters();
  saveToAddress();
  refresh();
}

function setRange(start, end) {
  state.start = start;
  state.end = end;
  state.day = "";
  state.offset = 0;
  showFilters();
  saveToAddress();
  refresh();
}

function wireFilters() {
  const bind = (id, key, event = "change") => $(id).addEventListener(event, (ev) => setFilter(key, ev.target.value));
  bind("f-dyad", "dyad");
  bind("f-start", "start");
  bind("f-end", "end");
  bind("f-plover", "plover");
  bind("f-cameo", "cameo_root");
  $("f-all").addEventListener("change", (ev) => setFilter("all", ev.target.checked ? "true" : ""));
  const typed = debounce((value) => setFilter("actor", value.trim()), 350);
  $("f-actor").addEventListener("input", (ev) => typed(ev.target.value));
  $("place-chip-clear").addEventListener("click", () => setFilter("place", ""));
  $("day-chip-clear").addEventListener("click", () => setFilter("day", ""));
  $("f-reset").addEventListener("click", () => {
    for (const key of FILTERS) state[key] = "";
    state.offset = 0;
    showFilters();
    saveToAddress();
    refresh();
  });
  $("page-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("page-next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  wireMapControls($("map-zoom-in"), $("map-zoom-out"), $("map-fit"));
  $("q-speaker").addEventListener("change", (ev) => { state.speaker = ev.target.value; saveToAddress(); loadQuotes(); });
}

// ---- panels ----------------------------------------------------------------------------

async function loadEvents() {
  const n = ++seq.events;
  const panel = $("events");
  panel.dataset.state = "loading";
  try {
    const body = await api("api/events", { ...filterParams(), limit: PAGE, offset: state.offset });
    if (n !== seq.events) return;
    const filtered = FILTERS.some((key) => state[key]);
    renderRows($("events-body"), body.events || [], {
      onOpen: (e, row) => toggleEvidence(e, row)
        .then(() => focusPlace(row.classList.contains("open") ? e.place_name : null))
        .catch((err) => showError("Event", err)),
      empty: filtered ? "No events match these filters." : "The store has no events yet: add articles with `eventwire ingest` or run `eventwire demo`.",
    });
    // The same query as JSON, for taking the filtered events elsewhere.
    const query = new URLSearchParams(Object.entries({ ...filterParams(), limit: 1000 }).filter(([, v]) => v !== ""));
    $("events-json").href = `api/events?${query}`;
    const first = body.total ? state.offset + 1 : 0;
    const last = state.offset + (body.events || []).length;
    $("events-count").textContent = `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(body.total)}`;
    $("stat-events").textContent = fmtInt(body.total);
    $("page-prev").disabled = state.offset === 0;
    $("page-next").disabled = last >= body.total;
    panel.dataset.state = "ready";
  } catch (err) {
    if (n === seq.events) { panel.dataset.state = "error"; showError("Events", err); }
  }
}

async function loadMap() {
  const n = ++seq.map;
  try {
    const body = await api("api/events", { ...filterParams(), limit: MAP_LIMIT, offset: 0 });
    if (n !== seq.map) return;
    const events = body.events || [];
    const info = await drawMap($("map"), events, {
      selectedPlace: state.place,
      onPlace: (name) => setFilter("place", state.place === name ? "" : name),
    });
    const capped = body.total > events.length ? ` (first ${fmtInt(events.length)} of ${fmtInt(body.total)})` : "";
    $("map-caption").textContent =
      `${fmtInt(info.located)} events at ${fmtInt(info.places)} places${capped}; ${fmtInt(info.unlocated)} without a place`;
    $("stat-places").textContent = fmtInt(info.places);
  } catch (err) {
    if (n === seq.map) showError("Map", err);
  }
}

async function loadTimeline() {
  const n = ++seq.timeline;
  const dyad = state.dyad;
  $("timeline-title").textContent = dyad ? `${dyad.replace("-", " – ")} timeline` : "All dyads timeline";
  $("timeline-caption").textContent = dyad ? "Events per day by QuadClass, and the escalation index"
    : "Events between any two countries; choose a dyad to follow one pair";
  try {
    const body = await api("api/timeline", { dyad, start: state.start, end: state.end });
    if (n !== seq.timeline) return;
    drawTimeline($("timeline"), body, {
      selectedDay: state.day,
      // A day lists its events; a longer bucket (week, month, year...) becomes the date range.
      onDay: (day, row) => (row && row.last ? setRange(day, row.last) : setFilter("day", state.day === day ? "" : day)),
    });
    const bucket = body.bucket || "day";
    if (dyad && bucket !== "day") {
      $("timeline-caption").textContent = `Events per ${bucket} by QuadClass, and the escalation index (click a bar to zoom in)`;
    }
    showTimelineSummary(body.days || [], bucket);
  } catch (err) {
    if (n === seq.timeline) showError("Timeline", err);
  }
}

// One line of numbers under the chart: the peak day (or week...), the share of conflict and
// the jumps.
function showTimelineSummary(days, bucket = "day") {
  const box = clear($("timeline-summary"));
  const active = days.filter((d) => d.events);
  if (!active.length) return;
  const total = active.reduce((n, d) => n + d.events, 0);
  const conflict = active.reduce((n, d) => n + (d.q3 || 0) + (d.q4 || 0), 0);
  const goldstein = active.reduce((n, d) => n + (d.goldstein_sum || 0), 0);
  const peak = active.reduce((a, b) => (b.events > a.events ? b : a));
  const jumps = days.filter((d) => d.jump).map((d) => bucketLabel(d.day, bucket));
  const unit = bucket === "day" ? "day" : bucket === "century" ? "centurie" : bucket;
  const item = (label, value) => el("div", {}, el("dt", {}, label), el("dd", {}, value));
  box.append(
    item("Events", fmtInt(total)),
    item(`Active ${unit}s`, fmtInt(active.length)),
    item(`Peak ${bucket}`, `${bucketLabel(peak.day, bucket)} (${fmtInt(peak.events)})`),
    item("Conflict share", `${Math.round((100 * conflict) / total)}%`),
    item("Mean Goldstein", (goldstein / total).toFixed(2)),
    item("Escalation jumps", jumps.length ? jumps.join(", ") : "none"),
  );
}

async function loadQuotes() {
  const n = ++seq.quotes;
  try {
    // The actor box takes a code (USAGOV) or a name (Rubio); the quotes endpoint has one
    // parameter for each.
    const isCode = /^[A-Z]{3,}$/.test(state.actor);
    const body = await api("api/quotes", {
      speaker: state.speaker || (isCode ? "" : state.actor), actor: isCode ? state.actor : "", limit: 100,
    });
    if (n !== seq.quotes) return;
    renderQuotes($("quotes"), body);
    $("quotes").dataset.state = "ready";
  } catch (err) {
    if (n === seq.quotes) showError("Quotes", err);
  }
}

async function loadSpeakers() {
  try {
    const speakers = speakerRows(await api("api/speakers"));
    fillSpeakers($("q-speaker"), speakers, state.speaker);
  } catch (err) {
    showError("Speakers", err);
  }
}

function refresh() {
  clearErrors();
  return Promise.all([loadEvents(), loadMap(), loadTimeline(), loadQuotes()]);
}

async function init() {
  try {
    await loadCodebook();
  } catch (err) {
    showError("Codebook", err); // codes then show without their names
  }
  fillStaticSelects();
  readFromAddress();
  showFilters();
  wireFilters();
  api("api/health").then((h) => { $("version").textContent = `v${h.version}`; }).catch(() => {});
  try {
    const body = await api("api/dyads");
    dyads = Array.isArray(body) ? body : body.dyads || [];
  } catch (err) {
    showError("Dyads", err);
  }
  fillDyads();
  setDateBounds();
  showFilters();
  $("stat-dyads").textContent = fmtInt(dyads.length);
  await Promise.all([refresh(), loadSpeakers()]);
  knownTotal = await storeTotal().catch(() => null);
  $("updated").textContent = `Updated ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
  $("updates-apply").addEventListener("click", () => applyUpdates().catch((err) => showError("Refresh", err)));
  setInterval(poll, POLL_MS);
  document.body.dataset.state = "ready";
}

// ---- live updates ------------------------------------------------------------------------
// An analyst keeps the page open while `eventwire watch` adds articles. Once a minute the
// page asks how many events the store holds; when that changes it offers a refresh rather
// than redrawing under the reader's eyes (an open evidence row would vanish).

const POLL_MS = 60000;
let knownTotal = null;

async function storeTotal() {
  const body = await api("api/events", { all: "true", limit: 1 });
  return body.total;
}

async function poll() {
  try {
    const total = await storeTotal();
    if (knownTotal !== null && total !== knownTotal) {
      $("updates-text").textContent = `${fmtInt(Math.abs(total - knownTotal))} ${total > knownTotal ? "new" : "removed"} events`;
      $("updates").hidden = false;
    }
  } catch (_) {
    // A server restart or a busy store: try again at the next tick.
  }
}

async function applyUpdates() {
  $("updates").hidden = true;
  knownTotal = await storeTotal().catch(() => knownTotal);
  const body = await api("api/dyads").catch(() => null);
  if (body) {
    dyads = Array.isArray(body) ? body : body.dyads || [];
    fillDyads();
    setDateBounds();
    showFilters();
    $("stat-dyads").textContent = fmtInt(dyads.length);
  }
  await Promise.all([refresh(), loadSpeakers()]);
  $("updated").textContent = `Updated ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
}

// Redraw the two charts when the window width changes (they are sized to their panel).
window.addEventListener("resize", debounce(() => { loadMap(); loadTimeline(); }, 250));
init();
