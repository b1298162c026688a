// The dashboard's charts (inline SVG, no library) and satisfaction tables.
// Loaded after dashboard.js and uses its helpers and state ($, api, errorText, el, state, …).
'use strict';

// ---------- charts: inline SVG, no library ----------
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
// A round axis: a step of 1, 2 or 5 × 10^k giving at most 5 ticks, and the top on a tick.
function axis(v) {
  const raw = Math.max(1, v) / 5;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw && Number.isInteger(s)) || Math.ceil(raw);
  return { step, top: Math.max(step, Math.ceil(Math.max(1, v) / step) * step) };
}
function frame(W, H, pad, ax) {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  for (let v = 0; v <= ax.top; v += ax.step) {
    const y = H - pad.b - (H - pad.t - pad.b) * v / ax.top;
    root.append(svg('line', { class: v ? 'gridline' : 'axis', x1: pad.l, x2: W - pad.r, y1: y, y2: y }));
    root.append(svg('text', { x: pad.l - 4, y: y + 4, 'text-anchor': 'end' }, num(v)));
  }
  return root;
}
function barChart(target, labels, values, opts = {}) {
  const W = 420, H = 210, pad = { l: 34, r: 8, t: 14, b: opts.rotate ? 56 : 30 };
  const ax = axis(Math.max(...values)), max = ax.top;
  const root = frame(W, H, pad, ax);
  const slot = (W - pad.l - pad.r) / values.length;
  values.forEach((v, i) => {
    const h = (H - pad.t - pad.b) * v / max;
    const x = pad.l + i * slot + slot * 0.15, y = H - pad.b - h;
    const bar = svg('rect', { class: 'bar' + (opts.warnFrom !== undefined && i >= opts.warnFrom ? ' warn' : ''), x,
      y, width: slot * 0.7, height: Math.max(0, h) });
    bar.append(svg('title', {}, `${labels[i]}: ${num(v)}`));
    root.append(bar);
    if (v > 0 && (opts.showValues || values.length <= 12))
      root.append(svg('text', { class: 'val', x: x + slot * 0.35, y: y - 3, 'text-anchor': 'middle' }, num(v)));
    if (!opts.labelEvery || i % opts.labelEvery === 0) {
      const lx = x + slot * 0.35, ly = H - pad.b + 14;
      root.append(opts.rotate
        ? svg('text', { x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-35 ${lx} ${ly})` }, labels[i])
        : svg('text', { x: lx, y: ly, 'text-anchor': 'middle' }, labels[i]));
    }
  });
  target.replaceChildren(root);
}
function lineChart(target, points, dayStart, now) {
  const W = 420, H = 210, pad = { l: 34, r: 10, t: 14, b: 30 };
  const ax = axis(Math.max(0, ...points.map((p) => p.peak))), max = ax.top;
  const root = frame(W, H, pad, ax);
  // From the first hour with anything (or 7:00) to now.
  const firstAt = points.find((p) => p.peak > 0);
  const startH = Math.min(7, firstAt ? Math.floor((firstAt.at - dayStart) / 3600000) : 7);
  const x0 = dayStart + startH * 3600000, x1 = Math.max(now, x0 + 3600000);
  const X = (t) => pad.l + (W - pad.l - pad.r) * (t - x0) / (x1 - x0);
  const Y = (v) => H - pad.b - (H - pad.t - pad.b) * v / max;
  const shown = points.filter((p) => p.at >= x0);
  if (shown.length) {
    let d = `M${X(x0)},${Y(0)}`;
    for (const p of shown) d += ` L${X(p.at).toFixed(1)},${Y(p.waiting).toFixed(1)}`;
    const area = d + ` L${X(shown[shown.length - 1].at).toFixed(1)},${Y(0)} Z`;
    root.append(svg('path', { class: 'area', d: area }), svg('path', { class: 'line', d }));
  }
  for (let h = startH; dayStart + h * 3600000 <= x1; h++) {
    const x = X(dayStart + h * 3600000);
    root.append(svg('text', { x, y: H - pad.b + 14, 'text-anchor': 'middle' }, h + 'h'));
  }
  target.replaceChildren(root);
}
function renderCharts(t) {
  lineChart($('chart-waiting'), t.charts.waiting_over_day, t.day_start, t.now);
  barChart($('chart-histogram'), t.charts.wait_histogram.map((b) => b.label.replace(' phút', '').replace('Dưới ', '<')
    .replace('Từ ', '≥').replace(' trở lên', '')), t.charts.wait_histogram.map((b) => b.count), { warnFrom: 5 });
  const hours = [...Array(24).keys()];
  const first = Math.min(7, ...hours.filter((h) => t.charts.calls_per_hour[h] > 0));
  const last = Math.max(17, ...hours.filter((h) => t.charts.calls_per_hour[h] > 0));
  const shown = hours.slice(first, last + 1);
  // 7h–17h fit one label per bar; a day that reaches into the night labels every other hour.
  barChart($('chart-calls'), shown.map((h) => h + 'h'), shown.map((h) => t.charts.calls_per_hour[h]),
    { labelEvery: shown.length > 12 ? 2 : undefined });
}

// ---------- satisfaction ----------
for (const b of document.querySelectorAll('[data-sat]')) {
  b.addEventListener('click', () => {
    state.satTab = b.dataset.sat;
    for (const o of document.querySelectorAll('[data-sat]')) o.classList.toggle('active', o === b);
    renderSatisfaction();
  });
}
function reasonsText(r) {
  return REASONS.filter(([k]) => r.reasons[k] > 0).map(([k, label]) => `${label}: ${r.reasons[k]}`).join('; ');
}
function renderSatisfaction() {
  if (!state.today) return;
  // Tickets nobody finished (cancelled, unfinished) form an unassigned group with no votes:
  // a row of zeros there says nothing about satisfaction.
  const rows = (state.today.satisfaction[state.satTab] || []).filter((r) => r.key !== '' || r.votes > 0);
  $('sat-key').textContent = { by_officer: 'Cán bộ', by_counter: 'Quầy', by_service: 'Lĩnh vực' }[state.satTab];
  $('satisfaction-table').tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = el('tr', { 'data-key': r.key });
    tr.append(td(r.label, 'label', 'text'), ...r.votes_by_level.map((v, i) => td(v, 'level' + (i + 1))),
      td(r.votes, 'votes'), td(pct(r.satisfaction_rate), 'satisfaction'), td(pct(r.participation), 'participation'),
      td(reasonsText(r), 'reasons', 'text'));
    return tr;
  }));
}
function renderLinked(t) {
  $('linked-table').tBodies[0].replaceChildren(...t.linked.map((b) => {
    const tr = el('tr', { 'data-bucket': b.lo_min });
    tr.append(td(b.label, 'label', 'text'), td(b.votes, 'votes'), td(b.satisfied, 'satisfied'),
      td(pct(b.satisfaction_rate), 'rate'));
    return tr;
  }));
  barChart($('chart-linked'), t.linked.map((b) => b.label.replace(' phút', '').replace('Dưới ', '<').replace('Từ ', '≥')
    .replace(' trở lên', '')), t.linked.map((b) => (b.satisfaction_rate === null ? 0 : Math.round(b.satisfaction_rate * 100))),
  { showValues: true });
}
