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

function radius(count) {
  return 4 + 3.2 * Math.sqrt(count);
}

export async function drawMap(container, events, { onPlace = null, selectedPlace = "" } = {}) {
  const world = await loadWorld();
  const groups = placeGroups(events);
  const width = Math.max(container.clientWidth, 320);
  const extent = extentOf(groups);
  const root = svg("svg", {
    class: "map-svg", viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT,
    role: "img", "aria-label": `Map of ${groups.length} places with events`,
  });
  let project;
  if (world) {
    const d3 = window.d3;
    const projection = makeProjection(width, HEIGHT, extent);
    const path = d3.geoPath(projection);
    project = projection;
    root.append(svg("path", { class: "sphere", d: path({ type: "Sphere" }) }));
    root.append(svg("path", { class: "graticule", d: path(d3.geoGraticule10()) }));
    const countries = svg("g", { class: "countries" });
    for (const feature of world.features) {
      const d = path(feature);
      if (!d) continue;
      countries.append(svg("path", { class: "country", d }, svg("title", {}, feature.properties.name || "")));
    }
    root.append(countries);
  } else {
    project = fallbackProjection(width, HEIGHT, extent);
    root.append(svg("rect", { class: "sphere", x: 0, y: 0, width, height: HEIGHT }));
  }

  const points = svg("g", { class: "points" });
  const labels = svg("g", { class: "labels" });
  // Largest first so that small circles stay clickable on top of big ones.
  groups.forEach((g, i) => {
    const xy = project([g.lon, g.lat]);
    if (!xy || !Number.isFinite(xy[0])) return;
    const q = dominantQuad(g.quads);
    const detail = [1, 2, 3, 4].filter((k) => g.quads[k]).map((k) => `${quadName(k)}: ${g.quads[k]}`).join("\n");
    const circle = svg("circle", {
      class: `event-point q${q}${g.name === selectedPlace ? " selected" : ""}`,
      cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: radius(g.count).toFixed(1),
      fill: (QUAD[q] || { color: "#777" }).color, tabindex: 0, "data-place": g.name,
      onclick: () => onPlace && onPlace(g.name),
      onkeydown: (ev) => { if (ev.key === "Enter" && onPlace) onPlace(g.name); },
    }, svg("title", {}, `${g.name}: ${g.count} event${g.count === 1 ? "" : "s"}\n${detail}`));
    points.append(circle);
    if (i < 8) {
      labels.append(svg("text", {
        class: "place-label", x: (xy[0] + radius(g.count) + 3).toFixed(1), y: (xy[1] + 4).toFixed(1),
      }, g.name));
    }
  });
  root.append(points, labels);

  clear(container);
  container.append(root);
  if (!world) {
    container.append(el("p", { class: "map-note" },
      "Base map not installed: run `npm ci && python scripts/vendor_js.py`."));
  }
  const located = groups.reduce((n, g) => n + g.count, 0);
  container.dataset.state = "ready";
  return { places: groups.length, located, unlocated: events.length - located };
}
