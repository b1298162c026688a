// Supervisor dashboard: signs in (token in sessionStorage), reads GET /api/today, follows
// /ws for live changes and alerts, reconnects with backoff, and runs /api/reports.
'use strict';

const TOKEN_KEY = 'motcua.dashboard.token';
const STATE_NAMES = { idle: 'Sẵn sàng', calling: 'Đang mời', serving: 'Đang phục vụ', paused: 'Tạm dừng',
  closed: 'Đóng', offline: 'Mất kết nối' };
const SERVICE_STATUS = { open: 'Đang nhận số', outside_hours: 'Ngoài giờ', full: 'Hết số' };
const REASONS = [['thai_do', 'Thái độ'], ['cho_lau', 'Chờ lâu'], ['huong_dan_khong_ro', 'Hướng dẫn không rõ'],
  ['ho_so_tra_lai', 'Hồ sơ trả lại'], ['khac', 'Khác']];

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem(TOKEN_KEY) || '', today: null, fetchedAt: 0, clockOffset: 0,
  ws: null, backoff: 1000, reconnectTimer: 0, refreshTimer: 0, satTab: 'by_officer', office: null, report: null };

// ---------- formatting (Vietnamese: comma decimals) ----------
function num(v) { return v === null || v === undefined ? '–' : Number(v).toLocaleString('vi-VN'); }
function pct(rate) { return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1).replace('.', ',') + '%'; }
function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  return (seconds / 60).toFixed(1).replace('.', ',') + ' phút';
}
// A running duration in words ("12 phút", "1 giờ 5 phút"): "12:34" beside the clock
// would read as a time of day.
function durationText(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  if (seconds < 60) return 'dưới 1 phút';
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}
function serverNow() { return Date.now() + state.clockOffset; }
// A time as the office's clocks show it (utc_offset_minutes of /api/office), whatever
// time zone the supervisor's PC is set to.
function officeTime(ms, options) {
  const offset = state.office && Number.isInteger(state.office.utc_offset_minutes) ? state.office.utc_offset_minutes : 420;
  return new Date(ms + offset * 60000).toLocaleString('vi-VN', { ...options, timeZone: 'UTC', hour12: false });
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}
function td(text, field, cls) {
  const cell = el('td', { text: String(text) });
  if (field) cell.dataset.field = field;
  if (cls) cell.className = cls;
  return cell;
}

// ---------- HTTP ----------
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (options.body) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  return r;
}
async function errorText(r) {
  try { const j = await r.json(); return `${j.message || j.error} (${r.status})`; } catch (e) { return `Lỗi ${r.status}`; }
}

// ---------- sign-in ----------
function showLogin(message) {
  stopLive();
  $('dash-view').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login-error').textContent = message || '';
}
function showDashboard() {
  $('login-view').hidden = true;
  $('dash-view').hidden = false;
  $('logout').hidden = false;
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  let r;
  try {
    r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }) });
  } catch (e) { $('login-error').textContent = 'Không kết nối được máy chủ.'; return; }
  if (r.status === 400) {
    // Officers must name a counter to sign in: this page has none to offer them.
    $('login-error').textContent = 'Tài khoản cán bộ không được xem bảng điều khiển; hãy đăng nhập bằng tài khoản lãnh đạo.';
    return;
  }
  if (!r.ok) { $('login-error').textContent = await errorText(r); return; }
  const j = await r.json();
  state.token = j.token;
  sessionStorage.setItem(TOKEN_KEY, j.token);
  $('password').value = '';
  await begin();
});

$('logout').addEventListener('click', async () => {
  try { await api('/api/logout', { method: 'POST', body: '{}' }); } catch (e) { /* signing out locally anyway */ }
  state.token = '';
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin('');
});

// Who is signed in; officers are refused here as the server refuses them (403).
async function begin() {
  if (!state.token) return showLogin('');
  let me;
  try {
    const r = await api('/api/me');
    if (r.status === 401) { sessionStorage.removeItem(TOKEN_KEY); state.token = ''; return showLogin(await errorText(r)); }
    if (!r.ok) return showLogin(await errorText(r));
    me = await r.json();
  } catch (e) { return showLogin('Không kết nối được máy chủ.'); }
  const ok = await refresh();
  if (!ok) return;
  $('who').textContent = `${me.officer.display_name} (${me.officer.role === 'admin' ? 'quản trị' : 'lãnh đạo'})`;
  showDashboard();
  connect();
}

// ---------- /api/today ----------
async function refresh() {
  let r;
  try { r = await api('/api/today'); } catch (e) { setConn(false); return false; }
  if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return false; }
  if (r.status === 403) {
    const text = await errorText(r);
    showLogin('Tài khoản này không được xem bảng điều khiển: ' + text);
    $('login-error').dataset.status = '403';
    return false;
  }
  if (!r.ok) { $('report-error').textContent = await errorText(r); return false; }
  const t = await r.json();
  state.today = t;
  state.fetchedAt = Date.now();
  state.clockOffset = t.now - Date.now();
  if (!state.office) {
    try { const o = await api('/api/office'); if (o.ok) state.office = await o.json(); } catch (e) { /* name only */ }
    if (state.office) { $('office-name').textContent = state.office.name; document.title = 'Giám sát — ' + state.office.name; }
  }
  render();
  return true;
}
function scheduleRefresh(delay) {
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(() => { state.refreshTimer = 0; refresh(); }, delay);
}

// ---------- WebSocket: live, with reconnect ----------
function setConn(on) {
  const c = $('conn');
  c.className = 'conn ' + (on ? 'on' : 'off');
  c.dataset.state = on ? 'on' : 'off';
  c.textContent = on ? 'Trực tuyến' : 'Mất kết nối — đang kết nối lại…';
}
function connect() {
  stopLive();
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/ws?token=${encodeURIComponent(state.token)}`);
  state.ws = ws;
  ws.onopen = () => { state.backoff = 1000; setConn(true); refresh(); };
  ws.onmessage = (m) => {
    let msg;
    try { msg = JSON.parse(m.data); } catch (e) { return; }
    if (msg.type === 'alerts') {
      if (state.today) { state.today.alerts = msg.alerts; renderAlerts(); }
    } else if (msg.type === 'event' || msg.type === 'snapshot') {
      scheduleRefresh(400);
    }
  };
  ws.onclose = () => {
    if (state.ws !== ws) return;
    state.ws = null;
    setConn(false);
    // Backoff doubles to 15 s; after ticketd restarts the page picks up where it was.
    state.reconnectTimer = setTimeout(connect, state.backoff);
    state.backoff = Math.min(state.backoff * 2, 15000);
  };
}
function stopLive() {
  clearTimeout(state.reconnectTimer);
  if (state.ws) { const ws = state.ws; state.ws = null; ws.close(); }
}

// ---------- rendering ----------
function render() {
  const t = state.today;
  $('service-day').textContent = 'Ngày ' + t.service_day.split('-').reverse().join('/');
  renderAlerts();
  renderKpis(t);
  renderServices(t);
  renderCounters(t);
  renderCharts(t);
  renderSatisfaction();
  renderLinked(t);
  tick();
}

function renderAlerts() {
  const alerts = (state.today && state.today.alerts) || [];
  const list = $('alerts');
  list.replaceChildren(...alerts.map((a) => {
    const li = el('li', { class: a.kind, 'data-kind': a.kind }, a.message);
    li.append(el('span', { class: 'age', 'data-since': a.since }));
    return li;
  }));
  $('alert-count').textContent = alerts.length;
  $('no-alerts').hidden = alerts.length > 0;
  document.querySelector('.alerts-card').classList.toggle('active', alerts.length > 0);
  tick();
}

function renderKpis(t) {
  const waiting = t.services.reduce((s, x) => s + x.waiting, 0);
  $('kpi-waiting').textContent = num(waiting);
  $('kpi-issued').textContent = num(t.total.issued);
  $('kpi-served').textContent = num(t.total.served);
  $('kpi-noshow').textContent = num(t.total.no_show);
  $('kpi-avgwait').textContent = minutes(t.total.wait.avg_s);
  $('kpi-ontime').textContent = pct(t.total.on_time_rate);
  $('kpi-satisfaction').textContent = pct(t.total.satisfaction_rate);
}

function renderServices(t) {
  const rows = t.services.map((s) => {
    const d = s.today || { served: 0, no_show: 0, cancelled: 0, wait: { avg_s: null }, on_time_rate: null };
    const tr = el('tr', { 'data-service': s.code });
    tr.append(td(s.name, 'name', 'text'), td(SERVICE_STATUS[s.status] || s.status, 'status', 'text'),
      td(s.waiting, 'waiting'), td('', 'longest_wait'), td(s.target_wait_min + ' phút', 'target'),
      td(minutes(d.wait.avg_s), 'avg_wait'), td(d.served, 'served'), td(d.no_show, 'no_show'),
      td(d.cancelled, 'cancelled'), td(pct(d.on_time_rate), 'on_time'));
    tr.dataset.longest = s.longest_wait_s;
    tr.dataset.target = s.target_wait_min * 60;
    tr.dataset.waiting = s.waiting;
    return tr;
  });
  $('services-table').tBodies[0].replaceChildren(...rows);
}

function renderCounters(t) {
  const rows = t.counters.map((c) => {
    const tr = el('tr', { 'data-counter': c.number });
    const st = el('span', { class: 'state ' + c.state, text: STATE_NAMES[c.state] || c.state });
    const stCell = el('td', { class: 'text' }, st);
    stCell.dataset.field = 'state';
    if (c.state === 'paused' && c.pause_reason) stCell.append(' (' + c.pause_reason + ')');
    const ticket = c.ticket ? c.ticket.number : '';
    const action = el('td', { class: 'text' });
    action.dataset.field = 'action';
    if (c.state !== 'closed') {
      const close = el('button', { type: 'button', class: 'force-close', text: 'Đóng quầy' });
      close.addEventListener('click', () => forceClose(c));
      action.append(close);
    }
    tr.append(td(c.name, 'name', 'text'), stCell, td(c.officer_name || '', 'officer', 'text'), td(ticket, 'ticket'),
      td('', 'duration'), td(c.served_today, 'served_today'), action);
    tr.dataset.since = c.since;
    tr.dataset.state = c.state;
    return tr;
  });
  $('counters-table').tBodies[0].replaceChildren(...rows);
}

// For a counter its officer left signed in: the server puts its ticket back in line and
// signs the officer out there. Asked first, as it interrupts whoever is at that counter.
async function forceClose(c) {
  const who = c.officer_name ? ` của ${c.officer_name}` : '';
  const held = c.ticket ? ` Số ${c.ticket.number} sẽ trở lại hàng chờ, ở vị trí cũ.` : '';
  if (!window.confirm(`Đóng ${c.name}${who}? Cán bộ sẽ bị đăng xuất khỏi quầy này.${held}`)) return;
  $('counters-error').textContent = '';
  let r;
  try {
    r = await api(`/api/counters/${c.number}/force-close`, { method: 'POST', body: '{}' });
  } catch (e) { $('counters-error').textContent = 'Không kết nối được máy chủ.'; return; }
  if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return; }
  if (!r.ok) { $('counters-error').textContent = await errorText(r); return; }
  scheduleRefresh(0);
}

// Live durations, counted on the page between refreshes (server clock, not the PC's).
function tick() {
  if (!state.today) return;
  const now = serverNow();
  const elapsed = (Date.now() - state.fetchedAt) / 1000;
  for (const tr of $('services-table').tBodies[0].rows) {
    const waiting = Number(tr.dataset.waiting);
    const longest = waiting > 0 ? Number(tr.dataset.longest) + elapsed : 0;
    tr.querySelector('[data-field=longest_wait]').textContent = waiting > 0 ? durationText(longest) : '–';
    tr.classList.toggle('late', waiting > 0 && longest > Number(tr.dataset.target));
  }
  for (const tr of $('counters-table').tBodies[0].rows) {
    const s = tr.dataset.state;
    const busy = s === 'calling' || s === 'serving' || s === 'paused' || s === 'idle';
    tr.querySelector('[data-field=duration]').textContent = busy ? durationText((now - Number(tr.dataset.since)) / 1000) : '';
  }
  for (const span of document.querySelectorAll('#alerts .age'))
    span.textContent = '· ' + durationText((now - Number(span.dataset.since)) / 1000);
  $('clock').textContent = officeTime(now, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
setInterval(tick, 1000);
// Averages do not change without events, but the page stays honest if a message was lost.
setInterval(() => { if (state.ws && state.token) scheduleRefresh(0); }, 30000);

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

// ---------- reports ----------
function isoDate(d) { return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }
function setMonth(offset) {
  const base = state.today ? new Date(state.today.service_day + 'T00:00:00') : new Date();
  const first = new Date(base.getFullYear(), base.getMonth() + offset, 1);
  const last = new Date(base.getFullYear(), base.getMonth() + offset + 1, 0);
  $('report-from').value = isoDate(first);
  $('report-to').value = isoDate(last);
}
$('month-this').addEventListener('click', () => setMonth(0));
$('month-last').addEventListener('click', () => setMonth(-1));
setMonth(0);

function reportQuery(format, detail = 'summary') {
  const q = new URLSearchParams({ from: $('report-from').value, to: $('report-to').value, group: $('report-group').value,
    format, detail });
  return '/api/reports?' + q.toString();
}
async function loadReport() {
  $('report-error').textContent = '';
  const r = await api(reportQuery('json'));
  if (!r.ok) { $('report-error').textContent = await errorText(r); return null; }
  state.report = await r.json();
  renderReport(state.report);
  return state.report;
}
$('report-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadReport(); });
$('report-print').addEventListener('click', async () => { if (await loadReport()) window.print(); });
// Saves the server's file under the name it gives. The buttons say "Đang tải…" meanwhile:
// a year's ticket list takes a few seconds.
async function download(button, format, detail) {
  $('report-error').textContent = '';
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Đang tải…';
  try {
    const r = await api(reportQuery(format, detail));
    if (!r.ok) { $('report-error').textContent = await errorText(r); return; }
    const name = (/filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '') || [])[1] || `bao-cao.${format}`;
    // Bytes as sent, so the BOM Excel needs in a CSV stays in the file.
    const blob = new Blob([await r.arrayBuffer()], { type: r.headers.get('Content-Type') || 'application/octet-stream' });
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  } catch (e) {
    $('report-error').textContent = 'Không tải được tệp: mất kết nối tới máy chủ. Hãy thử lại.';
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
$('report-xlsx').addEventListener('click', (ev) => download(ev.currentTarget, 'xlsx', 'summary'));
$('report-tickets-xlsx').addEventListener('click', (ev) => download(ev.currentTarget, 'xlsx', 'tickets'));
$('report-csv').addEventListener('click', (ev) => download(ev.currentTarget, 'csv', 'summary'));

const REPORT_COLUMNS = [
  ['Đã cấp', (r) => num(r.issued)], ['Đã phục vụ', (r) => num(r.served)], ['Vắng mặt', (r) => num(r.no_show)],
  ['Đã hủy', (r) => num(r.cancelled)], ['Đã chuyển', (r) => num(r.transferred)], ['Chờ TB', (r) => mins(r.wait.avg_s)], ['Chờ trung vị', (r) => mins(r.wait.median_s)],
  ['Chờ P90', (r) => mins(r.wait.p90_s)], ['Phục vụ TB', (r) => mins(r.service.avg_s)],
  ['Phục vụ trung vị', (r) => mins(r.service.median_s)], ['Phục vụ P90', (r) => mins(r.service.p90_s)],
  ['Gọi trong mục tiêu', (r) => pct(r.on_time_rate)], ['Lượt đánh giá', (r) => num(r.votes)],
  ['Tỷ lệ hài lòng', (r) => pct(r.satisfaction_rate)], ['Tham gia', (r) => pct(r.participation)]];
function mins(s) { return s === null ? '–' : (s / 60).toFixed(1).replace('.', ','); }
function renderReport(rep) {
  const groupName = { service: 'Lĩnh vực', counter: 'Quầy', officer: 'Cán bộ', office: 'Đơn vị' }[rep.group];
  $('rp-office').textContent = state.office ? state.office.name : '';
  const f = (d) => d.split('-').reverse().join('/');
  $('rp-period').textContent = `Từ ngày ${f(rep.from)} đến ngày ${f(rep.to)} — theo ${groupName.toLowerCase()}`;
  const t = $('report-table');
  const head = el('tr', {}, el('th', { text: groupName }), ...REPORT_COLUMNS.map(([h]) => el('th', { text: h })));
  t.tHead.replaceChildren(head);
  const row = (r, label) => {
    const tr = el('tr', { 'data-key': r.key });
    tr.append(td(label || r.label, 'label', 'text'), ...REPORT_COLUMNS.map(([h, f2]) => td(f2(r), h)));
    return tr;
  };
  t.tBodies[0].replaceChildren(...rep.rows.map((r) => row(r)));
  t.tFoot.replaceChildren(rep.group === 'office' ? '' : row(rep.total, 'Tổng cộng'));
  $('report-view').hidden = false;
}

begin();
