// Browser tests of the supervisor dashboard in Debian chromium (playwright-core) against the
// real ticketd on 127.0.0.1 (port 0): a scripted day over HTTP, then the numbers on the page,
// live updates in place (same rows, same buttons) and recovery after a restart, the page while
// disconnected, closing a counter, looking up a number and cancelling it, an alert when a wait
// passes its target, the alerts' wording, the report (weeks, stale forms, the votes table, print
// layout) and the CSV and Excel exports against it, the officer's 403, and a screenshot for docs/.
//   node dashboard_test.mjs --ticketd <path to ticketd> [--screenshots <docs dir>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { TicketdProcess, runBrowserTest } from '../support/ticketd_process.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
if (!args.ticketd) {
  console.error('usage: node dashboard_test.mjs --ticketd PATH [--screenshots DIR]');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-dashboard-'));
const STEP_MS = 20000;       // every ordinary wait is bounded by this
const TARGET_MS = 60000;     // tra-ket-qua's target_wait_min = 1, the smallest the config allows

let failures = 0;
function check(cond, what) {
  if (cond) console.log(`  ok    ${what}`);
  else { failures += 1; console.log(`  FAIL  ${what}`); }
}
function checkEq(actual, expected, what) {
  check(actual === expected, `${what} (got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)})`);
}

// The demo's first three counters plus counter 6 for tra-ket-qua, whose 1-minute target lets
// a real wait pass it during the test. Nobody signs in at counter 6, so only the wait rule
// fires for it; idle_alert_s is long so the scripted counters raise nothing.
// A copy time twelve hours from now (Vietnam time): no scheduled copy lands inside the test.
const BACKUP_AT = (() => {
  const m = Math.floor((Date.now() / 60000 + (12 + 7) * 60) % (24 * 60));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
})();

function officeToml() {
  const officer = (u, name, role) => `[[officers]]\nusername = "${u}"\ndisplay_name = "${name}"\nrole = "${role}"\npassword = "demo1234"\n`;
  const service = (code, name, first, target) =>
    `[[services]]\ncode = "${code}"\nname = "${name}"\nfirst_number = ${first}\nlast_number = ${first + 998}\ntarget_wait_min = ${target}\n`;
  const counter = (n, services) => `[[counters]]\nnumber = ${n}\nname = "Quầy ${n}"\nservices = [${services.map((s) => `"${s}"`).join(', ')}]\n`;
  const device = (id, kind, key, counterNo) => `[[devices]]\nid = "${id}"\nkind = "${kind}"\nkey = "${key}"\n${counterNo ? `counter = ${counterNo}\n` : ''}`;
  return [
    'office_name = "Trung tâm Phục vụ hành chính công phường Bến Nghé"',
    '[policy]\nidle_alert_s = 3600\napology_wait_min = 45',
    service('ho-tich', 'Tư pháp – Hộ tịch', 1001, 30), service('chung-thuc', 'Chứng thực', 2001, 15),
    service('dat-dai', 'Đất đai – Xây dựng', 3001, 30), service('tra-ket-qua', 'Trả kết quả', 6001, 1),
    counter(1, ['ho-tich', 'chung-thuc']), counter(2, ['chung-thuc', 'ho-tich']), counter(3, ['dat-dai']),
    counter(6, ['tra-ket-qua']),
    officer('canbo1', 'Nguyễn Thị Lan', 'officer'), officer('canbo2', 'Trần Văn Minh', 'officer'),
    officer('canbo3', 'Lê Thị Hồng', 'officer'), officer('lanhdao', 'Phạm Quốc Hùng', 'supervisor'),
    officer('admin', 'Quản trị hệ thống', 'admin'),
    device('kiosk-1', 'kiosk', 'test-kiosk-key-1'), device('pad-1', 'rating_pad', 'test-pad-key-1', 1),
    device('pad-2', 'rating_pad', 'test-pad-key-2', 2), device('pad-3', 'rating_pad', 'test-pad-key-3', 3),
    `[backup]\ntimes = ["${BACKUP_AT}"]`,
  ].join('\n');
}

const ticketd = new TicketdProcess(args.ticketd, tmp, STEP_MS);

let base = '';
async function api(method, url, body, headers = {}) {
  const r = await fetch(base + url, {
    method, headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(STEP_MS),
  });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  return { status: r.status, data, headers: r.headers };
}
const kioskKey = { 'X-Device-Key': 'test-kiosk-key-1' };
const bearer = (t) => ({ Authorization: 'Bearer ' + t });
async function issue(service) {
  const r = await api('POST', '/api/tickets', { service }, kioskKey);
  if (r.status !== 201) throw new Error(`issue ${service}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.id;
}
async function login(username, counter) {
  const body = { username, password: 'demo1234' };
  if (counter) body.counter = counter;
  const r = await api('POST', '/api/login', body);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.token;
}
async function act(token, counter, action, body = {}) {
  const r = await api('POST', `/api/counters/${counter}/${action}`, body, bearer(token));
  if (r.status !== 200) throw new Error(`${action} at ${counter}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}
async function vote(counter, ticket, rating, reason) {
  const body = { rating };
  if (reason) body.reason = reason;
  const r = await api('POST', `/api/tickets/${ticket}/vote`, body, { 'X-Device-Key': `test-pad-key-${counter}` });
  if (r.status !== 201) throw new Error(`vote: ${r.status} ${JSON.stringify(r.data)}`);
}

// The same day as tests/ticketd/dashboard: 7 tickets, transfers, a no-show, a cancel, 4 votes.
async function scriptedDay() {
  const a1 = await issue('ho-tich'), a2 = await issue('ho-tich'), a3 = await issue('ho-tich');
  const b1 = await issue('chung-thuc');
  await issue('chung-thuc');
  const c1 = await issue('dat-dai'), c2 = await issue('dat-dai');
  const one = await login('canbo1', 1), two = await login('canbo2', 2), three = await login('canbo3', 3);
  checkEq((await act(one, 1, 'call-next')).ticket.id, a1, 'counter 1 calls A1');
  await act(one, 1, 'start'); await act(one, 1, 'close'); await vote(1, a1, 1);
  checkEq((await act(one, 1, 'call-next')).ticket.id, a2, 'counter 1 calls A2');
  await act(one, 1, 'no-show');
  checkEq((await act(one, 1, 'call-next')).ticket.id, a3, 'counter 1 calls A3');
  await act(one, 1, 'start'); await act(one, 1, 'transfer', { service: 'dat-dai' });
  checkEq((await act(three, 3, 'call-next')).ticket.id, a3, 'A3 keeps its place at dat-dai');
  await act(three, 3, 'start'); await act(three, 3, 'close'); await vote(3, a3, 4, 'cho_lau');
  checkEq((await act(three, 3, 'call-next')).ticket.id, c1, 'counter 3 calls C1');
  await act(three, 3, 'start'); await act(three, 3, 'close'); await vote(3, c1, 2);
  checkEq((await act(two, 2, 'call-next')).ticket.id, b1, 'counter 2 calls B1');
  await act(two, 2, 'start'); await act(two, 2, 'close'); await vote(2, b1, 3);
  checkEq((await api('POST', `/api/tickets/${c2}/cancel`, {}, kioskKey)).status, 200, 'the kiosk cancels C2');
  return { one, two, three };
}

const cell = (page, table, attr, key, field) =>
  page.locator(`#${table} tr[${attr}="${key}"] td[data-field="${field}"]`);
async function text(locator) { return (await locator.textContent()).trim(); }
async function waitText(locator, expected, what, ms = STEP_MS) {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ timeout: ms });
  } catch (e) { /* reported below */ }
  checkEq(await text(locator.first()), expected, what);
}

// Every column's header aligned as its cells are (text left, figures right); a heading over
// several columns is left out.
async function misalignedColumns(page, table) {
  return page.evaluate((id) => {
    const t = document.getElementById(id);
    const first = t.tBodies[0].rows[0];
    if (!first) return ['no rows'];
    const taken = [];   // taken[row][col]: the header grid, rowspans and colspans laid out
    const out = [];
    [...t.tHead.rows].forEach((tr, r) => {
      taken[r] = taken[r] || [];
      let c = 0;
      for (const th of tr.cells) {
        while (taken[r][c]) c++;
        for (let dr = 0; dr < th.rowSpan; dr++) {
          taken[r + dr] = taken[r + dr] || [];
          for (let dc = 0; dc < th.colSpan; dc++) taken[r + dr][c + dc] = true;
        }
        if (th.colSpan === 1) {
          const a = getComputedStyle(th).textAlign, b = getComputedStyle(first.cells[c]).textAlign;
          if (a !== b) out.push(`${th.textContent.trim() || c}: ${a} over ${b}`);
        }
        c += th.colSpan;
      }
    });
    return out;
  }, table);
}
// "2026-11-05" → "05/11/2026", as the report form shows and takes dates.
const vn = (iso) => iso.split('-').reverse().join('/');
// Monday..Sunday of the week holding `day` (YYYY-MM-DD), shifted by `weeks`.
function weekOf(day, weeks) {
  const d = new Date(day + 'T00:00:00Z');
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86400000 + weeks * 7 * 86400000);
  const iso = (x) => x.toISOString().slice(0, 10);
  return [iso(monday), iso(new Date(monday.getTime() + 6 * 86400000))];
}

function parseCsv(textIn) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn[i];
    if (quoted) {
      if (c === '"' && textIn[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
// The documented CSV number format: 2 decimals, '.' point, half away from zero; '' for null.
function fixed2(v, mul = 1, div = 1) {
  if (v === null) return '';
  const cents = Math.round(Math.abs(v) * 100 * mul / div);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

async function main() {
  const config = path.join(tmp, 'office.toml');
  const db = path.join(tmp, 'motcua.db');
  fs.writeFileSync(config, officeToml());
  let port = await ticketd.start(config, db);
  base = `http://127.0.0.1:${port}`;

  // The ticket whose wait will pass its 1-minute target while the rest of the test runs.
  const lateId = await issue('tra-ket-qua');
  const lateIssuedAt = Date.now();
  // A second apart, so its wait is the longest by whole seconds too.
  await new Promise((r) => setTimeout(r, 1100));
  console.log('scripted day over HTTP');
  const tokens = await scriptedDay();
  const today = (await api('GET', '/api/health')).data.service_day;

  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
    // An English browser, as on many office PCs: its date inputs read month/day/year, so
    // the report form must not lean on them.
    locale: 'en-US',
    // Not the office's zone: the page must show the office's time (UTC+7) anyway.
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(STEP_MS);
  try {
    console.log('dashboard: sign in and read the numbers');
    const page = context.pages()[0] || await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector('#login-view:not([hidden])');
    check(await page.locator('#conn').isHidden(), 'before signing in: no connection badge');
    await page.fill('#username', 'lanhdao');
    await page.fill('#password', 'demo1234');
    await page.click('#login-button');
    await page.waitForSelector('#dash-view:not([hidden])');
    await page.waitForSelector('#conn[data-state="on"]');
    check(await page.evaluate(() => !!sessionStorage.getItem('motcua.dashboard.token')), 'the token is kept in sessionStorage');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'ho-tich', 'served')), '1', 'ho-tich served');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'ho-tich', 'no_show')), '1', 'ho-tich no-shows');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'ho-tich', 'on_time')), '100,0%',
      'ho-tich on time: the served ticket and the no-show were both called within 30 min');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'dat-dai', 'served')), '2', 'dat-dai served');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'dat-dai', 'cancelled')), '1', 'dat-dai cancelled');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'chung-thuc', 'waiting')), '1', 'chung-thuc waiting');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'tra-ket-qua', 'waiting')), '1', 'tra-ket-qua waiting');
    checkEq(await text(page.locator('#kpi-issued')), '8', 'issued today');
    checkEq(await text(page.locator('#kpi-served')), '4', 'served today');
    checkEq(await text(page.locator('#kpi-satisfaction')), '50,0%', 'satisfaction today');
    checkEq(await text(cell(page, 'counters-table', 'data-counter', '3', 'served_today')), '2', 'counter 3 served today');
    checkEq(await text(cell(page, 'counters-table', 'data-counter', '3', 'officer')), 'Lê Thị Hồng', 'counter 3 officer');
    checkEq(await text(cell(page, 'counters-table', 'data-counter', '6', 'state')), 'Đã đóng', 'counter 6 closed');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'ho-tich', 'open_counters')), '2',
      'ho-tich: counters 1 and 2 open');
    checkEq(await text(cell(page, 'services-table', 'data-service', 'tra-ket-qua', 'open_counters')), '0',
      'tra-ket-qua: no counter open');
    check(await page.locator('#services-table tr[data-service="tra-ket-qua"].unstaffed').count() === 1 &&
      await page.locator('#services-table tr.unstaffed').count() === 1,
      'only tra-ket-qua, where one waits and no counter is open, is highlighted');
    const headers = async (table) => (await page.locator(`#${table} thead th`).allTextContents()).map((h) => h.trim());
    const serviceHeads = await headers('services-table');
    checkEq(serviceHeads[2], 'Quầy đang mở', 'the services table has "Quầy đang mở"');
    checkEq(serviceHeads[serviceHeads.length - 1], 'Gọi đúng hạn', 'and says "Gọi đúng hạn"');
    const counterHeads = await headers('counters-table');
    check(counterHeads.includes('Số đang mời / phục vụ') && counterHeads.includes('Trong trạng thái'),
      `counter table headers (${counterHeads.join(' | ')})`);
    for (const table of ['services-table', 'counters-table', 'satisfaction-table', 'linked-table'])
      checkEq(JSON.stringify(await misalignedColumns(page, table)), '[]', `${table}: headers aligned with their cells`);
    checkEq(await page.evaluate(() => ['services-table', 'counters-table']
      .map((id) => getComputedStyle(document.getElementById(id)).tableLayout).join()), 'fixed,fixed',
    'the live tables have fixed column widths');
    checkEq(await text(page.locator('#kpi-avgwait + .l')), 'Chờ TB (số đã được gọi)', 'the average wait says what it counts');
    checkEq(await text(page.locator('#kpi-ontime + .l')), 'Tỷ lệ gọi đúng hạn', 'the on-time card');
    check(/^\d+ phút$|^dưới 1 phút$/.test(await text(page.locator('#kpi-longest'))),
      `the longest wait now is counted (${await text(page.locator('#kpi-longest'))})`);
    checkEq(await text(page.locator('#kpi-longest + .l')), 'Chờ lâu nhất hiện tại', 'its label');
    checkEq(await text(page.locator('#kpi-longest-service')), 'Trả kết quả', 'the longest wait is tra-ket-qua\'s');
    checkEq(await text(cell(page, 'satisfaction-table', 'data-key', 'canbo3', 'level4')), '1', 'canbo3 not satisfied votes');
    checkEq(await text(cell(page, 'satisfaction-table', 'data-key', 'canbo3', 'satisfaction')), '50,0%', 'canbo3 rate');
    checkEq(await text(cell(page, 'satisfaction-table', 'data-key', 'canbo3', 'reasons')), 'Chờ lâu: 1', 'canbo3 reasons');
    check((await api('GET', '/api/today', undefined, bearer(await login('lanhdao')))).data.satisfaction.by_officer.some((r) => r.key === ''),
      'the API has an unassigned group (cancelled tickets)');
    checkEq(await page.locator('#satisfaction-table tr[data-key=""]').count(), 0, 'but no row of zeros for it');
    checkEq(await text(cell(page, 'linked-table', 'data-bucket', '0', 'votes')), '4', 'linked view: all 4 votes waited <10 min');
    checkEq(await page.locator('#chart-calls svg rect.bar').count() > 0, true, 'calls-per-hour chart drawn');
    checkEq(await page.locator('#chart-waiting svg path.line').count(), 1, 'waiting-over-day chart drawn');

    console.log('dashboard: live without reload, rows updated in place');
    await page.evaluate(() => { window.__marker = 'same page'; });
    // The rows and the close button as first drawn: events must update them, not replace them.
    const keepRows = () => page.evaluate(() => {
      window.__rows = [...document.querySelectorAll('#counters-table tbody tr, #services-table tbody tr')];
      window.__button1 = document.querySelector('#counters-table tr[data-counter="1"] button.force-close');
      window.__widths = [...document.querySelectorAll('#counters-table thead th, #services-table thead th')]
        .map((th) => th.getBoundingClientRect().width);
    });
    const sameRows = () => page.evaluate(() => {
      const rows = [...document.querySelectorAll('#counters-table tbody tr, #services-table tbody tr')];
      const widths = [...document.querySelectorAll('#counters-table thead th, #services-table thead th')]
        .map((th) => th.getBoundingClientRect().width);
      return rows.length === window.__rows.length && rows.every((tr, i) => tr === window.__rows[i]) &&
        document.querySelector('#counters-table tr[data-counter="1"] button.force-close') === window.__button1 &&
        widths.every((w, i) => Math.abs(w - window.__widths[i]) < 0.5);
    });
    await keepRows();
    const d1 = await issue('ho-tich');
    await waitText(cell(page, 'services-table', 'data-service', 'ho-tich', 'waiting'), '1', 'a new ticket shows up live');
    await act(tokens.one, 1, 'call-next');
    const d1Number = (await api('GET', `/api/tickets/${d1}`)).data.number;
    await waitText(cell(page, 'counters-table', 'data-counter', '1', 'ticket'), d1Number, 'counter 1 holds the called number');
    await waitText(cell(page, 'counters-table', 'data-counter', '1', 'state'), 'Đang mời', 'counter 1 is calling');
    check(await sameRows(), 'after two events: the same rows, the same button, the same column widths');

    console.log('dashboard: ticketd restarts');
    ticketd.kill();
    await ticketd.exited();
    await page.waitForSelector('#conn[data-state="off"]');
    const lost = await text(page.locator('#conn'));
    check(/^Mất kết nối — số liệu lúc \d\d:\d\d:\d\d, đang kết nối lại…$/.test(lost),
      `the page says the connection is lost, and since when its figures are (${lost})`);
    const greyed = await page.waitForFunction(() => document.getElementById('dash-view').classList.contains('stale') &&
      Number(getComputedStyle(document.querySelector('#services-table').closest('section')).opacity) < 0.6, null,
    { timeout: STEP_MS }).then(() => true, () => false);
    check(greyed, 'the live area is greyed');
    check(!(await page.locator('#no-alerts').isVisible()) && await page.locator('#alerts-unknown').isVisible(),
      'the alerts card does not say "Không có cảnh báo" while it cannot know');
    port = await ticketd.start(config, db, port);
    await page.waitForSelector('#conn[data-state="on"]', { timeout: 30000 });
    check(await page.locator('#dash-view.stale').count() === 0 && !(await page.locator('#alerts-unknown').isVisible()),
      'connected again: no longer greyed');
    await issue('dat-dai');
    await waitText(cell(page, 'services-table', 'data-service', 'dat-dai', 'waiting'), '1', 'live again after the restart');
    checkEq(await page.evaluate(() => window.__marker), 'same page', 'no reload happened');

    console.log('dashboard: closing a counter its officer left signed in');
    const closeButton = page.locator('#counters-table tr[data-counter="1"] button.force-close');
    checkEq(await page.locator('#counters-table tr[data-counter="6"] button.force-close:visible').count(), 0,
      'a closed counter offers no close button');
    check(await sameRows(), 'after the restart too: the same rows and button');
    // Counter 3 is the only one for dat-dai, where one citizen waits (issued just above).
    let asked3 = '';
    page.once('dialog', (d) => { asked3 = d.message(); d.dismiss(); });
    await page.locator('#counters-table tr[data-counter="3"] button.force-close').click();
    check(asked3.includes('Lĩnh vực Đất đai – Xây dựng sẽ không còn quầy nào mở, 1 công dân đang chờ.'),
      `closing the last counter of a service with people waiting says so (${asked3})`);
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await closeButton.click();
    // The row was drawn before counter 1 called: the ticket named comes from the current data.
    check(asked.startsWith('Đóng Quầy 1 của Nguyễn Thị Lan?') && asked.includes(`Số ${d1Number} sẽ trở lại hàng chờ`),
      `the page asks first, naming the officer and the ticket (${asked})`);
    check(!asked.includes('không còn quầy nào mở'), 'counter 2 still serves counter 1\'s services: no such warning');
    checkEq((await api('GET', '/api/queue')).data.counters[0].state, 'calling', 'cancelled: counter 1 still calls');
    page.once('dialog', (d) => d.accept());
    await closeButton.click();
    await page.locator('#counters-done').filter({ hasText: 'Đã đóng Quầy 1.' }).waitFor({ timeout: STEP_MS });
    check(await page.locator('#counters-done').evaluate((e) => e.classList.contains('ok') && !e.classList.contains('error') &&
      !!e.closest('section').querySelector('#counters-table')), 'a confirmation in the counters card, not an error');
    await waitText(cell(page, 'counters-table', 'data-counter', '1', 'state'), 'Đã đóng', 'counter 1 is closed');
    checkEq(await text(cell(page, 'counters-table', 'data-counter', '1', 'officer')), '', 'nobody at counter 1');
    checkEq(await text(cell(page, 'counters-table', 'data-counter', '1', 'ticket')), '', 'counter 1 holds no ticket');
    await waitText(cell(page, 'services-table', 'data-service', 'ho-tich', 'waiting'), '1', 'its ticket waits again');
    checkEq((await api('GET', `/api/tickets/${d1}`)).data.position, 0, 'first in line, where it stood');
    checkEq((await api('GET', '/api/me', undefined, bearer(tokens.one))).status, 401, 'the officer there is signed out');
    checkEq(await text(page.locator('#counters-error')), '', 'no error shown');
    check(await sameRows(), 'the same rows and button after the close');
    await page.waitForFunction(() => document.getElementById('counters-done').textContent === '', null, { timeout: STEP_MS })
      .catch(() => { /* reported below */ });
    checkEq(await text(page.locator('#counters-done')), '', 'the confirmation goes after a few seconds');

    console.log('dashboard: a copy of the database');
    await page.locator('#backup-status').filter({ hasText: 'Chưa có bản sao nào.' }).waitFor({ timeout: STEP_MS });
    check((await text(page.locator('#backup-status'))).includes(`Tự động sao lưu lúc ${BACKUP_AT} hằng ngày`),
      'the card says when copies are made');
    await page.click('#backup-now');
    await page.locator('#backup-result').filter({ hasText: 'Đã sao lưu: motcua-' }).waitFor({ timeout: STEP_MS });
    const copies = fs.readdirSync(path.join(tmp, 'backups')).filter((f) => /^motcua-\d{4}-\d\d-\d\d-\d{6}\.db$/.test(f));
    checkEq(copies.length, 1, 'one copy in the folder beside the database');
    check((await text(page.locator('#backup-result'))).includes(copies[0]), 'the page names the file made');
    await page.locator('#backup-status').filter({ hasText: 'Bản sao gần nhất:' }).waitFor({ timeout: STEP_MS });
    check((await text(page.locator('#backup-status'))).includes('hiện có 1 bản'), 'and counts it');
    // The file is named in office time; the card, on a PC set to New York, says the same.
    const [, y, mo, d, hh, mi] = copies[0].match(/^motcua-(\d{4})-(\d\d)-(\d\d)-(\d\d)(\d\d)\d\d\.db$/);
    check((await text(page.locator('#backup-status'))).includes(`Bản sao gần nhất: ${hh}:${mi} ${d}/${mo}/${y}`),
      `the last copy's time is the office's (${await text(page.locator('#backup-status'))})`);
    const clock = await text(page.locator('#clock'));
    const officeNow = new Date(Date.now() + 7 * 3600000);
    const officeHour = String(officeNow.getUTCHours()).padStart(2, '0');
    check(/^\d\d:\d\d:\d\d$/.test(clock) && [officeHour, String((officeNow.getUTCHours() + 23) % 24).padStart(2, '0')].includes(clock.slice(0, 2)),
      `the clock shows the office's hour, ${officeHour} (got ${clock})`);
    checkEq(await text(page.locator('#backup-failure')), '', 'no failure shown');

    console.log('dashboard: looking up a number');
    {
      const lanhdaoToken = await login('lanhdao');
      const ticketOf = async (id) => (await api('GET', `/api/tickets/${id}`, undefined, bearer(lanhdaoToken))).data;
      const card = page.locator('#lookup-card');
      checkEq(await card.evaluate((c) => !!c.previousElementSibling.querySelector('#counters-table')), true,
        'the look-up card comes right after "Theo quầy"');
      checkEq(await text(card.locator('h2')), 'Tra cứu số thứ tự', 'its title');
      const result = (id) => page.locator(`#lookup-results [data-ticket="${id}"]`);
      const field = (id, name) => result(id).locator(`[data-field="${name}"]`);
      const clock = (ms) => new Date(ms + 7 * 3600000).toISOString().slice(11, 19);
      const waitWords = (s) => {
        s = Math.max(0, Math.floor(s));
        const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, ss = String(s % 60).padStart(2, '0');
        return h ? `${h} giờ ${String(m).padStart(2, '0')} phút ${ss} giây` : m ? `${m} phút ${ss} giây` : `${s % 60} giây`;
      };
      const lookUp = async (value, how = 'enter') => {
        await page.fill('#lookup-number', value);
        const [req] = await Promise.all([page.waitForRequest((r) => r.url().includes('/api/tickets/lookup?')),
          how === 'enter' ? page.press('#lookup-number', 'Enter') : page.click('#lookup-button')]);
        await page.waitForFunction(() => !document.getElementById('lookup-button').disabled);
        return new URL(req.url()).searchParams;
      };

      // A3: issued for ho-tich, transferred to dat-dai, served at counter 3 by canbo3, voted 4 (cho_lau).
      const a3 = (await api('GET', `/api/reports?from=${today}&to=${today}&detail=tickets`, undefined, bearer(lanhdaoToken)))
        .data.tickets.find((x) => x.state === 'done' && x.issued_service !== x.service);
      const a3t = await ticketOf(a3.id);
      const params = await lookUp(a3t.number, 'button');
      checkEq(`${params.get('number')} ${params.get('day')}`, `${a3t.number} ${today}`,
        'it asks /api/tickets/lookup for the number on the service day');
      await result(a3.id).waitFor();
      checkEq(await page.locator('#lookup-results > *').count(), 1, `number ${a3t.number}: one ticket`);
      checkEq(await text(field(a3.id, 'number')), a3t.number, 'the number as printed');
      checkEq(await text(field(a3.id, 'state')), { done: 'Đã phục vụ' }[a3t.state] || a3t.state,
        'its state in words, as the API has it (done)');
      checkEq(await text(field(a3.id, 'service')), a3t.service_name, 'its service now');
      const history = async (id) => result(id).locator('.lr-history li').evaluateAll((lis) => lis.map((li) =>
        [li.querySelector('.lr-what').textContent, li.querySelector('.lr-who').textContent]));
      const a3History = await history(a3.id);
      checkEq(a3History[0][0], `Lấy số ${a3t.number}, lĩnh vực Tư pháp – Hộ tịch`, '"Diễn biến" starts with the issue, for the service it was issued for');
      check(a3History.some(([what]) => /^Chuyển từ quầy \d+ sang lĩnh vực Đất đai – Xây dựng$/.test(what)),
        `the transfer is in it (${JSON.stringify(a3History)})`);
      checkEq(JSON.stringify(a3History.find(([what]) => what.startsWith('Hoàn tất'))), JSON.stringify([`Hoàn tất tại quầy ${a3t.counter}`, 'Lê Thị Hồng']),
        'the close, with the officer who did it');
      checkEq(a3History[a3History.length - 1][0], 'Công dân đánh giá: Không hài lòng, lý do: Thời gian chờ lâu', 'and the vote last');
      check(/^\d\d:\d\d:\d\d$/.test(await text(result(a3.id).locator('.lr-history li time').first())), 'each line has its time');
      checkEq(await text(field(a3.id, 'counter')), `Quầy ${a3t.counter}`, 'the counter that served it');
      checkEq(await text(field(a3.id, 'officer')), 'Lê Thị Hồng', 'the officer who served it, by name (canbo3)');
      checkEq(await text(field(a3.id, 'issued_at')), clock(a3t.issued_at), 'issued at, office time');
      checkEq(await text(field(a3.id, 'called_at')), clock(a3t.called_at), 'first called at, office time');
      checkEq(await text(field(a3.id, 'waited')), waitWords((a3t.called_at - a3t.issued_at) / 1000), 'the wait it had');
      checkEq(await text(field(a3.id, 'rating')), 'Không hài lòng — Thời gian chờ lâu', 'its vote and reason');
      checkEq(await text(field(a3.id, 'priority')), 'Không', 'not a priority ticket');
      check(await result(a3.id).locator('.cancel-ticket').isHidden(), 'a served ticket offers no "Hủy số"');

      // A2: a no-show at counter 1, whose officer has since been signed out there (force-close above).
      const a2 = (await api('GET', `/api/reports?from=${today}&to=${today}&detail=tickets`, undefined, bearer(lanhdaoToken)))
        .data.tickets.find((x) => x.state === 'no_show');
      const a2t = await ticketOf(a2.id);
      await lookUp(a2t.number);
      await result(a2.id).waitFor();
      checkEq(await text(field(a2.id, 'state')), 'Vắng mặt', 'a no-show: "Vắng mặt" (Enter looks up too)');
      checkEq(await text(field(a2.id, 'counter')), `Quầy ${a2t.counter}`, 'at counter 1');
      checkEq(await text(field(a2.id, 'officer')), 'Nguyễn Thị Lan', 'its officer by name, though no longer at a counter');
      checkEq(await result(a3.id).count(), 0, 'the previous result is gone');

      // A fresh chung-thuc ticket behind B2: in line, one ahead.
      const fresh = await issue('chung-thuc');
      let ft = await ticketOf(fresh);
      await lookUp(`số ${ft.number}`);
      await result(fresh).waitFor();
      checkEq(await text(field(fresh, 'state')), 'Đang chờ', `a waiting ticket (typed "số ${ft.number}")`);
      checkEq(ft.position, 1, 'the API puts it second in line');
      checkEq(await text(field(fresh, 'position')), `Còn ${ft.position} người phía trước`, 'the card: "Còn 1 người phía trước"');
      check(/^dự kiến chờ thêm khoảng (dưới 1 phút|\d+ phút)$/.test(await text(field(fresh, 'estimate'))),
        `and the API's estimate (${await text(field(fresh, 'estimate'))})`);
      checkEq(await text(field(fresh, 'service')), 'Chứng thực', 'its service');
      checkEq(await text(field(fresh, 'called_at')), 'Chưa được gọi', 'not called yet');
      checkEq(await text(field(fresh, 'counter')), '–', 'no counter yet');
      const w1 = await text(field(fresh, 'waited'));
      await page.waitForTimeout(2100);
      const w2 = await text(field(fresh, 'waited'));
      check(/^\d+ giây, vẫn đang chờ$/.test(w1) && w1 !== w2, `its wait is counted each second (${w1} → ${w2})`);
      // Counter 2 calls B2 (chung-thuc comes first there): the card follows without a new look-up.
      await act(tokens.two, 2, 'call-next');
      await waitText(field(fresh, 'position'), 'Không còn ai phía trước, sẽ được gọi tiếp theo',
        'the place in line follows the office live');
      checkEq((await ticketOf(fresh)).position, 0, 'as the API says');

      // "Hủy số": asked first, naming the number and the service; "Hủy" refused leaves it in line.
      ft = await ticketOf(fresh);
      let asked = '';
      page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
      await result(fresh).locator('.cancel-ticket').click();
      check(asked.startsWith(`Hủy số ${ft.number} (Chứng thực)?`) && asked.includes('Lý do: Lãnh đạo hủy'),
        `the confirm names the number, the service and the reason (${asked})`);
      checkEq((await ticketOf(fresh)).state, 'waiting', 'not confirmed: still waiting');
      page.once('dialog', (d) => d.accept());
      const [cancelReq] = await Promise.all([page.waitForRequest((r) => r.url().endsWith(`/api/tickets/${fresh}/cancel`)),
        result(fresh).locator('.cancel-ticket').click()]);
      checkEq(JSON.parse(cancelReq.postData()).reason, 'Lãnh đạo hủy', 'the cancel carries the default reason');
      await waitText(page.locator('#lookup-done'), `Đã hủy số ${ft.number}.`, 'the card says it is cancelled');
      checkEq((await ticketOf(fresh)).state, 'cancelled', 'GET /api/tickets/{id}: cancelled');
      await waitText(field(fresh, 'state'), 'Đã hủy', 'the card, read again, shows "Đã hủy"');
      check(await result(fresh).locator('.cancel-ticket').isHidden(), 'and no longer offers "Hủy số"');
      checkEq(JSON.stringify((await history(fresh)).pop()), JSON.stringify(['Hủy số, lý do: Lãnh đạo hủy', 'Phạm Quốc Hùng']),
        '"Diễn biến" ends with the cancellation, its reason and the leader who made it');
      checkEq(await text(page.locator('#lookup-error')), '', 'no error');

      // A typed reason; and the server's refusal, as words, when the ticket was called meanwhile.
      const other = await issue('chung-thuc');
      const ot = await ticketOf(other);
      await lookUp(ot.number);
      await result(other).waitFor();
      await result(other).locator('.cancel-reason').fill('Công dân xin về');
      await api('POST', `/api/tickets/${other}/cancel`, {}, kioskKey);
      page.once('dialog', (d) => d.accept());
      const [otherReq] = await Promise.all([page.waitForRequest((r) => r.url().endsWith(`/api/tickets/${other}/cancel`)),
        result(other).locator('.cancel-ticket').click()]);
      checkEq(JSON.parse(otherReq.postData()).reason, 'Công dân xin về', 'a typed reason is sent');
      await page.locator('#lookup-error').filter({ hasText: /./ }).waitFor();
      const refusal = await text(page.locator('#lookup-error'));
      check(refusal.startsWith(`Không hủy được số ${ot.number}: `) && !/\d{3}/.test(refusal.replace(ot.number, '')),
        `a refusal shows the server's message, no HTTP code (${refusal})`);

      // Not found, nothing typed, a prefix typed, the server out of reach.
      await lookUp('9998');
      await waitText(page.locator('#lookup-message'), 'Không có số 9998 trong hôm nay.', 'a missing number');
      checkEq(await page.locator('#lookup-results > *').count(), 0, 'and no result');
      await page.fill('#lookup-number', '');
      await page.press('#lookup-number', 'Enter');
      await page.locator('#lookup-message').filter({ hasText: 'Hãy nhập số thứ tự' }).waitFor();
      check((await text(page.locator('#lookup-message'))).includes('ví dụ 1001'), 'empty: the page says what to type');
      await page.route('**/api/tickets/lookup?**', (r) => r.abort());
      await page.fill('#lookup-number', a3t.number);
      await page.press('#lookup-number', 'Enter');
      await page.locator('#lookup-error').filter({ hasText: 'mất kết nối' }).waitFor();
      checkEq(await text(page.locator('#lookup-error')), 'Không tra cứu được: mất kết nối tới máy chủ. Hãy thử lại.',
        'the server out of reach: plain words');
      checkEq(await page.locator('#lookup-results > *').count(), 0, 'and no stale result');
      await page.unroute('**/api/tickets/lookup?**');

      // The card at a laptop's 1366×768 and at 1920×1080: nothing spills out.
      await lookUp(ot.number);
      await result(other).waitFor();
      for (const [w, h] of [[1366, 768], [1920, 1080]]) {
        await page.setViewportSize({ width: w, height: h });
        const spill = await card.evaluate((c) => c.scrollWidth - c.clientWidth);
        checkEq(spill, 0, `${w}×${h}: the look-up card fits its width`);
        await card.screenshot({ path: path.join(tmp, `lookup-${w}.png`) });
      }
      await page.setViewportSize({ width: 1440, height: 1000 });
    }

    console.log('dashboard: report and CSV export');
    await page.click('#week-this');
    checkEq(JSON.stringify([await page.inputValue('#report-from'), await page.inputValue('#report-to')]),
      JSON.stringify(weekOf(today, 0).map(vn)), '"Tuần này": Monday to Sunday of the service day, as dd/mm/yyyy');
    await page.click('#week-last');
    checkEq(JSON.stringify([await page.inputValue('#report-from'), await page.inputValue('#report-to')]),
      JSON.stringify(weekOf(today, -1).map(vn)), '"Tuần trước": the week before');
    {
      // Typed dates are day/month/year in an English browser too; a date that is no date is
      // refused on the page, naming the field, and nothing is asked of the server.
      const asked = [];
      const onRequest = (r) => { if (r.url().includes('/api/reports?')) asked.push(r.url()); };
      page.on('request', onRequest);
      await page.fill('#report-from', '31/02/2026');
      await page.click('#report-show');
      checkEq(await text(page.locator('#report-error')),
        'Từ ngày "31/02/2026" không phải một ngày hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/11/2026.',
        '31/02 is refused, with the field named and an example');
      await page.fill('#report-from', '');
      await page.click('#report-xlsx');
      checkEq(await text(page.locator('#report-error')),
        'Hãy nhập từ ngày theo dạng ngày/tháng/năm, ví dụ 05/11/2026.', 'an empty date before a download: asked for');
      checkEq(asked.length, 0, 'no report request for a wrong date');
      page.off('request', onRequest);
      // 3/11 means the 3rd of November: the request says so.
      await page.fill('#report-from', '3/11/2026');
      await page.fill('#report-to', '4.11.2026');
      const [threeNov] = await Promise.all([page.waitForRequest((r) => r.url().includes('/api/reports?')),
        page.click('#report-show')]);
      const q = new URL(threeNov.url()).searchParams;
      checkEq(`${q.get('from')} ${q.get('to')}`, '2026-11-03 2026-11-04', '"3/11/2026" and "4.11.2026" are 3 and 4 November');
      await page.waitForSelector('#report-view:not([hidden])');
      // The calendar button: the browser's picker, and the chosen day comes back as dd/mm/yyyy.
      await page.click('#report-to-pick');
      await page.keyboard.press('Escape');
      checkEq(await page.inputValue('#report-to-picker'), '2026-11-04', 'the picker opens on the typed day');
      await page.$eval('#report-to-picker', (e) => { e.value = '2026-11-09'; e.dispatchEvent(new Event('change')); });
      checkEq(await page.inputValue('#report-to'), '09/11/2026', 'a day chosen on the calendar is written dd/mm/yyyy');
      check(await page.locator('#report-view').isHidden(), 'and the report for the old period is hidden');
    }
    // A wrong range: the server's message, without an HTTP code.
    await page.fill('#report-from', vn(today));
    await page.fill('#report-to', vn(weekOf(today, -1)[0]));
    await page.click('#report-show');
    await page.locator('#report-error').filter({ hasText: /./ }).waitFor({ timeout: STEP_MS });
    const reportError = await text(page.locator('#report-error'));
    check(!/\(\d{3}\)|\d{3}$/.test(reportError), `errors show the message, no HTTP code (${reportError})`);
    await page.fill('#report-from', vn(today));
    await page.fill('#report-to', vn(today));
    await page.selectOption('#report-group', 'service');
    const [reportRequest] = await Promise.all([page.waitForRequest((r) => r.url().includes('/api/reports?')),
      page.click('#report-show')]);
    await page.waitForSelector('#report-view:not([hidden])');
    checkEq(new URL(reportRequest.url()).searchParams.get('include_empty'), '1', 'the page asks with include_empty=1');
    checkEq(await text(page.locator('#report-error')), '', 'the error is gone');
    await page.waitForFunction(() => {
      const r = document.getElementById('report-view').getBoundingClientRect();
      return r.top >= -1 && r.top < innerHeight / 2;
    }, null, { timeout: STEP_MS }).then(() => check(true, 'the report is scrolled into view'),
      () => check(false, 'the report is scrolled into view'));
    const lanhdao = await login('lanhdao');
    const report = (await api('GET', `/api/reports?from=${today}&to=${today}&group=service&include_empty=1`, undefined,
      bearer(lanhdao))).data;
    checkEq(await page.locator('#report-table tbody tr').count(), report.rows.length, 'report rows on the page');
    checkEq(await text(page.locator('#report-table tfoot td[data-field="issued"]')), String(report.total.issued),
      'report total issued on the page');
    const reportHeads = (await page.locator('#report-table thead th').allTextContents()).map((h) => h.trim());
    checkEq(reportHeads[reportHeads.indexOf('Đã hủy') + 1], 'Chưa hoàn tất', '"Chưa hoàn tất" follows "Đã hủy"');
    check(reportHeads.includes('Tỷ lệ tham gia đánh giá') && reportHeads.includes('Gọi đúng hạn') &&
      !reportHeads.includes('Tham gia') && !reportHeads.includes('Gọi trong mục tiêu'), 'the renamed columns');
    checkEq(await text(page.locator('#report-table tfoot td[data-field="unfinished"]')), String(report.total.unfinished),
      'report total unfinished on the page');
    const t0 = report.total;
    checkEq(t0.issued, t0.served + t0.no_show + t0.cancelled + t0.unfinished, 'and with it the rows add up');
    checkEq(JSON.stringify(await page.locator('#report-votes tfoot td').allTextContents()),
      JSON.stringify(['Tổng cộng', ...t0.votes_by_level.map(String), String(t0.votes), (t0.satisfaction_rate * 100).toFixed(1).replace('.', ',') + '%',
        ...['thai_do', 'cho_lau', 'huong_dan_khong_ro', 'ho_so_tra_lai', 'khac'].map((k) => String(t0.reasons[k]))]),
      'the votes table: levels, total, rate, the five reasons');
    const voteHeads = (await page.locator('#report-votes thead th').allTextContents()).map((h) => h.trim());
    check(['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Tỷ lệ hài lòng', 'Thái độ', 'Thời gian chờ lâu',
      'Hướng dẫn không rõ', 'Hồ sơ bị trả lại nhiều lần', 'Khác'].every((h) => voteHeads.includes(h)),
    `the votes table's headers (${voteHeads.join(' | ')})`);
    checkEq(await text(page.locator('#rp-period')), `Từ ngày ${vn(today)} đến ngày ${vn(today)} — theo lĩnh vực`,
      'the period line');
    for (const table of ['report-table', 'report-votes'])
      checkEq(JSON.stringify(await misalignedColumns(page, table)), '[]', `${table}: headers aligned with their cells`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv')]);
    const csvPath = path.join(tmp, 'export.csv');
    await download.saveAs(csvPath);
    const bytes = fs.readFileSync(csvPath);
    check(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'the CSV starts with a UTF-8 BOM');
    checkEq(download.suggestedFilename(), `bao-cao-${today}_${today}-dich-vu.csv`, 'the CSV file name');
    const csv = parseCsv(bytes.subarray(3).toString('utf8'));
    checkEq(csv.length, report.rows.length + 2, 'CSV: header, one line per row, total');
    let mismatches = 0;
    [...report.rows, report.total].forEach((r, i) => {
      const line = csv[i + 1];
      const want = [i < report.rows.length ? r.label : 'Tổng cộng', r.key, r.issued, r.served, r.no_show, r.cancelled,
        r.unfinished, r.transferred, fixed2(r.wait.avg_s, 1, 60), fixed2(r.wait.median_s, 1, 60), fixed2(r.wait.p90_s, 1, 60),
        fixed2(r.service.avg_s, 1, 60), fixed2(r.service.median_s, 1, 60), fixed2(r.service.p90_s, 1, 60),
        r.called, r.on_time, fixed2(r.on_time_rate, 100), ...r.votes_by_level, r.votes, fixed2(r.satisfaction_rate, 100),
        fixed2(r.participation, 100), ...['thai_do', 'cho_lau', 'huong_dan_khong_ro', 'ho_so_tra_lai', 'khac'].map((k) => r.reasons[k])]
        .map(String);
      if (JSON.stringify(line) !== JSON.stringify(want)) {
        mismatches += 1;
        console.log(`    CSV ${JSON.stringify(line)}\n    API ${JSON.stringify(want)}`);
      }
    });
    checkEq(mismatches, 0, 'every CSV line equals the JSON report');
    checkEq(csv[1][0], 'Tư pháp – Hộ tịch', 'Vietnamese survives the export');

    // The Excel buttons: the workbook read back by openpyxl, a reader independent of ticketd.
    const readWorkbook = async (button, name) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const file = path.join(tmp, name);
      await dl.saveAs(file);
      execFileSync('/usr/bin/python3', [path.join(here, '../ticketd/dashboard/xlsx_to_json.py'), file, file + '.json'],
        { timeout: 30000 });
      return { name: dl.suggestedFilename(), book: JSON.parse(fs.readFileSync(file + '.json', 'utf8')) };
    };
    const summary = await readWorkbook('#report-xlsx', 'report.xlsx');
    checkEq(summary.name, `bao-cao-${today}_${today}-dich-vu.xlsx`, 'the workbook file name');
    const sheet = summary.book.sheets[0];
    checkEq(sheet.name, 'Báo cáo', 'the first sheet');
    const totalRow = sheet.rows[sheet.rows.length - 1];
    checkEq(totalRow[0].v, 'Tổng cộng', 'the workbook ends with the total');
    checkEq(totalRow[2].v, report.total.issued, 'the workbook total issued is a number equal to the report');
    checkEq(await text(page.locator('#report-xlsx')), 'Tải Excel', 'the button is back to its label');
    const list = await readWorkbook('#report-tickets-xlsx', 'tickets.xlsx');
    checkEq(list.name, `ve-${today}_${today}.xlsx`, 'the ticket list file name');
    checkEq(list.book.sheets[0].rows.length - 5, report.total.issued, 'one workbook row per ticket issued today');

    console.log('dashboard: report groups, empty rows, a changed form');
    await page.selectOption('#report-group', 'counter');
    check(await page.locator('#report-view').isHidden() && await page.locator('#report-stale').isVisible(),
      'changing the grouping hides the report shown for the old one');
    await page.click('#report-show');
    await page.waitForSelector('#report-view:not([hidden])');
    checkEq(await text(page.locator('#report-table tr[data-key="6"] td[data-field="issued"]')), '0',
      'counter 6, with no ticket, has its row of zeros (include_empty)');
    check(await page.locator('#report-stale').isHidden(), 'the notice goes with a new report');
    await page.fill('#report-from', vn(weekOf(today, -1)[0]));
    check(await page.locator('#report-view').isHidden(), 'changing a date hides it too');
    await page.fill('#report-from', vn(today));
    await page.selectOption('#report-group', 'office');
    await page.click('#report-show');
    await page.waitForSelector('#report-view:not([hidden])');
    check((await text(page.locator('#rp-period'))).endsWith('— toàn đơn vị'), 'the whole office: "— toàn đơn vị"');
    // Officers' names on one line in the report at 1366 px.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.selectOption('#report-group', 'officer');
    await page.click('#report-show');
    await page.waitForSelector('#report-view:not([hidden])');
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('#report-table td[data-field="label"]')].filter((td) => {
      const r = document.createRange();
      r.selectNodeContents(td);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
    }).map((td) => td.textContent));
    checkEq(JSON.stringify(wrapped), '[]', 'no officer name wraps in the report at 1366 px');

    console.log('dashboard: print view');
    await page.emulateMedia({ media: 'print' });
    check(await page.locator('#report-view').isVisible(), 'the report prints');
    check(!(await page.locator('#services-table').isVisible()), 'the live tables do not');
    check(await page.locator('#report-votes').isVisible(), 'the votes table prints');
    checkEq(await text(page.locator('.doc-nation .nation')), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'the national heading');
    checkEq(await text(page.locator('.doc-nation .motto')), 'Độc lập – Tự do – Hạnh phúc', 'the motto');
    checkEq(await text(page.locator('#rp-office')), 'Trung tâm Phục vụ hành chính công phường Bến Nghé', 'the office, left');
    const [yy, mm, dd] = (await api('GET', '/api/health')).data.service_day.split('-');
    checkEq(await text(page.locator('#rp-date')), `Bến Nghé, ngày ${dd} tháng ${mm} năm ${yy}`,
      'the place (from the office\'s name) and the date');
    checkEq(await page.locator('#rp-date').evaluate((e) => getComputedStyle(e).fontStyle + ' ' + getComputedStyle(e).textAlign),
      'italic right', 'in italics, on the right');
    checkEq(JSON.stringify(await page.locator('.signatures > div').allInnerTexts()),
      JSON.stringify(['NGƯỜI LẬP BÁO CÁO\n(Ký, ghi rõ họ tên)', 'LÃNH ĐẠO ĐƠN VỊ\n(Ký, ghi rõ họ tên)']), 'two signature blocks');
    const sig = await page.locator('.signatures > div').evaluateAll((ds) => ds.map((d) => d.getBoundingClientRect()));
    check(sig.length === 2 && Math.abs(sig[0].top - sig[1].top) < 1 && sig[0].right < sig[1].left, 'side by side');
    await page.pdf({ path: path.join(tmp, 'report.pdf'), landscape: true, preferCSSPageSize: true });
    check(fs.statSync(path.join(tmp, 'report.pdf')).size > 10000, 'the report prints to PDF');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: path.join(tmp, 'print.png') });

    console.log('dashboard: an alert when a wait passes its target');
    const left = Math.max(0, lateIssuedAt + TARGET_MS - Date.now());
    const alert = page.locator('#alerts li[data-kind="wait_over_target"]');
    await alert.first().waitFor({ timeout: left + STEP_MS });
    const alertText = await text(alert.first());
    check(/^Trả kết quả: số \d+ chờ quá thời gian mục tiêu 1 phút/.test(alertText),
      `the alert names the service, the number and the target (${alertText})`);
    const age = await text(alert.first().locator('.age'));
    check(/^· lâu nhất đã chờ \d+ phút$/.test(age), `the time after it is the longest wait (${age})`);
    await page.locator('#kpi-longest-card.late').waitFor({ timeout: STEP_MS });
    checkEq(await page.locator('#kpi-longest').evaluate((e) => getComputedStyle(e).color), 'rgb(198, 40, 40)',
      'the longest wait now is red past its service\'s target');
    check(await page.locator('.alerts-card.active').isVisible(), 'the alert box is highlighted');
    checkEq(await page.evaluate(() => window.__marker), 'same page', 'the alert came over the WebSocket');
    const t = (await api('GET', '/api/today', undefined, bearer(await login('lanhdao')))).data;
    check(t.alerts.some((a) => a.kind === 'wait_over_target' && a.ticket_id === lateId), '/api/today lists it too');
    if (args.screenshots) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(args.screenshots, 'dashboard.png'), fullPage: true });
    }
    // Each kind's time says what it measures; kinds this page does not know get "đã …".
    const ages = await page.evaluate(() => {
      const now = state.today.now;
      const saved = state.today.alerts;
      state.today.alerts = [['wait_over_target', 32], ['apology_waiting', 50], ['counter_idle', 5], ['apology_at_counter', 47],
        ['service_unstaffed', 5]].map(([kind, min]) => ({ kind, message: kind, since: now - min * 60000 - 5000 }));
      renderAlerts();
      const out = [...document.querySelectorAll('#alerts li')].map((li) => [li.dataset.kind, li.querySelector('.age')?.textContent ?? null]);
      state.today.alerts = saved;
      renderAlerts();
      return out;
    });
    const ageOf = Object.fromEntries(ages);
    checkEq(ageOf.wait_over_target, '· lâu nhất đã chờ 32 phút', 'wait_over_target: the longest wait');
    checkEq(ageOf.apology_waiting, '· lâu nhất đã chờ 50 phút', 'apology_waiting: the longest wait');
    checkEq(ageOf.counter_idle, '· đã 5 phút', 'counter_idle: for how long');
    checkEq(ageOf.apology_at_counter, null, 'apology_at_counter: nothing (its message says the wait)');
    checkEq(ageOf.service_unstaffed, '· đã 5 phút', 'an unknown kind: for how long');

    await page.click('#logout');
    await page.waitForSelector('#login-view:not([hidden])');
    check(await page.locator('#conn').isHidden(), 'signed out: no connection badge');

    console.log('dashboard: an officer cannot open it');
    const officerToken = tokens.two;
    const r403 = await api('GET', `/api/reports?from=${today}&to=${today}&format=csv`, undefined, bearer(officerToken));
    checkEq(r403.status, 403, 'the officer gets 403 from /api/reports');
    checkEq(r403.data.error, 'forbidden', 'with the forbidden id');
    const officerPage = await context.newPage();
    await officerPage.goto(`${base}/dashboard`);
    await officerPage.evaluate((tok) => sessionStorage.setItem('motcua.dashboard.token', tok), officerToken);
    await officerPage.reload();
    await officerPage.waitForSelector('#login-view:not([hidden])');
    const shown = await text(officerPage.locator('#login-error'));
    check(shown.includes('không được xem') && !/\(\d{3}\)/.test(shown), `the page shows the refusal, no HTTP code (${shown})`);
    checkEq(await officerPage.locator('#login-error').getAttribute('data-status'), '403', 'it was the 403');
    check(await officerPage.locator('#dash-view').isHidden(), 'and no figures');
    await officerPage.fill('#username', 'canbo3');
    await officerPage.fill('#password', 'demo1234');
    await officerPage.click('#login-button');
    await officerPage.locator('#login-error').filter({ hasText: 'cán bộ' }).waitFor();
    check(await officerPage.locator('#dash-view').isHidden(), 'an officer signing in on the page gets no figures');
  } finally {
    await context.close();
    ticketd.kill();
  }
}

runBrowserTest('dashboard browser test', main, { ticketd, dir: tmp, limitMs: 240000, failures: () => failures });
