// The dyad timeline: per day, events stacked by QuadClass (bars, left axis) and the
// escalation index (line, right axis), with the days where it jumps marked. When the data
// spans years, the API sends weeks, months, years or decades instead of days (`bucket`);
// a click on such a bar narrows the dates to it.
// Plain SVG; the API computes every number, this module only draws.

import { svg, clear, fmtDay, fmtNum, MONTHS } from "./dom.js";
import { QUAD } from "./codes.js";

const HEIGHT = 330;
const MARGIN = { top: 26, right: 40, bottom: 30, left: 38 };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86400000;

function addDays(day, n) {
  const t = Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY;
  return new Date(t).toISOString().slice(0, 10);
}

// Days with events plus the empty days between them (a gap is information: calm days),
// unless the range is so long that bars would be hairlines.
export function continuousDays(days) {
  const known = days.filter((d) => DAY.test(d.day)).sort((a, b) => (a.day < b.day ? -1 : 1));
  if (known.length < 2) return known;
  const first = known[0].day;
  const span = Math.round((Date.parse(known[known.length - 1].day) - Date.parse(first)) / MS_PER_DAY);
  if (span > 400) return known;
  const byDay = new Map(known.map((d) => [d.day, d]));
  const out = [];
  for (let i = 0; i <= span; i += 1) {
    const day = addDays(first, i);
    out.push(byDay.get(day) || { day, events: 0, q1: 0, q2: 0, q3: 0, q4: 0, escalation: null, jump: false, empty: true });
  }
  return out;
}

// A bucket's name: "3 May 2025", "week of 5 May 2025", "May 2025", "2025", "1990s",
// "1800–1899". `short` drops what the axis does not need.
export function bucketLabel(day, bucket = "day", short = false) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || "");
  if (!m) return day || "–";
  const year = Number(m[1]);
  switch (bucket) {
    case "week": return short ? fmtDay(day).replace(/ \d{4}$/, "") : `week of ${fmtDay(day)}`;
    case "month": return `${MONTHS[Number(m[2]) - 1]} ${year}`;
    case "year": return String(year);
    case "decade": return `${year}s`;
    case "century": return `${year}–${year + 99}`;
    case "millennium": return `${year}–${year + 999}`;
    default: return short ? fmtDay(day).replace(/ \d{4}$/, "") : fmtDay(day);
  }
}

// Round tick values for a 0..max or min..max axis.
export function ticks(min, max, count = 4) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

export function drawTimeline(container, timeline, { selectedDay = "", onDay = null } = {}) {
  const bucket = timeline.bucket || "day";
  const days = bucket === "day" ? continuousDays(timeline.days || []) : (timeline.days || []);
  clear(container);
  const width = Math.max(container.clientWidth, 320);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const root = svg("svg", {
    class: "timeline-svg", viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT,
    role: "img", "aria-label": `Daily events for ${timeline.dyad || "the dyad"}`,
  });
  if (!days.length) {
    root.append(svg("text", { class: "empty-note", x: width / 2, y: HEIGHT / 2 }, "No dated events for this dyad."));
    container.append(root);
    container.dataset.state = "ready";
    return;
  }

  const band = innerW / days.length;
  const barW = Math.max(Math.min(band * 0.72, 36), 1);
  const x = (i) => MARGIN.left + i * band + band / 2;
  const maxCount = Math.max(1, ...days.map((d) => d.events || 0));
  const countTicks = ticks(0, maxCount);
  const yMax = countTicks[countTicks.length - 1] >= maxCount ? countTicks[countTicks.length - 1] : maxCount;
  const y = (v) => MARGIN.top + innerH - (v / yMax) * innerH;

  // The index runs from 0 (only cooperation) to 10 (only the most violent events); the
  // axis keeps that full range so that days and dyads compare at a glance.
  const escValues = days.flatMap((d) => [d.escalation, d.baseline]).filter((v) => typeof v === "number");
  const escTicks = ticks(Math.min(0, ...escValues), Math.max(10, ...escValues), 5);
  const e0 = escTicks[0];
  const e1 = escTicks[escTicks.length - 1];
  const ey = (v) => MARGIN.top + innerH - ((v - e0) / (e1 - e0 || 1)) * innerH;

  // Grid and axes.
  const grid = svg("g", { class: "grid" });
  for (const t of countTicks) {
    grid.append(svg("line", { x1: MARGIN.left, x2: MARGIN.left + innerW, y1: y(t), y2: y(t) }));
    grid.append(svg("text", { class: "tick left", x: MARGIN.left - 6, y: y(t) + 4 }, String(t)));
  }
  for (const t of escTicks) {
    grid.append(svg("text", { class: "tick right", x: MARGIN.left + innerW + 6, y: ey(t) + 4 }, fmtNum(t, t % 1 ? 1 : 0)));
  }
  if (e0 < 0 && e1 > 0) {
    grid.append(svg("line", { class: "zero", x1: MARGIN.left, x2: MARGIN.left + innerW, y1: ey(0), y2: ey(0) }));
  }
  grid.append(svg("text", { class: "axis-title", x: 4, y: 10 }, `events / ${bucket}`));
  grid.append(svg("text", { class: "axis-title right", x: width - 4, y: 10 }, "escalation (0–10)"));
  root.append(grid);

  // Stacked bars, one hover target per day carrying the day's numbers as a tooltip.
  const bars = svg("g", { class: "bars" });
  const labelEvery = Math.max(1, Math.ceil(58 / band));
  days.forEach((d, i) => {
    const tip = [`${bucketLabel(d.day, bucket)}: ${d.events || 0} events`,
      ...[1, 2, 3, 4].filter((q) => d[`q${q}`]).map((q) => `${QUAD[q].name}: ${d[`q${q}`]}`)];
    if (typeof d.goldstein_sum === "number") tip.push(`Goldstein sum ${fmtNum(d.goldstein_sum)}, mean ${fmtNum(d.goldstein_mean)}`);
    if (typeof d.escalation === "number") tip.push(`Escalation ${fmtNum(d.escalation, 2)}${d.jump ? " (jump)" : ""}`);
    const clickable = Boolean(d.events && onDay);
    if (clickable) tip.push(bucket === "day" ? "Click to list this day's events" : `Click to show this ${bucket}`);
    // The day's band sits behind its bars; the whole group takes the click and tooltip.
    const group = svg("g", {
      class: `day${d.day === selectedDay ? " selected" : ""}${clickable ? " clickable" : ""}`, "data-day": d.day,
      onclick: clickable ? () => onDay(d.day, d) : null,
    }, svg("title", {}, tip.join("\n")), svg("rect", {
      class: "hover", x: (x(i) - band / 2).toFixed(1), width: band.toFixed(1), y: MARGIN.top, height: innerH,
    }));
    let base = 0;
    for (let q = 1; q <= 4; q += 1) {
      const n = d[`q${q}`] || 0;
      if (!n) continue;
      group.append(svg("rect", {
        class: `bar q${q}`, x: (x(i) - barW / 2).toFixed(1), width: barW.toFixed(1),
        y: y(base + n).toFixed(1), height: Math.max(y(base) - y(base + n) - 0.5, 0.5).toFixed(1), fill: QUAD[q].color,
      }));
      base += n;
    }
    bars.append(group);
    if (i % labelEvery === 0) {
      root.append(svg("text", { class: "tick bottom", x: x(i), y: HEIGHT - MARGIN.bottom + 16 }, bucketLabel(d.day, bucket, true)));
    }
  });
  root.append(bars);
  root.append(svg("line", { class: "axis", x1: MARGIN.left, x2: MARGIN.left + innerW, y1: y(0), y2: y(0) }));

  // The baseline (mean of the previous days, dashed), the escalation line, a dot on each
  // day with events and a ring on each jump day.
  const line = (key) => days.map((d, i) => (typeof d[key] === "number" ? [x(i), ey(d[key]), d] : null)).filter(Boolean);
  const pathOf = (pts) => pts.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
  const baseline = line("baseline");
  if (baseline.length > 1) root.append(svg("path", { class: "baseline", d: pathOf(baseline) }));
  const pts = line("escalation");
  if (pts.length) {
    root.append(svg("path", { class: "escalation", d: pathOf(pts) }));
    const marks = svg("g", { class: "escalation-points" });
    for (const [px, py, day] of pts) {
      if (!day.events && !day.jump) continue;
      marks.append(svg("circle", { class: day.jump ? "esc-point jump" : "esc-point", cx: px.toFixed(1), cy: py.toFixed(1), r: day.jump ? 5 : 2.5 },
        svg("title", {}, `${bucketLabel(day.day, bucket)}: escalation ${fmtNum(day.escalation, 2)}${day.jump ? " — jump" : ""}`)));
    }
    root.append(marks);
  }
  container.append(root);
  container.dataset.state = "ready";
}
