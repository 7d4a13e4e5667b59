// DOM helpers. Every piece of text goes in through text nodes, never markup, so a name like
// `<img src=x onerror=...>` is shown as the characters it is.

import { plain } from "./messages.js";

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

/** A domain or address as nodes that may break after each dot (a `<wbr>` there), so that a narrow column or a
 * printed quote wraps `www.shop.example` between labels, not inside one. */
export function atDots(name) {
  return String(name).split(/(?<=\.)/).flatMap((part, i) => (i ? [h("wbr"), part] : [part]));
}

export const $ = (id, root = document) => root.getElementById(id);

/** A `<select>`'s options from `[value, label]` pairs, keeping `selected` when it is one of them. */
export function options(select, pairs, selected) {
  select.replaceChildren(...pairs.map(([value, label]) => h("option", { value, text: label })));
  if (pairs.some(([v]) => v === selected)) select.value = selected;
  return select.value;
}

/** `{ code, message }` as a line: a plain sentence (what is wrong and the limit) when there is one, then
 * CertCentral's code in monospace and its message. `ctx` is what `plain` needs (messages.js). */
export function problem(p, ctx) {
  const sentence = plain(p, ctx);
  return h("span", { class: "problem" },
    sentence ? h("span", { class: "plain", text: sentence }) : null, sentence ? " " : null,
    h("span", { class: "cc" }, h("code", { text: p.code }), " ", h("span", { class: "msg", text: p.message })));
}

/** Replaces `el`'s children; null, undefined and false children are skipped, strings become text nodes. */
export function put(el, ...children) {
  el.replaceChildren();
  return adopt(el, children);
}

/** Gives each body cell of `table.data` tables under `root` its column's heading as `data-label`, which the
 * narrow-screen styles show before the cell when a table turns into one block per row. */
export function labelCells(root = document) {
  for (const table of root.querySelectorAll("table.data")) {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => {
        if (i === 0 || !heads[i]) return; // the first cell names the row
        if (cell.getAttribute("data-label") !== heads[i]) cell.setAttribute("data-label", heads[i]);
      });
    }
  }
}
