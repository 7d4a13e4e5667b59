// DOM helpers. Every piece of text goes in through text nodes, never markup, so a name like
// `<img src=x onerror=...>` is shown as the characters it is.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Sets attributes, properties and listeners on `el`; `text` sets textContent. */
function apply(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.setAttribute("class", v);
    else if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value" || k === "checked" || k === "selected") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  return el;
}

function adopt(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: `h("td", { class: "num" }, "753.42")`. */
export function h(tag, attrs, ...children) {
  return adopt(apply(document.createElement(tag), attrs), children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return adopt(apply(document.createElementNS(SVG_NS, tag), attrs), children);
}

export const $ = (id, root = document) => root.getElementById(id);

/** A `<select>`'s options from `[value, label]` pairs, keeping `selected` when it is one of them. */
export function options(select, pairs, selected) {
  select.replaceChildren(...pairs.map(([value, label]) => h("option", { value, text: label })));
  if (pairs.some(([v]) => v === selected)) select.value = selected;
  return select.value;
}

/** `{ code, message }` as a line: the code in monospace, then the message. */
export function problem(p) {
  return h("span", { class: "problem" }, h("code", { text: p.code }), " ", h("span", { text: p.message }));
}

/** Replaces `el`'s children; null, undefined and false children are skipped, strings become text nodes. */
export function put(el, ...children) {
  el.replaceChildren();
  return adopt(el, children);
}
