// The dashboard's "Báo cáo" card and report view: ranges, /api/reports, downloads, print.
// Loaded after dashboard.js and uses its helpers and state ($, api, errorText, el, state, …).
'use strict';

// ---------- reports ----------
function isoDate(d) { return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }
const two = (n) => String(n).padStart(2, '0');
// Dates on this page are day/month/year, as Vietnamese paperwork writes them, whatever
// language the browser runs in: an <input type=date> in an English Chromium reads
// 03/11 as March 11, and a report for the wrong month looks right at a glance.
function vnDate(d) { return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`; }
// "5/11/2026", "05-11-2026" or "05.11.2026" → "2026-11-05"; null when it is no real date.
function parseVnDate(text) {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(year, month - 1, day);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return `${year}-${two(month)}-${two(day)}`;
}
// The office's service day (not the PC's date) as a local Date at midnight.
function serviceDay() { return state.today ? new Date(state.today.service_day + 'T00:00:00') : new Date(); }
function setRange(first, last) {
  $('report-from').value = vnDate(first);
  $('report-to').value = vnDate(last);
  reportFormChanged();
}
// The calendar button: the browser's own picker, then the chosen day written back as dd/mm/yyyy.
for (const id of ['report-from', 'report-to']) {
  const picker = $(id + '-picker');
  $(id + '-pick').addEventListener('click', () => {
    picker.value = parseVnDate($(id).value) || '';
    try { picker.showPicker(); } catch (e) { picker.focus(); }
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    $(id).value = vnDate(new Date(picker.value + 'T00:00:00'));
    reportFormChanged();
  });
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

const DATE_LABELS = { 'report-from': 'Từ ngày', 'report-to': 'Đến ngày' };
// The form's period as the API takes it, or null after saying which date is wrong.
function reportParams() {
  const dates = {};
  for (const [id, label] of Object.entries(DATE_LABELS)) {
    dates[id] = parseVnDate($(id).value);
    if (!dates[id]) {
      const typed = $(id).value.trim();
      $('report-error').textContent = typed
        ? `${label} "${typed}" không phải một ngày hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/11/2026.`
        : `Hãy nhập ${label.toLowerCase()} theo dạng ngày/tháng/năm, ví dụ 05/11/2026.`;
      $(id).focus();
      return null;
    }
  }
  return { from: dates['report-from'], to: dates['report-to'], group: $('report-group').value };
}
// include_empty: configured services, counters and officers with no ticket still get a row of zeros.
function reportQuery(format, detail = 'summary') {
  const params = reportParams();
  if (!params) return null;
  const q = new URLSearchParams({ ...params, format, detail, include_empty: '1' });
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
  const query = reportQuery('json');
  if (!query) return null;
  const seq = ++state.reportSeq;
  let r;
  try { r = await api(query); } catch (e) {
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
  const query = reportQuery(format, detail);
  if (!query) return;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Đang tải…';
  try {
    const r = await api(query);
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
