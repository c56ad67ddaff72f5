// The event map: Natural Earth country shapes (world-atlas TopoJSON, served locally from
// static/vendor/) drawn with d3-geo into SVG, and one circle per place with events.
//
// Without the vendored libraries (a clone where `npm ci && python scripts/vendor_js.py`
// was not run) the points are still drawn on a plain longitude/latitude frame, with a note.

import { svg, el, clear } from "./dom.js";
import { QUAD, quadName } from "./codes.js";

const HEIGHT = 400;
let worldPromise = null;

function haveLibraries() {
  return Boolean(window.d3 && window.d3.geoPath && window.topojson);
}

// The country shapes as GeoJSON, fetched once per page.
function loadWorld() {
  if (!haveLibraries()) return Promise.resolve(null);
  if (!worldPromise) {
    worldPromise = fetch("static/vendor/countries-50m.json")
      .then((r) => (r.ok ? r.json() : null))
      .then((topo) => (topo ? window.topojson.feature(topo, topo.objects.countries) : null))
      .catch(() => null);
  }
  return worldPromise;
}

// Events grouped by place (rounded coordinates), largest first.
export function placeGroups(events) {
  const groups = new Map();
  for (const e of events) {
    if (typeof e.lat !== "number" || typeof e.lon !== "number") continue;
    const key = `${e.lat.toFixed(2)},${e.lon.toFixed(2)}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, lat: e.lat, lon: e.lon, name: e.place_name || key, count: 0, quads: [0, 0, 0, 0, 0] };
      groups.set(key, g);
    }
    g.count += 1;
    if (e.quad_class >= 1 && e.quad_class <= 4) g.quads[e.quad_class] += 1;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

// The class with most events at a place; ties go to the more conflictual class, which is
// what an analyst scanning for trouble wants to see.
function dominantQuad(quads) {
  let best = 0;
  for (let q = 1; q <= 4; q += 1) if (quads[q] > 0 && quads[q] >= (quads[best] || 0)) best = q;
  return best;
}

// The area to show: the points' bounding box, padded and never smaller than a region,
// so a single place is shown with its neighbours.
function extentOf(groups) {
  if (!groups.length) return null;
  let [x0, x1, y0, y1] = [180, -180, 90, -90];
  for (const g of groups) {
    x0 = Math.min(x0, g.lon); x1 = Math.max(x1, g.lon);
    y0 = Math.min(y0, g.lat); y1 = Math.max(y1, g.lat);
  }
  const padX = Math.max((x1 - x0) * 0.25, (14 - (x1 - x0)) / 2, 2);
  const padY = Math.max((y1 - y0) * 0.25, (9 - (y1 - y0)) / 2, 2);
  return [
    [Math.max(x0 - padX, -180), Math.max(y0 - padY, -85)],
    [Math.min(x1 + padX, 180), Math.min(y1 + padY, 85)],
  ];
}

function makeProjection(width, height, extent) {
  const d3 = window.d3;
  const projection = d3.geoNaturalEarth1();
  const margin = 8;
  const box = [[margin, margin], [width - margin, height - margin]];
  if (extent) {
    const [[x0, y0], [x1, y1]] = extent;
    projection.fitExtent(box, { type: "MultiPoint", coordinates: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });
  } else {
    projection.fitExtent(box, { type: "Sphere" });
  }
  return projection;
}

// Plain equirectangular frame for when d3-geo is missing.
function fallbackProjection(width, height, extent) {
  const [[x0, y0], [x1, y1]] = extent || [[-180, -85], [180, 85]];
  return ([lon, lat]) => [((lon - x0) / (x1 - x0)) * width, ((y1 - lat) / (y1 - y0)) * height];
}

// Which country each place lies in (only countries whose box holds a point are tested
// exactly), as event counts per feature: those countries are tinted.
function countriesWithEvents(features, groups) {
  const d3 = window.d3;
  const hits = new Map();
  for (const feature of features) {
    const [[x0, y0], [x1, y1]] = d3.geoBounds(feature);
    for (const g of groups) {
      const inBox = (x0 <= x1 ? g.lon >= x0 && g.lon <= x1 : g.lon >= x0 || g.lon <= x1) && g.lat >= y0 && g.lat <= y1;
      if (inBox && d3.geoContains(feature, [g.lon, g.lat])) hits.set(feature, (hits.get(feature) || 0) + g.count);
    }
  }
  return hits;
}

// A label at a country's centroid when the country is big enough on screen to carry it.
function countryLabel(path, feature, name, width) {
  const area = path.area(feature);
  const [x, y] = path.centroid(feature);
  const w = textWidth(name.toUpperCase(), 10);
  if (!(area > 2500) || !Number.isFinite(x) || x - w / 2 < 4 || x + w / 2 > width - 4 || y < 12 || y > HEIGHT - 6) return [];
  return [{ text: name, x, y, area, box: [x - w / 2, y - 9, x + w / 2, y + 3] }];
}

// Rough text width in px for the map's sans-serif labels.
function textWidth(text, size) {
  return text.length * size * 0.58;
}

function overlaps(a, b) {
  return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

// Greedy label placement: a label is drawn only where it overlaps no box in `taken` from
// index `from` on (place labels may cross circles, which they sit beside; nothing else).
function placeLabel(taken, box, from = 0) {
  const clash = taken.slice(from).some((b) => overlaps(box, b));
  if (!clash) taken.push(box);
  return !clash;
}

function radius(count) {
  return 4 + 3.2 * Math.sqrt(count);
}

// Circles and their labels. Labels are placed first (before country names) because
// the places are the data; each label is dropped where it would overlap another.
function drawPoints(groups, project, taken, { onPlace, selectedPlace, focused = "" }) {
  const points = svg("g", { class: "points" });
  const labels = svg("g", { class: "labels" });
  const placed = groups.map((g) => ({ g, xy: project([g.lon, g.lat]), r: radius(g.count) }))
    .filter(({ xy }) => xy && Number.isFinite(xy[0]));
  for (const { xy, r } of placed) taken.push([xy[0] - r, xy[1] - r, xy[0] + r, xy[1] + r]);
  // Largest first in the DOM, so that small circles stay clickable on top of big ones.
  placed.forEach(({ g, xy, r }, i) => {
    const q = dominantQuad(g.quads);
    const detail = [1, 2, 3, 4].filter((k) => g.quads[k]).map((k) => `${quadName(k)}: ${g.quads[k]}`).join("\n");
    points.append(svg("circle", {
      class: `event-point q${q}${g.name === selectedPlace ? " selected" : ""}${g.name === focused ? " focused" : ""}`,
      cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1),
      fill: (QUAD[q] || { color: "#777" }).color, tabindex: 0, "data-place": g.name,
      onclick: () => onPlace && onPlace(g.name),
      onkeydown: (ev) => { if (ev.key === "Enter" && onPlace) onPlace(g.name); },
    }, svg("title", {}, `${g.name}: ${g.count} event${g.count === 1 ? "" : "s"}\n${detail}`)));
    const lx = xy[0] + r + 3;
    const box = [lx, xy[1] - 7, lx + textWidth(g.name, 11), xy[1] + 6];
    if (i < 16 && placeLabel(taken, box, placed.length)) {
      labels.append(svg("text", { class: "place-label", x: lx.toFixed(1), y: (xy[1] + 4).toFixed(1) }, g.name));
    }
  });
  return [points, labels];
}

// Sphere, graticule, countries (tinted where events are) and the names of the larger ones.
function drawBase(world, path, hits, taken, width) {
  const countries = svg("g", { class: "countries" });
  const names = [];
  for (const feature of world.features) {
    const d = path(feature);
    if (!d) continue;
    const n = hits.get(feature) || 0;
    const name = feature.properties.name || "";
    countries.append(svg("path", { class: n ? "country active" : "country", d },
      svg("title", {}, n ? `${name}: ${n} event${n === 1 ? "" : "s"} on the map` : name)));
    names.push(...countryLabel(path, feature, name, width));
  }
  const countryNames = svg("g", { class: "country-names" });
  // Largest areas first: the labels that fit are the ones a reader needs to orient.
  names.sort((a, b) => b.area - a.area);
  for (const label of names.slice(0, 14)) {
    if (!placeLabel(taken, label.box)) continue;
    countryNames.append(svg("text", { class: "country-label", x: label.x.toFixed(1), y: label.y.toFixed(1) }, label.text));
  }
  return [
    svg("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    svg("path", { class: "graticule", d: path(window.d3.geoGraticule10()) }),
    countries, countryNames,
  ];
}

// The map being shown: data, projection and the one <svg> that is redrawn on zoom and pan.
// While the user drags or wheels, the drawing is only moved with an SVG transform
// (`view.move`, x' = k*x + tx); the projection is redrawn once the gesture pauses, since a
// full redraw of the 1:50m countries takes a good part of a frame budget.
let view = null;
const IDENTITY = { k: 1, tx: 0, ty: 0 };
let settle = null;

function render() {
  const { root, world, groups, hits, projection, width, opts } = view;
  const taken = [];
  const [points, labels] = drawPoints(groups, projection, taken, opts);
  const layer = svg("g", { class: "viewport" });
  if (world) {
    layer.append(...drawBase(world, window.d3.geoPath(projection), hits, taken, width));
  } else {
    layer.append(svg("rect", { class: "sphere", x: 0, y: 0, width, height: HEIGHT }));
  }
  layer.append(points, labels);
  clear(root).append(layer);
  view.layer = layer;
  view.move = { ...IDENTITY };
}

// Fold the pending transform into the projection and redraw (d3 projections map to
// screen as s*X + t, so the transform becomes scale k*s and translate k*t + (tx, ty)).
function commit() {
  clearTimeout(settle);
  const { projection: p, move } = view;
  if (p.scale && (move.k !== 1 || move.tx || move.ty)) {
    const [x, y] = p.translate();
    p.scale(p.scale() * move.k).translate([move.k * x + move.tx, move.k * y + move.ty]);
  }
  render();
}

function moveLayer() {
  const { k, tx, ty } = view.move;
  view.layer.setAttribute("transform", `translate(${tx.toFixed(1)},${ty.toFixed(1)}) scale(${k.toFixed(4)})`);
}

// Zoom by `factor` keeping screen point [px, py] in place, within world-to-64x bounds.
function zoomAt(factor, px, py, now = false) {
  if (!view || !view.world) return;
  const m = view.move;
  const scale = view.projection.scale() * m.k;
  const f = Math.min(Math.max(scale * factor, view.minScale), view.minScale * 64) / scale;
  view.move = { k: m.k * f, tx: f * m.tx + px * (1 - f), ty: f * m.ty + py * (1 - f) };
  if (now) return commit();
  moveLayer();
  clearTimeout(settle);
  settle = setTimeout(commit, 180);
}

function panBy(dx, dy) {
  if (!view || !view.world) return;
  view.move.tx += dx;
  view.move.ty += dy;
  moveLayer();
}

// Screen coordinates of a mouse event in the svg's own units.
function local(root, ev) {
  const box = root.getBoundingClientRect();
  return [((ev.clientX - box.left) / box.width) * view.width, ((ev.clientY - box.top) / box.height) * HEIGHT];
}

function wireZoom(root) {
  root.addEventListener("wheel", (ev) => {
    // Only with Ctrl (or Cmd): a plain wheel keeps scrolling the page past the map.
    if (!view || !view.world || !(ev.ctrlKey || ev.metaKey)) return;
    ev.preventDefault();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ...local(root, ev));
  }, { passive: false });
  let drag = null;
  root.addEventListener("pointerdown", (ev) => {
    if (ev.target.classList.contains("event-point")) return;
    drag = local(root, ev);
    root.setPointerCapture(ev.pointerId);
    root.classList.add("dragging");
  });
  root.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const here = local(root, ev);
    panBy(here[0] - drag[0], here[1] - drag[1]);
    drag = here;
  });
  const stop = () => {
    if (!drag) return;
    drag = null;
    root.classList.remove("dragging");
    commit();
  };
  root.addEventListener("pointerup", stop);
  root.addEventListener("pointercancel", stop);
}

// Ring the circle of `name` (the place of the event being read); null clears the ring.
export function focusPlace(name) {
  if (!view) return;
  view.opts.focused = name || "";
  for (const circle of view.root.querySelectorAll("circle.event-point")) {
    circle.classList.toggle("focused", Boolean(name) && circle.dataset.place === name);
  }
}

// The +, - and fit buttons (in the page, beside the map container).
export function wireMapControls(zoomIn, zoomOut, fit) {
  zoomIn.addEventListener("click", () => zoomAt(1.6, view.width / 2, HEIGHT / 2, true));
  zoomOut.addEventListener("click", () => zoomAt(1 / 1.6, view.width / 2, HEIGHT / 2, true));
  fit.addEventListener("click", () => {
    if (!view || !view.world) return;
    view.projection = makeProjection(view.width, HEIGHT, extentOf(view.groups));
    clearTimeout(settle);
    render();
  });
}

export async function drawMap(container, events, { onPlace = null, selectedPlace = "" } = {}) {
  const world = await loadWorld();
  const groups = placeGroups(events);
  const width = Math.max(container.clientWidth, 320);
  const extent = extentOf(groups);
  let root = container.querySelector("svg.map-svg");
  if (!root) {
    clear(container);
    root = svg("svg", { class: "map-svg", role: "img" });
    container.append(root);
    wireZoom(root);
  }
  root.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
  root.setAttribute("width", width);
  root.setAttribute("height", HEIGHT);
  root.setAttribute("aria-label", `Map of ${groups.length} places with events`);
  const projection = world ? makeProjection(width, HEIGHT, extent) : fallbackProjection(width, HEIGHT, extent);
  view = {
    root, world, groups, width, projection, opts: { onPlace, selectedPlace },
    hits: world ? countriesWithEvents(world.features, groups) : new Map(),
    // Never zoom out past the whole world.
    minScale: world ? makeProjection(width, HEIGHT, null).scale() : 1,
  };
  clearTimeout(settle);
  render();
  if (!world && !container.querySelector(".map-note")) {
    container.append(el("p", { class: "map-note" },
      "Base map not installed: run `npm ci && python scripts/vendor_js.py`."));
  }
  const located = groups.reduce((n, g) => n + g.count, 0);
  container.dataset.state = "ready";
  return { places: groups.length, located, unlocated: events.length - located };
}
