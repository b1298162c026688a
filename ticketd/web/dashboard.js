// Supervisor dashboard: signs in (token in sessionStorage), reads GET /api/today, follows
// /ws for live changes and alerts, reconnects with backoff; the live tables and cards. The
// lookup, charts, reports and backups cards are in dashboard-*.js, loaded after this file.
'use strict';

const TOKEN_KEY = 'motcua.dashboard.token';
const STATE_NAMES = { idle: 'Sẵn sàng', calling: 'Đang mời', serving: 'Đang phục vụ', paused: 'Tạm dừng',
  closed: 'Đã đóng', offline: 'Mất kết nối' };
const SERVICE_STATUS = { open: 'Đang nhận số', outside_hours: 'Ngoài giờ', full: 'Hết số' };
const REASONS = [['thai_do', 'Thái độ'], ['cho_lau', 'Chờ lâu'], ['huong_dan_khong_ro', 'Hướng dẫn không rõ'],
  ['ho_so_tra_lai', 'Hồ sơ trả lại'], ['khac', 'Khác']];
// The five reasons' full names, as the CSV headers and /api/office's unhappy_reasons give them.
const REASON_NAMES = { thai_do: 'Thái độ', cho_lau: 'Thời gian chờ lâu', huong_dan_khong_ro: 'Hướng dẫn không rõ',
  ho_so_tra_lai: 'Hồ sơ bị trả lại nhiều lần', khac: 'Khác' };
const LEVELS = ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng'];

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem(TOKEN_KEY) || '', today: null, fetchedAt: 0, clockOffset: 0,
  ws: null, backoff: 1000, reconnectTimer: 0, refreshTimer: 0, satTab: 'by_officer', office: null, report: null,
  live: null, doneTimer: 0, reportSeq: 0 };

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
// Changes a node's text only when it differs, so a live table is not churned every second.
function setText(node, text) {
  text = String(text);
  if (node.textContent !== text) node.textContent = text;
}
// Keeps a table body's rows in place: one <tr> per key, made once by create(item), updated by
// update(tr, item) on every refresh. Rows are added or removed only when the set of keys
// changes, and moved only when the order does, so a button keeps being the same element
// between a press and its release and the columns do not jump.
function syncRows(tbody, items, keyAttr, keyOf, create, update) {
  const existing = new Map();
  for (const tr of [...tbody.rows]) existing.set(tr.getAttribute(keyAttr), tr);
  const wanted = items.map((item) => {
    const key = String(keyOf(item));
    let tr = existing.get(key);
    if (tr) existing.delete(key);
    else { tr = create(item); tr.setAttribute(keyAttr, key); }
    update(tr, item);
    return tr;
  });
  for (const tr of existing.values()) tr.remove();
  wanted.forEach((tr, i) => { if (tbody.rows[i] !== tr) tbody.insertBefore(tr, tbody.rows[i] || null); });
}

// ---------- HTTP ----------
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (options.body) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  return r;
}
// The server's Vietnamese message, fit to show a person; the HTTP status goes to the console only.
async function errorText(r) {
  console.warn(`ticketd answered ${r.status} to ${r.url}`);
  try {
    const j = await r.json();
    if (j.message) return j.message;
  } catch (e) { /* not JSON: a proxy or a dying server */ }
  return r.status >= 500 ? 'Máy chủ đang gặp sự cố, hãy thử lại sau ít phút.' : 'Yêu cầu không thực hiện được.';
}

// ---------- sign-in ----------
function showLogin(message) {
  stopLive();
  clearLookup();
  $('dash-view').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('conn').hidden = true;
  $('who').textContent = '';
  $('login-error').textContent = message || '';
}
function showDashboard() {
  $('login-view').hidden = true;
  $('dash-view').hidden = false;
  $('logout').hidden = false;
  $('conn').hidden = false;
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
  // Connecting: the figures were just read, so they are shown as they are until the WebSocket
  // opens (Trực tuyến) or fails (Mất kết nối).
  state.live = null;
  const c = $('conn');
  c.className = 'conn off';
  c.dataset.state = 'connecting';
  c.textContent = 'Đang kết nối…';
  $('dash-view').classList.remove('stale');
  renderAlertStatus();
  showDashboard();
  connect();
}

// ---------- /api/today ----------
async function refresh() {
  let r;
  try { r = await api('/api/today'); } catch (e) { if (!state.ws) setConn(false); return false; }
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
    if (state.office) {
      $('office-name').textContent = state.office.name;
      document.title = 'Giám sát — ' + state.office.name;
      $('lookup-number').placeholder = 'VD: ' + exampleNumber();
    }
  }
  render();
  lookupFollow();
  return true;
}
function scheduleRefresh(delay) {
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(() => { state.refreshTimer = 0; refresh(); }, delay);
}

// ---------- WebSocket: live, with reconnect ----------
// While the WebSocket is down the figures on the page are those of the last refresh: the
// badge says from when, the live area is greyed, and the alerts card does not claim "no alerts".
function setConn(on) {
  state.live = on;
  const c = $('conn');
  c.className = 'conn ' + (on ? 'on' : 'off');
  c.dataset.state = on ? 'on' : 'off';
  const at = state.today ? ` — số liệu lúc ${officeTime(state.today.now, { hour: '2-digit', minute: '2-digit', second: '2-digit' })},`
    : ' —';
  c.textContent = on ? 'Trực tuyến' : `Mất kết nối${at} đang kết nối lại…`;
  $('dash-view').classList.toggle('stale', !on);
  renderAlertStatus();
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

// What the time after an alert's message measures: the longest wait for the waiting kinds;
// none where the message already says the wait; how long it has been so for the rest
// (counter_idle, and any kind this page does not know yet).
const ALERT_AGE = { wait_over_target: 'lâu nhất đã chờ ', apology_waiting: 'lâu nhất đã chờ ', apology_at_counter: null };
function renderAlerts() {
  const alerts = (state.today && state.today.alerts) || [];
  const list = $('alerts');
  list.replaceChildren(...alerts.map((a) => {
    const li = el('li', { class: a.kind, 'data-kind': a.kind }, a.message);
    const prefix = a.kind in ALERT_AGE ? ALERT_AGE[a.kind] : 'đã ';
    if (prefix !== null) li.append(el('span', { class: 'age', 'data-since': a.since, 'data-prefix': prefix }));
    return li;
  }));
  $('alert-count').textContent = alerts.length;
  document.querySelector('.alerts-card').classList.toggle('active', alerts.length > 0);
  renderAlertStatus();
  tick();
}
function renderAlertStatus() {
  const alerts = (state.today && state.today.alerts) || [];
  $('no-alerts').hidden = alerts.length > 0 || state.live === false;
  $('alerts-unknown').hidden = state.live !== false;
}

function renderKpis(t) {
  const waiting = t.services.reduce((s, x) => s + x.waiting, 0);
  $('kpi-waiting').textContent = num(waiting);
  $('kpi-issued').textContent = num(t.total.issued);
  $('kpi-served').textContent = num(t.total.served);
  $('kpi-noshow').textContent = num(t.total.no_show);
  $('kpi-avgwait').textContent = minutes(t.total.wait.avg_s);
  // kpi-longest is counted each second by tick().
  $('kpi-ontime').textContent = pct(t.total.on_time_rate);
  $('kpi-satisfaction').textContent = pct(t.total.satisfaction_rate);
}

const EMPTY_TODAY = { served: 0, no_show: 0, cancelled: 0, wait: { avg_s: null }, on_time_rate: null };
const SERVICE_FIELDS = ['name', 'status', 'open_counters', 'waiting', 'longest_wait', 'target', 'avg_wait', 'served',
  'no_show', 'cancelled', 'on_time'];
const TEXT_FIELDS = new Set(['name', 'status', 'officer', 'state', 'action']);
function emptyRow(fields) {
  const tr = el('tr', {});
  for (const f of fields) tr.append(td('', f, TEXT_FIELDS.has(f) ? 'text' : ''));
  return tr;
}
function renderServices(t) {
  syncRows($('services-table').tBodies[0], t.services, 'data-service', (s) => s.code, () => emptyRow(SERVICE_FIELDS),
    (tr, s) => {
      const d = s.today || EMPTY_TODAY;
      const f = (name) => tr.querySelector(`[data-field=${name}]`);
      setText(f('name'), s.name);
      setText(f('status'), SERVICE_STATUS[s.status] || s.status);
      setText(f('open_counters'), s.open_counters);
      setText(f('waiting'), s.waiting);
      setText(f('target'), s.target_wait_min + ' phút');
      setText(f('avg_wait'), minutes(d.wait.avg_s));
      setText(f('served'), d.served);
      setText(f('no_show'), d.no_show);
      setText(f('cancelled'), d.cancelled);
      setText(f('on_time'), pct(d.on_time_rate));
      tr.dataset.longest = s.longest_wait_s;
      tr.dataset.target = s.target_wait_min * 60;
      tr.dataset.waiting = s.waiting;
      // People wait and no counter of the service is open (closed or paused): nobody will call them.
      const unstaffed = s.waiting > 0 && s.open_counters === 0;
      tr.classList.toggle('unstaffed', unstaffed);
      if (unstaffed) f('open_counters').title = 'Có người đang chờ nhưng không có quầy nào đang mở cho lĩnh vực này';
      else f('open_counters').removeAttribute('title');
    });
}

const COUNTER_FIELDS = ['name', 'state', 'officer', 'ticket', 'duration', 'served_today', 'action'];
function renderCounters(t) {
  syncRows($('counters-table').tBodies[0], t.counters, 'data-counter', (c) => c.number, (c) => {
    const tr = emptyRow(COUNTER_FIELDS);
    tr.querySelector('[data-field=state]').append(el('span', { class: 'state' }), el('span', { class: 'pause-reason' }));
    const close = el('button', { type: 'button', class: 'force-close', text: 'Đóng quầy' });
    // Reads the counter's data when clicked, not as it was when the row was made.
    close.addEventListener('click', () => forceClose(Number(tr.dataset.counter)));
    tr.querySelector('[data-field=action]').append(close);
    return tr;
  }, (tr, c) => {
    const f = (name) => tr.querySelector(`[data-field=${name}]`);
    setText(f('name'), c.name);
    const st = f('state').querySelector('.state');
    st.className = 'state ' + c.state;
    setText(st, STATE_NAMES[c.state] || c.state);
    setText(f('state').querySelector('.pause-reason'), c.state === 'paused' && c.pause_reason ? ' (' + c.pause_reason + ')' : '');
    setText(f('officer'), c.officer_name || '');
    setText(f('ticket'), c.ticket ? c.ticket.number : '');
    setText(f('served_today'), c.served_today);
    const button = f('action').querySelector('button');
    button.hidden = c.state === 'closed';
    button.setAttribute('aria-label', `Đóng ${c.name}`);
    tr.dataset.since = c.since;
    tr.dataset.state = c.state;
  });
}

// The services that would be left with people waiting and no open counter if counter c
// closed: its own ticket, if any, goes back in line for its service.
function servicesLeftUnstaffed(c, t) {
  const out = [];
  for (const code of c.services || []) {
    const s = t.services.find((x) => x.code === code);
    if (!s) continue;
    const othersOpen = t.counters.some((o) => o.number !== c.number && (o.services || []).includes(code) &&
      o.state !== 'closed' && o.state !== 'paused');
    const waiting = s.waiting + (c.ticket && c.ticket.service === code ? 1 : 0);
    if (!othersOpen && waiting > 0) out.push({ name: s.name, waiting });
  }
  return out;
}
// For a counter its officer left signed in: the server puts its ticket back in line and
// signs the officer out there. Asked first, as it interrupts whoever is at that counter, with
// the counter's data as it is now (the row's button outlives many refreshes).
async function forceClose(number) {
  const t = state.today;
  const c = t && t.counters.find((x) => x.number === number);
  if (!c || c.state === 'closed') return;
  const who = c.officer_name ? ` của ${c.officer_name}` : '';
  const held = c.ticket ? ` Số ${c.ticket.number} sẽ trở lại hàng chờ, ở vị trí cũ.` : '';
  const left = servicesLeftUnstaffed(c, t).map((s) =>
    `\n\nLĩnh vực ${s.name} sẽ không còn quầy nào mở, ${num(s.waiting)} công dân đang chờ.`).join('');
  if (!window.confirm(`Đóng ${c.name}${who}? Cán bộ sẽ bị đăng xuất khỏi quầy này.${held}${left}`)) return;
  $('counters-error').textContent = '';
  let r;
  try {
    r = await api(`/api/counters/${c.number}/force-close`, { method: 'POST', body: '{}' });
  } catch (e) { $('counters-error').textContent = 'Không kết nối được máy chủ.'; return; }
  if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return; }
  if (!r.ok) { $('counters-error').textContent = await errorText(r); return; }
  const done = $('counters-done');
  done.textContent = `Đã đóng ${c.name}.`;
  clearTimeout(state.doneTimer);
  state.doneTimer = setTimeout(() => { done.textContent = ''; }, 6000);
  scheduleRefresh(0);
}

// Live durations, counted on the page between refreshes (server clock, not the PC's).
function tick() {
  if (!state.today) return;
  const now = serverNow();
  const elapsed = (Date.now() - state.fetchedAt) / 1000;
  let top = null;
  for (const tr of $('services-table').tBodies[0].rows) {
    const waiting = Number(tr.dataset.waiting);
    const longest = waiting > 0 ? Number(tr.dataset.longest) + elapsed : 0;
    setText(tr.querySelector('[data-field=longest_wait]'), waiting > 0 ? durationText(longest) : '–');
    const late = waiting > 0 && longest > Number(tr.dataset.target);
    tr.classList.toggle('late', late);
    if (waiting > 0 && (!top || longest > top.longest))
      top = { longest, late, name: tr.querySelector('[data-field=name]').textContent };
  }
  // The longest wait now, over the services with people in line, against that service's target.
  setText($('kpi-longest'), top ? durationText(top.longest) : '–');
  $('kpi-longest').classList.toggle('long', $('kpi-longest').textContent.length > 8);   // "1 giờ 15 phút"
  setText($('kpi-longest-service'), top ? top.name : 'Không có ai chờ');
  $('kpi-longest-service').title = top ? top.name : '';
  $('kpi-longest-card').classList.toggle('late', !!(top && top.late));
  for (const tr of $('counters-table').tBodies[0].rows) {
    const s = tr.dataset.state;
    const busy = s === 'calling' || s === 'serving' || s === 'paused' || s === 'idle';
    setText(tr.querySelector('[data-field=duration]'), busy ? durationText((now - Number(tr.dataset.since)) / 1000) : '');
  }
  for (const dd of document.querySelectorAll('#lookup-results [data-field=waited][data-since]'))
    setText(dd, waitText((now - Number(dd.dataset.since)) / 1000) + (dd.dataset.suffix || ''));
  for (const span of document.querySelectorAll('#alerts .age'))
    setText(span, '· ' + span.dataset.prefix + durationText((now - Number(span.dataset.since)) / 1000));
  $('clock').textContent = officeTime(now, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
setInterval(tick, 1000);
// Averages do not change without events, but the page stays honest if a message was lost.
setInterval(() => { if (state.ws && state.token) scheduleRefresh(0); }, 30000);

// Every part of the page is loaded by then (dashboard-*.js come after this file).
document.addEventListener('DOMContentLoaded', () => begin());
