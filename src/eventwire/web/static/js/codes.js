// Names for the codes the dashboard shows (CAMEO roots, PLOVER types, QuadClass).
// The store holds only the codes; these labels are the public codebook names.

export const CAMEO_ROOTS = [
  ["01", "Make public statement"],
  ["02", "Appeal"],
  ["03", "Express intent to cooperate"],
  ["04", "Consult"],
  ["05", "Engage in diplomatic cooperation"],
  ["06", "Engage in material cooperation"],
  ["07", "Provide aid"],
  ["08", "Yield"],
  ["09", "Investigate"],
  ["10", "Demand"],
  ["11", "Disapprove"],
  ["12", "Reject"],
  ["13", "Threaten"],
  ["14", "Protest"],
  ["15", "Exhibit force posture"],
  ["16", "Reduce relations"],
  ["17", "Coerce"],
  ["18", "Assault"],
  ["19", "Fight"],
  ["20", "Use unconventional mass violence"],
];

export const CAMEO_ROOT_NAME = Object.fromEntries(CAMEO_ROOTS);

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
  const root = CAMEO_ROOT_NAME[String(code).slice(0, 2)];
  return root ? `${code} · ${root}` : String(code);
}
