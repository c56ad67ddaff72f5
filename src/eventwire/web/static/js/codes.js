// Names for the codes the dashboard shows (CAMEO roots, PLOVER types, QuadClass).
// The store holds only the codes; these labels are the public codebook names.

import { api } from "./dom.js";

// CAMEO root names and the modalities that count come from the API (GET api/codebook),
// which reads them from the codebook the coder uses (resources/data/cameo.tsv), so the
// dashboard never shows a name or counts an event differently from the store.
const codebook = { roots: [], rootName: {}, counted: new Set() };

export async function loadCodebook() {
  const body = await api("api/codebook");
  codebook.roots = body.cameo_roots.map((r) => [r.code, r.name]);
  codebook.rootName = Object.fromEntries(codebook.roots);
  codebook.counted = new Set(body.counted_modalities);
}

// [code, name] of the 20 CAMEO roots, once loadCodebook has run.
export function cameoRoots() {
  return codebook.roots;
}

// The contract's counted event: not negated, and of a counted modality.
export function isCounted(e) {
  return !e.negated && codebook.counted.has(e.modality);
}

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

// GDELT's four classes; colours run from cool (cooperation) to hot (material conflict) and
// are repeated in app.css as --q1..--q4.
export const QUAD = {
  1: { name: "Verbal cooperation", short: "Verbal coop.", color: "#8cc4e3" },
  2: { name: "Material cooperation", short: "Material coop.", color: "#2b79b5" },
  3: { name: "Verbal conflict", short: "Verbal conflict", color: "#f2a154" },
  4: { name: "Material conflict", short: "Material conflict", color: "#cf3a2a" },
};

export function quadName(q) {
  return (QUAD[q] && QUAD[q].name) || "Unclassified";
}

export function cameoLabel(code) {
  if (!code) return "–";
  const root = codebook.rootName[String(code).slice(0, 2)];
  return root ? `${code} · ${root}` : String(code);
}
