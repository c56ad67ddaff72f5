// Small DOM and fetch helpers shared by the dashboard modules.
//
// Every piece of data from the store reaches the page through `el` (textContent) or an
// attribute set with setAttribute: article text is never parsed as HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

// el("td", {class: "x", title: "y"}, "text", childNode, ...) -> HTMLElement.
// Strings become text nodes; null/undefined/false children are skipped.
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// The same for SVG elements (which need their namespace).
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Remove all children (node by node: nothing is ever parsed as markup).
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class ApiError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

// GET a JSON endpoint of the eventwire API. Empty parameters are left out so the server's
// defaults apply; errors in the API's one error shape become ApiError.
export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.type || "http_error",
      error.message || `${url} answered ${response.status}`);
  }
  return body;
}

const NUMBER = new Intl.NumberFormat("en");
export const fmtInt = (n) => NUMBER.format(n ?? 0);
export const fmtNum = (n, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? "–" : Number(n).toFixed(digits);

// "2025-05-10" -> "10 May 2025"; anything coarser or odd is shown as it is.
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export function fmtDay(value) {
  if (!value) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

// A URL we may put in an href: only absolute http(s) addresses (never javascript: etc.).
export function safeUrl(value) {
  return typeof value === "string" && /^https?:\/\//i.test(value) ? value : null;
}

// Run `fn` at most once per `ms` of quiet (typing in the actor box).
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
