// Supervisor dashboard: signs in (token in sessionStorage), reads GET /api/today, follows
// /ws for live changes and alerts, reconnects with backoff, and runs /api/reports.
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

// ---------- looking up a number ("tôi số 1023, chờ lâu quá") ----------
// Today's tickets come from GET /api/reports?detail=tickets (JSON) for the service day of
// /api/today; each match is then read as a Ticket (GET /api/tickets/{id}) for its state and
// its place in line now.
const TICKET_STATES = { waiting: 'Đang chờ', called: 'Đang được mời', serving: 'Đang phục vụ', done: 'Đã phục vụ',
  no_show: 'Vắng mặt', cancelled: 'Đã hủy', transferred: 'Đang chờ (đã chuyển hoặc trả lại hàng)' };
const IN_LINE = new Set(['waiting', 'transferred']);
const DEFAULT_CANCEL_REASON = 'Lãnh đạo hủy';
const LOOKUP_FOLLOW_MS = 5000;   // while a result is shown, read it again at most this often on events
const lookup = { q: null, seq: 0, results: [], lastAt: 0, timer: 0, asking: false };

// "1023", "số 1023", "A023", "a-23" → the letters before the number (maybe none) and its value.
function parseNumber(text) {
  const s = String(text || '').normalize('NFC').trim().replace(/^(số|so\s)\s*/iu, '').replace(/[\s.\-–#]/g, '')
    .toLocaleUpperCase('vi-VN');
  const m = /^(\p{L}*)(\d{1,9})$/u.exec(s);
  return m ? { prefix: m[1], value: Number(m[2]), text: s } : null;
}
// A number typed without the service's letters matches it in every service that has it.
function numberMatches(number, q) {
  const n = parseNumber(number);
  return !!n && n.value === q.value && (q.prefix === '' || q.prefix === n.prefix);
}
function exampleNumber() {
  const s = state.office && state.office.services && state.office.services[0];
  if (!s) return '1023';
  return s.prefix ? s.prefix + String(s.first_number).padStart(3, '0') : String(s.first_number);
}
function serviceName(code) {
  const s = state.today && state.today.services.find((x) => x.code === code);
  return s ? s.name : code;
}
function counterName(n) {
  const c = state.today && state.today.counters.find((x) => x.number === n);
  return c ? c.name : `Quầy ${n}`;
}
// An officer's name from today's counters, else from today's rows by officer; the username
// when neither knows it (an account since removed).
function officerName(username) {
  if (!username) return '';
  const t = state.today;
  const c = t && t.counters.find((x) => x.officer === username && x.officer_name);
  if (c) return c.officer_name;
  const o = t && t.satisfaction.by_officer.find((r) => r.key === username);
  return o && o.label ? o.label : username;
}
function priorityText(t) {
  if (!t.priority) return 'Không';
  const g = state.office && (state.office.priority_groups || []).find((x) => x.code === t.priority_group);
  return g ? `Có — ${g.name}` : 'Có';
}
// A wait to the second ("42 phút 05 giây"): a citizen at the desk asks how long they waited.
function waitText(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h} giờ ${String(m).padStart(2, '0')} phút ${ss} giây`;
  if (m > 0) return `${m} phút ${ss} giây`;
  return `${s} giây`;
}
function clockText(ms) { return officeTime(ms, { hour: '2-digit', minute: '2-digit', second: '2-digit' }); }

function lookupMessages(message, error, done) {
  if (message !== undefined) $('lookup-message').textContent = message;
  if (error !== undefined) $('lookup-error').textContent = error;
  if (done !== undefined) $('lookup-done').textContent = done;
}
function clearLookup() {
  lookup.q = null;
  lookup.seq += 1;
  lookup.results = [];
  clearTimeout(lookup.timer);
  lookup.timer = 0;
  $('lookup-results').replaceChildren();
  lookupMessages('', '', '');
}

$('lookup-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  lookupMessages('', '', '');
  const typed = $('lookup-number').value.trim();
  const q = parseNumber(typed);
  if (!q) {
    clearLookup();
    lookupMessages(typed ? `“${typed}” không phải là số thứ tự. Hãy nhập số in trên phiếu, ví dụ ${exampleNumber()}.`
      : `Hãy nhập số thứ tự in trên phiếu của công dân, ví dụ ${exampleNumber()}, rồi bấm “Tra cứu”.`);
    $('lookup-number').focus();
    return;
  }
  const button = $('lookup-button');
  button.disabled = true;
  clearTimeout(lookup.timer);
  lookup.timer = 0;
  lookup.asking = true;   // no follow-up of the previous number meanwhile
  try { await lookUp(q, false); } finally { button.disabled = false; lookup.asking = false; }
});

// quiet: a follow-up read while a result is shown; a failure then keeps what is shown.
async function lookUp(q, quiet) {
  const seq = ++lookup.seq;
  lookup.lastAt = Date.now();
  if (!state.today) await refresh();
  // A failed look-up the leader asked for shows no result (the old one would pass for its answer);
  // a failed follow-up keeps what is shown.
  const fail = (message) => {
    if (quiet || seq !== lookup.seq) return;
    lookup.q = null;
    lookup.results = [];
    $('lookup-results').replaceChildren();
    lookupMessages('', message);
  };
  const offline = 'Không tra cứu được: mất kết nối tới máy chủ. Hãy thử lại.';
  if (!state.today) { fail(offline); return; }
  const day = state.today.service_day;
  let rows;
  try {
    const r = await api('/api/reports?' + new URLSearchParams({ from: day, to: day, detail: 'tickets', format: 'json' }));
    if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return; }
    if (!r.ok) { fail(await errorText(r)); return; }
    rows = ((await r.json()).tickets || []).filter((row) => numberMatches(row.number, q));
  } catch (e) { fail(offline); return; }
  rows.sort((a, b) => a.issued_at - b.issued_at || a.id - b.id);
  // Each one as a Ticket now; the report's line stands in if that read fails.
  const results = await Promise.all(rows.slice(0, 20).map(async (row) => {
    try {
      const r = await api(`/api/tickets/${row.id}`);
      if (r.ok) return { row, t: await r.json() };
    } catch (e) { /* the report's line will do */ }
    return { row, t: row };
  }));
  if (seq !== lookup.seq) return;   // another look-up started meanwhile
  lookup.q = q;
  lookup.results = results;
  lookupMessages(results.length === 0 ? `Không có số ${q.text} trong hôm nay.`
    : results.length > 1 ? `Có ${results.length} số khớp với “${q.text}” hôm nay, ở các lĩnh vực khác nhau.` : '');
  renderLookup();
}
// Called after each refresh of /api/today (an event happened): the shown tickets may have moved.
function lookupFollow() {
  if (!lookup.q || !lookup.results.length || lookup.timer) return;
  lookup.timer = setTimeout(() => { lookup.timer = 0; if (lookup.q && !lookup.asking) lookUp(lookup.q, true); },
    Math.max(0, lookup.lastAt + LOOKUP_FOLLOW_MS - Date.now()));
}

const LOOKUP_FIELDS = [['service', 'Lĩnh vực'], ['priority', 'Ưu tiên'], ['issued_at', 'Giờ lấy số'],
  ['called_at', 'Giờ được gọi'], ['waited', 'Đã chờ'], ['counter', 'Quầy'], ['officer', 'Cán bộ'], ['rating', 'Đánh giá']];
function lookupArticle() {
  const art = el('article', { class: 'lookup-result' });
  const head = el('div', { class: 'lr-head' }, el('span', { class: 'lr-number', 'data-field': 'number' }));
  const status = el('div', { class: 'lr-status' }, el('span', { class: 'tstate', 'data-field': 'state' }),
    el('span', { class: 'lr-position', 'data-field': 'position' }), el('span', { class: 'lr-estimate', 'data-field': 'estimate' }));
  const dl = el('dl', { class: 'lr-fields' });
  for (const [field, label] of LOOKUP_FIELDS) dl.append(el('div', {}, el('dt', { text: label }), el('dd', { 'data-field': field })));
  const reason = el('input', { class: 'cancel-reason', maxlength: '200', placeholder: 'Lý do hủy (không bắt buộc)',
    'aria-label': 'Lý do hủy' });
  const button = el('button', { type: 'button', class: 'cancel-ticket', text: 'Hủy số' });
  button.addEventListener('click', () => cancelTicket(Number(art.dataset.ticket)));
  reason.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); button.click(); } });
  const cancel = el('div', { class: 'lr-cancel' }, reason, button);
  art.append(head, el('div', { class: 'lr-body' }, status, dl), cancel);
  return art;
}
function renderLookup() {
  const box = $('lookup-results');
  const existing = new Map([...box.children].map((a) => [a.dataset.ticket, a]));
  const now = serverNow();
  const wanted = lookup.results.map(({ row, t }) => {
    let art = existing.get(String(t.id));
    if (art) existing.delete(String(t.id));
    else { art = lookupArticle(); art.dataset.ticket = t.id; }
    const f = (name) => art.querySelector(`[data-field=${name}]`);
    const inLine = IN_LINE.has(t.state);
    art.dataset.state = t.state;
    setText(f('number'), t.number);
    const st = f('state');
    st.className = 'tstate ' + t.state;
    let stateText = TICKET_STATES[t.state] || t.state;
    if (inLine && t.target_counter) stateText += ` — chờ riêng ${counterName(t.target_counter)}`;
    setText(st, stateText);
    let place = '', estimate = '';
    if (inLine && Number.isInteger(t.position) && t.position >= 0) {
      place = t.position === 0 ? 'Không còn ai phía trước, sẽ được gọi tiếp theo' : `Còn ${t.position} người phía trước`;
      if (t.position > 0 && t.estimated_wait_s > 0) estimate = `dự kiến chờ thêm khoảng ${durationText(t.estimated_wait_s)}`;
    }
    setText(f('position'), place);
    setText(f('estimate'), estimate);
    const name = t.service_name || serviceName(t.service);
    const from = row.issued_service && row.issued_service !== t.service ? ` (lấy số cho ${serviceName(row.issued_service)})` : '';
    setText(f('service'), name + from);
    setText(f('priority'), priorityText(t));
    setText(f('issued_at'), clockText(t.issued_at));
    setText(f('called_at'), t.called_at ? clockText(t.called_at) : inLine ? 'Chưa được gọi' : '–');
    // In line: counted on the page each second from its place in line (tick); else the wait it had.
    const waited = f('waited');
    if (inLine) {
      waited.dataset.since = t.issued_at;
      const first = t.called_at ? ` (lần gọi đầu sau ${waitText((t.called_at - t.issued_at) / 1000)})` : '';
      waited.dataset.suffix = ', vẫn đang chờ' + first;
      setText(waited, waitText((now - t.issued_at) / 1000) + waited.dataset.suffix);
    } else {
      delete waited.dataset.since;
      if (t.called_at) setText(waited, waitText((t.called_at - t.issued_at) / 1000));
      else if (t.ended_at) setText(waited, `${waitText((t.ended_at - t.issued_at) / 1000)} (đến lúc hủy, chưa được gọi)`);
      else setText(waited, '–');
    }
    // A ticket back in line keeps the counter that last held it: say so.
    setText(f('counter'), t.counter ? counterName(t.counter) + (inLine ? ' (lần trước)' : '') : '–');
    // Called or served now: whoever is at that counter; otherwise whoever closed it or marked it absent.
    const holder = state.today && state.today.counters.find((c) => c.ticket && c.ticket.id === t.id);
    const officer = holder && holder.officer ? holder.officer : (inLine ? '' : row.officer);
    setText(f('officer'), officer ? officerName(officer) : '–');
    let rating = '–';
    if (t.rating >= 1 && t.rating <= 4) {
      rating = LEVELS[t.rating - 1];
      if (row.rating_reason) rating += ` — ${reasonName(row.rating_reason) || row.rating_reason}`;
    } else if (t.state === 'done') rating = 'Chưa đánh giá';
    setText(f('rating'), rating);
    const cancel = art.querySelector('.lr-cancel');
    cancel.hidden = !inLine;
    art.querySelector('.cancel-ticket').setAttribute('aria-label', `Hủy số ${t.number}`);
    return art;
  });
  for (const a of existing.values()) a.remove();
  wanted.forEach((a, i) => { if (box.children[i] !== a) box.insertBefore(a, box.children[i] || null); });
}

async function cancelTicket(id) {
  const res = lookup.results.find((x) => x.t.id === id);
  const art = document.querySelector(`#lookup-results [data-ticket="${id}"]`);
  if (!res || !art) return;
  const t = res.t;
  const input = art.querySelector('.cancel-reason');
  const reason = input.value.trim() || DEFAULT_CANCEL_REASON;
  const name = t.service_name || serviceName(t.service);
  if (!window.confirm(`Hủy số ${t.number} (${name})?\nCông dân mang số này sẽ không được gọi nữa.\nLý do: ${reason}`)) return;
  lookupMessages(undefined, '', '');
  const button = art.querySelector('.cancel-ticket');
  button.disabled = true;
  try {
    let r;
    try {
      r = await api(`/api/tickets/${id}/cancel`, { method: 'POST', body: JSON.stringify({ reason }) });
    } catch (e) {
      lookupMessages(undefined, `Không hủy được số ${t.number}: mất kết nối tới máy chủ. Hãy thử lại.`);
      return;
    }
    if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return; }
    if (!r.ok) lookupMessages(undefined, `Không hủy được số ${t.number}: ${await errorText(r)}`);
    else { lookupMessages(undefined, undefined, `Đã hủy số ${t.number}.`); input.value = ''; }
    scheduleRefresh(0);
    if (lookup.q) await lookUp(lookup.q, true);
  } finally { button.disabled = false; }
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
// The office's service day (not the PC's date) as a local Date at midnight.
function serviceDay() { return state.today ? new Date(state.today.service_day + 'T00:00:00') : new Date(); }
function setRange(first, last) {
  $('report-from').value = isoDate(first);
  $('report-to').value = isoDate(last);
  reportFormChanged();
}
function setMonth(offset) {
  const base = serviceDay();
  setRange(new Date(base.getFullYear(), base.getMonth() + offset, 1), new Date(base.getFullYear(), base.getMonth() + offset + 1, 0));
}
// Weeks run Monday to Sunday.
function setWeek(offset) {
  const base = serviceDay();
  const monday = new Date(base.getFullYear(), base.getMonth(), base.getDate() - (base.getDay() + 6) % 7 + 7 * offset);
  setRange(monday, new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6));
}
$('week-this').addEventListener('click', () => setWeek(0));
$('week-last').addEventListener('click', () => setWeek(-1));
$('month-this').addEventListener('click', () => setMonth(0));
$('month-last').addEventListener('click', () => setMonth(-1));

function reportParams() {
  return { from: $('report-from').value, to: $('report-to').value, group: $('report-group').value };
}
// include_empty: configured services, counters and officers with no ticket still get a row of zeros.
function reportQuery(format, detail = 'summary') {
  const q = new URLSearchParams({ ...reportParams(), format, detail, include_empty: '1' });
  return '/api/reports?' + q.toString();
}
// A report on screen is for the period and grouping it was asked for: once the form says
// otherwise it is hidden, so nobody prints a table for another period than the form shows.
function reportFormChanged() {
  state.reportSeq += 1;
  if (!state.report) return;
  state.report = null;
  $('report-view').hidden = true;
  $('report-stale').hidden = false;
}
for (const id of ['report-from', 'report-to', 'report-group']) {
  $(id).addEventListener('input', reportFormChanged);
  $(id).addEventListener('change', reportFormChanged);
}
setMonth(0);

async function loadReport() {
  $('report-error').textContent = '';
  const seq = ++state.reportSeq;
  let r;
  try { r = await api(reportQuery('json')); } catch (e) {
    $('report-error').textContent = 'Không tải được báo cáo: mất kết nối tới máy chủ. Hãy thử lại.';
    return null;
  }
  if (!r.ok) { $('report-error').textContent = await errorText(r); return null; }
  const rep = await r.json();
  if (seq !== state.reportSeq) return null;   // the form changed while it loaded
  state.report = rep;
  $('report-stale').hidden = true;
  renderReport(rep);
  return rep;
}
$('report-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  if (await loadReport()) $('report-view').scrollIntoView({ behavior: 'smooth', block: 'start' });
});
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

// [field, header, value]: the field names the cells for scripts and tests.
const REPORT_COLUMNS = [
  ['issued', 'Đã cấp', (r) => num(r.issued)], ['served', 'Đã phục vụ', (r) => num(r.served)],
  ['no_show', 'Vắng mặt', (r) => num(r.no_show)], ['cancelled', 'Đã hủy', (r) => num(r.cancelled)],
  ['unfinished', 'Chưa hoàn tất', (r) => num(r.unfinished)], ['transferred', 'Đã chuyển', (r) => num(r.transferred)],
  ['wait_avg', 'Chờ TB', (r) => mins(r.wait.avg_s)], ['wait_median', 'Chờ trung vị', (r) => mins(r.wait.median_s)],
  ['wait_p90', 'Chờ P90', (r) => mins(r.wait.p90_s)], ['service_avg', 'Phục vụ TB', (r) => mins(r.service.avg_s)],
  ['service_median', 'Phục vụ trung vị', (r) => mins(r.service.median_s)],
  ['service_p90', 'Phục vụ P90', (r) => mins(r.service.p90_s)],
  ['on_time', 'Gọi đúng hạn', (r) => pct(r.on_time_rate)], ['votes', 'Lượt đánh giá', (r) => num(r.votes)],
  ['satisfaction', 'Tỷ lệ hài lòng', (r) => pct(r.satisfaction_rate)],
  ['participation', 'Tỷ lệ tham gia đánh giá', (r) => pct(r.participation)]];
function reasonName(code) {
  const o = state.office && (state.office.unhappy_reasons || []).find((x) => x.code === code);
  return o ? o.name : REASON_NAMES[code];
}
const VOTE_COLUMNS = [
  ...LEVELS.map((name, i) => ['level' + (i + 1), name, (r) => num(r.votes_by_level[i])]),
  ['votes', 'Tổng', (r) => num(r.votes)], ['satisfaction', 'Tỷ lệ hài lòng', (r) => pct(r.satisfaction_rate)],
  ...Object.keys(REASON_NAMES).map((code) => ['reason_' + code, code, (r) => num(r.reasons[code])])];
// Two header rows: the votes per level and their total under one heading, the reasons under another.
function voteHead(groupName) {
  return [
    el('tr', {}, el('th', { class: 'text', rowspan: 2, text: groupName }),
      el('th', { class: 'group', colspan: 5, text: 'Số lượt đánh giá' }),
      el('th', { rowspan: 2, text: 'Tỷ lệ hài lòng' }),
      el('th', { class: 'group', colspan: 5, text: 'Lý do “Không hài lòng” (số lượt)' })),
    el('tr', {}, ...LEVELS.map((name) => el('th', { text: name })), el('th', { text: 'Tổng' }),
      ...Object.keys(REASON_NAMES).map((code) => el('th', { text: reasonName(code) })))];
}
function mins(s) { return s === null ? '–' : (s / 60).toFixed(1).replace('.', ','); }
// The place before the date line: the ward, commune or district at the end of the office's
// name ("… phường Bến Nghé" → "Bến Nghé"); dots to fill in by hand when the name has none.
function placeName() {
  const name = state.office ? state.office.name : '';
  const re = /(?:^|\s)(phường|xã|thị trấn|thị xã|quận|huyện|thành phố|tỉnh)\s+/giu;
  let m, last = null;
  while ((m = re.exec(name))) last = { kind: m[1], at: re.lastIndex };
  if (!last) return '……………';
  const place = name.slice(last.at).trim();
  // "Phường 5", "Quận 1": a number alone is no place name.
  return /^\d/.test(place) ? last.kind[0].toUpperCase() + last.kind.slice(1) + ' ' + place : place;
}
function fillTable(t, rep, columns, groupName, headRows) {
  t.tHead.replaceChildren(...(headRows ||
    [el('tr', {}, el('th', { class: 'text', text: groupName }), ...columns.map(([, h]) => el('th', { text: h })))]));
  const row = (r, label) => {
    const tr = el('tr', { 'data-key': r.key });
    tr.append(td(label || r.label, 'label', 'text'), ...columns.map(([field, , value]) => td(value(r), field)));
    return tr;
  };
  t.tBodies[0].replaceChildren(...rep.rows.map((r) => row(r)));
  t.tFoot.replaceChildren(...(rep.group === 'office' ? [] : [row(rep.total, 'Tổng cộng')]));
}
function renderReport(rep) {
  const groupName = { service: 'Lĩnh vực', counter: 'Quầy', officer: 'Cán bộ', office: 'Đơn vị' }[rep.group];
  $('rp-office').textContent = state.office ? state.office.name : '';
  const now = officeTime(serverNow(), { day: '2-digit', month: '2-digit', year: 'numeric' }).split('/');
  $('rp-date').textContent = `${placeName()}, ngày ${now[0]} tháng ${now[1]} năm ${now[2]}`;
  const f = (d) => d.split('-').reverse().join('/');
  const by = rep.group === 'office' ? 'toàn đơn vị' : 'theo ' + groupName.toLowerCase();
  $('rp-period').textContent = `Từ ngày ${f(rep.from)} đến ngày ${f(rep.to)} — ${by}`;
  fillTable($('report-table'), rep, REPORT_COLUMNS, groupName);
  fillTable($('report-votes'), rep, VOTE_COLUMNS, groupName, voteHead(groupName));
  $('report-view').hidden = false;
}

begin();
