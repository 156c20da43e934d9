// termtrack browse page: plain JavaScript, no libraries, works offline.
// Data comes from the local JSON API (/api/…); text is always inserted with textContent.
"use strict";

const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") node.addEventListener("click", v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v) url.searchParams.set(k, v);
  const res = await fetch(url);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function reviewed() { return $("#reviewed").checked ? "1" : ""; }

function status(text) { $("#status").textContent = text || ""; }

// A sentence with its label marked: the surface found in the sentence, else the plain sentence.
function highlighted(sentence, surface) {
  const span = el("span", { class: "sentence" });
  const i = surface ? sentence.indexOf(surface) : -1;
  if (i < 0) { span.textContent = sentence; return span; }
  span.append(sentence.slice(0, i), el("mark", {}, surface), sentence.slice(i + surface.length));
  return span;
}

// Partial ISO date (2016, 2016-09, 2016-09-30) → fractional year for the x axis.
function year(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return y + ((m || 1) - 1) / 12 + ((d || 1) - 1) / 365;
}

function drawChart(h) {
  const chart = $("#chart");
  chart.replaceChildren();
  const W = 960, H = 320, L = 70, R = 30, T = 30, B = 40;
  const periods = h.periods;
  if (!periods.length) {
    chart.append(svg("text", { x: L, y: H / 2, class: "tick" }, "No labels found."));
    return;
  }
  const points = periods.flatMap((p, i) => p.evidence.map((e) => ({ ...e, period: i })));
  const years = [...periods.map((p) => year(p.start)), ...points.map((e) => year(e.date))];
  const lastYear = Math.max(...years, new Date().getFullYear() + 1);
  const x0 = Math.floor(Math.min(...years)) - 1, x1 = Math.ceil(lastYear);
  const ranks = periods.map((p) => (p.rank ?? 0));
  const r0 = Math.min(...ranks) - 1.6, r1 = Math.max(...ranks) + 1;
  const X = (y) => L + ((y - x0) / (x1 - x0)) * (W - L - R);
  const Y = (r) => H - B - ((r - r0) / (r1 - r0)) * (H - T - B);

  chart.append(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
  chart.append(svg("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }));
  const stepYears = Math.max(1, Math.ceil((x1 - x0) / 12));
  for (let y = Math.ceil(x0); y <= x1; y += stepYears) {
    chart.append(svg("text", { x: X(y), y: H - B + 18, "text-anchor": "middle", class: "tick" }, String(y)));
    chart.append(svg("line", { x1: X(y), y1: H - B, x2: X(y), y2: H - B + 5, class: "axis" }));
  }
  chart.append(svg("text", { x: 12, y: T + 4, class: "tick" }, `rank (${h.ranking})`));

  periods.forEach((p, i) => {
    const xs = X(year(p.start));
    const xe = i + 1 < periods.length ? X(year(periods[i + 1].start)) : X(lastYear);
    const y = Y(p.rank ?? 0);
    chart.append(svg("line", { x1: xs, y1: y, x2: xe, y2: y, class: "step", "data-label": p.label }));
    if (i > 0) {
      const prev = Y(periods[i - 1].rank ?? 0);
      chart.append(svg("line", { x1: xs, y1: prev, x2: xs, y2: y, class: "step rise" }));
    }
    chart.append(svg("text", { x: xs + 4, y: y - 10, class: "steplabel" }, `${p.label} (${p.start})`));
    chart.append(svg("text", { x: 12, y: y + 4, class: "tick" }, p.rank === null ? "?" : String(p.rank)));
  });

  // statements on the same day (or a few pixels apart) stack below the step, upgrades first
  const stack = new Map();
  points.sort((a, b) => (a.event === "upgrade" ? 0 : 1) - (b.event === "upgrade" ? 0 : 1));
  points.forEach((e, k) => {
    const p = periods[e.period];
    const cx = X(year(e.date)), bin = `${Math.round(cx / 8)}|${e.period}`;
    const n = stack.get(bin) || 0;
    stack.set(bin, n + 1);
    const c = svg("circle", {
      cx, cy: Y(p.rank ?? 0) + n * 13, r: 6, tabindex: 0,
      class: "point" + (e.event === "upgrade" ? " upgrade" : ""),
      "data-statement": e.statement_id, "data-date": e.date, "data-label": e.label, "data-index": k,
    });
    c.append(svg("title", {}, `${e.date} ${e.statement_id}: ${e.label} (${e.event})`));
    c.addEventListener("click", () => showPoint(c, e));
    c.addEventListener("keydown", (ev) => { if (ev.key === "Enter") showPoint(c, e); });
    chart.append(c);
  });
}

function showPoint(circle, e) {
  document.querySelectorAll("#chart .point.selected").forEach((c) => c.classList.remove("selected"));
  circle.classList.add("selected");
  const d = $("#detail");
  d.hidden = false;
  d.replaceChildren(
    el("div", { class: "meta" },
      el("strong", {}, e.label), ` · ${e.event} · statement `,
      el("a", { onclick: () => showStatement(e.statement_id, e.start, e.end), class: "open" }, e.statement_id),
      ` · ${e.date}` + (e.ref_date ? ` · date in text ${e.ref_date}` : "")),
    el("p", {}, highlighted(e.sentence, e.surface)),
  );
}

async function showStatement(id, start, end) {
  const box = $("#statement");
  try {
    const s = await api("/api/statement", { id });
    const text = el("p", { class: "text" });
    let pos = 0;
    for (const m of s.mentions) {
      if (m.start < pos) continue;
      text.append(s.text.slice(pos, m.start));
      const mark = el("mark", { title: `${m.label_zh} · ${m.partner || "?"} · ${m.event}` }, s.text.slice(m.start, m.end));
      if (m.start === start && m.end === end) mark.style.outline = "2px solid #e63946";
      text.append(mark);
      pos = m.end;
    }
    text.append(s.text.slice(pos));
    box.replaceChildren(
      el("h2", {}, s.title || s.id),
      el("p", { class: "meta" }, `${s.id} · ${s.date} · ${s.lang}` + (s.source ? ` · ${s.source}` : "")),
      s.url ? el("p", {}, el("a", { href: s.url, rel: "noreferrer" }, s.url)) : "",
      text,
    );
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  } catch (err) { status(err.message); }
}

async function showPartner(code) {
  if (!code) { $("#timeline").hidden = true; return; }
  status("loading …");
  try {
    const h = await api("/api/history", { partner: code, ranking: $("#ranking").value, reviewed: reviewed() });
    $("#title").textContent = `China – ${h.name}${h.name_zh ? " (" + h.name_zh + ")" : ""}`;
    drawChart(h);
    const body = $("#periods tbody");
    body.replaceChildren(...h.periods.map((p) => el("tr", { class: p.change },
      el("td", {}, p.start), el("td", {}, p.end || ""),
      el("td", {}, el("strong", {}, p.label), el("br"), p.label_en || ""),
      el("td", { class: "change" }, p.change), el("td", {}, p.rank === null ? "" : String(p.rank)),
      el("td", {}, String(p.statements)),
      el("td", {}, `[${p.evidence_statement_id}] `, highlighted(p.evidence_sentence, p.evidence_surface)))));
    const notes = $("#notes");
    notes.replaceChildren(...h.overlays.map((o) => el("p", {}, `overlay: ${o.label} from ${o.start} (${o.statements} statements)`)),
      ...(h.relapses.length ? [el("p", {}, `${h.relapses.length} later statements use another wording beside the label in force: an older or shorter label, a label said of the partner (…伙伴, "partners"), or English wording the Chinese texts never use. Shown as variants, not changes.`)] : []));
    $("#detail").hidden = true;
    $("#statement").hidden = true;
    $("#timeline").hidden = false;
    window.location.hash = "partner=" + encodeURIComponent(code);
    status("");
  } catch (err) { status(err.message); }
}

async function loadUpgrades() {
  const u = await api("/api/upgrades", { ranking: $("#ranking").value, reviewed: reviewed() });
  $("#upgrades tbody").replaceChildren(...u.changes.map((c) => el("tr", { class: c.change },
    el("td", {}, c.date),
    el("td", {}, el("a", { onclick: () => { $("#partner").value = c.partner; showPartner(c.partner); } }, `${c.partner_name} (${c.partner})`)),
    el("td", { class: "change" }, c.change), el("td", {}, c.from_label || ""), el("td", {}, c.to_label),
    el("td", {}, String(c.statements)),
    el("td", {}, el("a", { onclick: () => showStatement(c.statement_id) }, c.statement_id)))));
}

async function search(ev) {
  if (ev) ev.preventDefault();
  const q = $("#search").value;
  try {
    const r = await api("/api/mentions", { q, limit: 200, reviewed: reviewed() });
    $("#searchcount").textContent = `${r.total} mentions` + (r.total > r.mentions.length ? ` (first ${r.mentions.length} shown)` : "");
    $("#results tbody").replaceChildren(...r.mentions.map((m) => el("tr", {},
      el("td", {}, m.date), el("td", {}, el("a", { onclick: () => showStatement(m.statement_id, m.start, m.end) }, m.statement_id)),
      el("td", {}, m.partner || ""), el("td", {}, m.label_zh), el("td", {}, m.event), el("td", {}, m.review || ""),
      el("td", {}, highlighted(m.sentence, m.surface)))));
  } catch (err) { status(err.message); }
}

async function init() {
  try {
    const p = await api("/api/partners");
    $("#ranking").replaceChildren(...p.rankings.map((r) => el("option", { value: r, selected: r === p.default_ranking ? "" : null }, r)));
    $("#partner").append(...p.partners.map((x) => el("option", { value: x.code },
      `${x.name} (${x.code})` + (x.label ? ` — ${x.label}` : ""))));
    $("#partner").addEventListener("change", (e) => showPartner(e.target.value));
    for (const id of ["#ranking", "#reviewed"]) {
      $(id).addEventListener("change", () => { showPartner($("#partner").value); loadUpgrades(); if ($("#search").value) search(); });
    }
    $("#searchform").addEventListener("submit", search);
    await loadUpgrades();
    const m = /partner=([^&]+)/.exec(window.location.hash);
    if (m) { $("#partner").value = decodeURIComponent(m[1]); await showPartner(decodeURIComponent(m[1])); }
    document.body.dataset.ready = "1";
  } catch (err) { status(err.message); }
}

init();
