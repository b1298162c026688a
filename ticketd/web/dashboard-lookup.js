// The dashboard's "Tra cứu số thứ tự" card: today's tickets by number, and "Hủy số".
// Loaded after dashboard.js and uses its helpers and state ($, api, errorText, el, state, …).
'use strict';

// ---------- looking up a number ("tôi số 1023, chờ lâu quá") ----------
// GET /api/tickets/lookup reads the number's tickets of the service day: each as it is now
// (its place in line), who served it, and its whole history in words.
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
  let results;
  try {
    const r = await api('/api/tickets/lookup?' + new URLSearchParams({ number: q.text, day }));
    if (r.status === 401) { state.token = ''; sessionStorage.removeItem(TOKEN_KEY); showLogin(await errorText(r)); return; }
    if (!r.ok) { fail(await errorText(r)); return; }
    results = ((await r.json()).tickets || []).map((found) => ({ found, t: found.ticket }));
  } catch (e) { fail(offline); return; }
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
  const history = el('details', { class: 'lr-history-box', open: '' }, el('summary', { text: 'Diễn biến' }),
    el('ol', { class: 'lr-history' }));
  art.append(head, el('div', { class: 'lr-body' }, status, dl), history, cancel);
  return art;
}
function renderLookup() {
  const box = $('lookup-results');
  const existing = new Map([...box.children].map((a) => [a.dataset.ticket, a]));
  const now = serverNow();
  const wanted = lookup.results.map(({ found, t }) => {
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
    setText(f('service'), t.service_name || serviceName(t.service));
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
    // Who called, served, closed it or marked it absent; nobody yet while it waits in line.
    setText(f('officer'), !inLine && found.officer_name ? found.officer_name : '–');
    let rating = '–';
    if (t.rating >= 1 && t.rating <= 4) {
      rating = LEVELS[t.rating - 1];
      if (found.rating_reason) rating += ` — ${reasonName(found.rating_reason) || found.rating_reason}`;
    } else if (t.state === 'done') rating = 'Chưa đánh giá';
    setText(f('rating'), rating);
    // "Diễn biến": each event of its day, at the office's time, with who did it.
    art.querySelector('.lr-history').replaceChildren(...(found.history || []).map((h) => el('li', { 'data-event': h.event },
      el('time', { text: clockText(h.at) }), el('span', { class: 'lr-what', text: h.text }),
      el('span', { class: 'lr-who', text: h.officer_name || '' }))));
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
