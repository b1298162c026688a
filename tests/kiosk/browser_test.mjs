// Browser tests of the kiosk page and the citizen's "my ticket" page, in Debian chromium driven by
// playwright-core, against the real ticketd on 127.0.0.1 (port 0) with a fake ESC/POS printer.
//   node browser_test.mjs --ticketd <path to ticketd> [--screenshots <docs dir>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { TicketdProcess, runBrowserTest } from '../support/ticketd_process.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
if (!args.ticketd) {
  console.error('usage: node browser_test.mjs --ticketd PATH [--screenshots DIR]');
  process.exit(2);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error('browser test: playwright-core is missing; run `npm ci` in tests/kiosk first');
  process.exit(1);
}
const screenshotDir = args.screenshots || '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-kiosk-'));
const STEP_MS = 20000;  // every wait in a step is bounded by this

let failures = 0;
function check(cond, what) {
  if (cond) {
    console.log(`  ok    ${what}`);
  } else {
    failures += 1;
    console.log(`  FAIL  ${what}`);
  }
}
function checkEq(actual, expected, what) {
  check(actual === expected, `${what} (got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)})`);
}

// --- a fake ESC/POS printer on loopback ----------------------------------------------------------
function startFakePrinter() {
  const jobs = [];
  const waiters = [];
  const server = net.createServer((sock) => {
    const chunks = [];
    let answered = false;
    sock.on('data', (d) => {
      chunks.push(d);
      // DLE EOT 4 (paper sensor): answer "paper present".
      if (!answered && Buffer.concat(chunks).includes(Buffer.from([0x10, 0x04, 0x04]))) {
        answered = true;
        sock.write(Buffer.from([0x12]));
      }
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const job = Buffer.concat(chunks);
      if (job.includes(Buffer.from([0x1d, 0x76, 0x30]))) {
        const w = waiters.shift();
        if (w) w(job); else jobs.push(job);
      }
    };
    sock.on('end', () => { finish(); sock.end(); });
    sock.on('close', finish);
    sock.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    pending: () => jobs.length,
    nextJob: (ms = STEP_MS) => new Promise((res, rej) => {
      if (jobs.length) return res(jobs.shift());
      const t = setTimeout(() => rej(new Error('no print job arrived')), ms);
      waiters.push((j) => { clearTimeout(t); res(j); });
    }),
    close: () => server.close(),
  })));
}

// Reads the GS v 0 bands of an ESC/POS job back into one PBM (P4) image: the raster rows of
// GS v 0 are already PBM rows (MSB = leftmost dot, 1 = black, rows padded to whole bytes).
function rasterToPbm(job) {
  let i = 0;
  let width = 0;
  const rows = [];
  while (i < job.length) {
    if (job[i] === 0x1b && job[i + 1] === 0x40) i += 2;                       // ESC @
    else if (job[i] === 0x10 && job[i + 1] === 0x04) i += 3;                  // DLE EOT n
    else if (job[i] === 0x1b && job[i + 1] === 0x64) i += 3;                  // ESC d n
    else if (job[i] === 0x1d && job[i + 1] === 0x56) i += job[i + 2] === 65 || job[i + 2] === 66 ? 4 : 3;  // GS V
    else if (job[i] === 0x1d && job[i + 1] === 0x76 && job[i + 2] === 0x30) { // GS v 0 m xL xH yL yH
      const xBytes = job[i + 4] | (job[i + 5] << 8);
      const y = job[i + 6] | (job[i + 7] << 8);
      width = xBytes * 8;
      rows.push(job.subarray(i + 8, i + 8 + xBytes * y));
      i += 8 + xBytes * y;
    } else throw new Error(`unknown ESC/POS byte 0x${job[i].toString(16)} at ${i}`);
  }
  const data = Buffer.concat(rows);
  const height = width ? data.length / (width / 8) : 0;
  return { width, height, pbm: Buffer.concat([Buffer.from(`P4\n${width} ${height}\n`), data]) };
}

function decodeQr(job) {
  const { pbm } = rasterToPbm(job);
  const file = path.join(tmp, `ticket-${Date.now()}.pbm`);
  fs.writeFileSync(file, pbm);
  return execFileSync('zbarimg', ['--quiet', '--raw', file], { timeout: 30000, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
}

// --- ticketd -----------------------------------------------------------------------------------
// kinh-doanh stops issuing at the first whole minute (office time, UTC+7) at least 50 s from
// now: the test is done with everything else by then, and no event announces the change.
const KINH_DOANH_CLOSES_MS = Math.ceil((Date.now() + 50000) / 60000) * 60000;
function officeClock(ms) {
  const m = Math.floor(ms / 60000 + 7 * 60) % (24 * 60);
  return m === 0 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
const DISPLAY_KEY = 'test-display-key-1';
function officeToml(printerPort, deadPort) {
  const localHour = (new Date().getUTCHours() + 7) % 24;
  const [opens, closes] = localHour < 12 ? ['22:00', '23:00'] : ['01:00', '02:00'];
  return `office_name = "Bộ phận Một cửa UBND phường Thử Nghiệm"
timezone = "Asia/Ho_Chi_Minh"

[[services]]
code = "ho-tich"
name = "Tư pháp – Hộ tịch"
first_number = 1001
last_number = 1999

[[services]]
code = "chung-thuc"
name = "Chứng thực"
first_number = 2001
last_number = 2999

[[services]]
code = "dat-dai"
name = "Đất đai – Xây dựng"
first_number = 3001
last_number = 3999
opens_at = "${opens}"
closes_at = "${closes}"

[[services]]
code = "ldtbxh"
name = "Lao động – Thương binh và Xã hội"
first_number = 4001
last_number = 4999

[[services]]
code = "kinh-doanh"
name = "Đăng ký kinh doanh"
first_number = 5001
last_number = 5999
closes_at = "${officeClock(KINH_DOANH_CLOSES_MS)}"

[[services]]
code = "tra-ket-qua"
name = "Trả kết quả"
first_number = 6001
last_number = 6999

[[counters]]
number = 1
services = ["ho-tich", "chung-thuc"]

[[counters]]
number = 2
services = ["dat-dai", "ldtbxh", "kinh-doanh", "tra-ket-qua"]

[[officers]]
username = "canbo1"
display_name = "Nguyễn Thị Lan"
password = "demo1234"

[[devices]]
id = "kiosk-1"
kind = "kiosk"
key = "test-kiosk-key-1"
printer = "127.0.0.1:${printerPort}"

[[devices]]
id = "kiosk-2"
kind = "kiosk"
key = "test-kiosk-key-2"
printer = "127.0.0.1:${deadPort}"

[[devices]]
id = "kiosk-3"
kind = "kiosk"
key = "test-kiosk-key-3"

[[devices]]
id = "display-1"
kind = "display"
key = "${DISPLAY_KEY}"
`;
}

async function unusedPort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const ticketd = new TicketdProcess(args.ticketd, tmp, STEP_MS);

async function api(base, method, url, body, headers = {}) {
  const r = await fetch(base + url, {
    method, headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(STEP_MS),
  });
  const text = await r.text();
  return { status: r.status, data: text ? JSON.parse(text) : null };
}
// The seconds the result screen's countdown shows ("Màn hình tự quay lại sau N giây").
async function countdownSeconds(page) {
  const text = await page.locator('#result-countdown').textContent();
  const m = /sau (\d+) giây/.exec(text);
  return m ? Number(m[1]) : NaN;
}

async function issuedTotal(base) {
  const r = await api(base, 'GET', '/api/services');
  return r.data.services.reduce((n, s) => n + s.issued_today, 0);
}

// --- the tests -----------------------------------------------------------------------------------
const CCCD = '001089012345|123456789|Nguyễn Văn An|01011950|Nam|Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021';

async function main() {
  const printer = await startFakePrinter();
  const config = path.join(tmp, 'office.toml');
  const db = path.join(tmp, 'motcua.db');
  fs.writeFileSync(config, officeToml(printer.port, await unusedPort()));
  let port = await ticketd.start(config, db);
  let base = `http://127.0.0.1:${port}`;

  const profile = path.join(tmp, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1080, height: 1920 },
  });
  context.setDefaultTimeout(STEP_MS);
  try {
    // 1. Take a number on the kiosk (portrait), with a CCCD scan, a phone and a priority group.
    console.log('kiosk: take a number');
    const kiosk = context.pages()[0] || await context.newPage();
    await kiosk.goto(`${base}/kiosk?key=test-kiosk-key-1`);
    await kiosk.waitForSelector('button.service[data-service="ho-tich"]:not([disabled])');
    checkEq(await kiosk.locator('#office-name').textContent(), 'Bộ phận Một cửa UBND phường Thử Nghiệm', 'office name');
    checkEq(await kiosk.locator('button.service').count(), 6, 'one button per service');
    const closed = kiosk.locator('button.service[data-service="dat-dai"]');
    check(await closed.isDisabled(), 'a service outside its hours is disabled');
    check((await closed.textContent()).includes('Ngoài giờ tiếp nhận'), 'and says it is closed');
    check((await kiosk.locator('button.service[data-service="ho-tich"]').textContent()).includes('Đang chờ: 0 người'),
      'the waiting count is shown');
    check((await kiosk.locator('button.service[data-service="ho-tich"] .service-wait').textContent()) === 'Chưa có quầy tiếp nhận',
      'before any officer signs in, no "Không phải chờ": the kiosk says no counter serves it yet');
    if (screenshotDir) await kiosk.screenshot({ path: path.join(screenshotDir, 'kiosk-portrait.png') });

    await kiosk.keyboard.type(CCCD, { delay: 2 });
    await kiosk.keyboard.press('Enter');
    await kiosk.waitForFunction(() => document.getElementById('cccd-state').textContent.includes('Đã nhận thông tin CCCD'));
    check(!(await kiosk.content()).includes('Nguyễn Văn An'), 'the scanned name is not shown on the kiosk');
    await kiosk.click('#priority-button');
    const groups = kiosk.locator('#priority-groups button');
    check(await groups.count() >= 5, 'the priority groups are listed');
    const groupName = (await groups.first().textContent()).trim();
    await groups.first().click();
    check((await kiosk.locator('#priority-state').textContent()).includes(groupName), 'the chosen group is shown');
    await kiosk.click('#phone-button');
    for (const d of '0912345678') await kiosk.click(`#keypad button:text-is("${d}")`);
    await kiosk.click('#phone-done');
    check((await kiosk.locator('#phone-state').textContent()).includes('091•••••78'), 'the phone is shown masked');

    // Live count: another kiosk's ticket appears on this one over /ws.
    await api(base, 'POST', '/api/tickets', { service: 'kinh-doanh' }, { 'X-Device-Key': 'test-kiosk-key-3' });
    await kiosk.waitForFunction(() =>
      document.querySelector('button.service[data-service="kinh-doanh"]').textContent.includes('Đang chờ: 1 người'));
    check(true, 'the waiting count updates live');

    await kiosk.click('button.service[data-service="ho-tich"]');
    await kiosk.waitForSelector('#screen-result:not([hidden])');
    const number = (await kiosk.locator('#result-number').textContent()).trim();
    checkEq(number, '1001', 'the new number');
    checkEq((await kiosk.locator('#result-service').textContent()).trim(), 'Tư pháp – Hộ tịch', 'its service');
    check((await kiosk.locator('#result-ahead').textContent()).includes('người tiếp theo'), 'the people-ahead line');
    checkEq(await kiosk.locator('#result-wait').textContent(),
      'Hiện chưa có quầy nào đang tiếp nhận. Số của ông/bà vẫn được giữ chỗ và sẽ được gọi khi quầy làm việc.',
      'no counter open: no wait promised, the number is kept');
    check(await kiosk.locator('#result-print.ok').count() === 1, 'the kiosk says the ticket printed');
    check(await kiosk.locator('#result-qr').isHidden(), 'with paper, no QR on screen');
    const withPaper = await countdownSeconds(kiosk);
    check(withPaper >= 8 && withPaper <= 10, `with paper, the screen goes back after 10 s (${withPaper} left)`);
    check(!(await kiosk.locator('#result-priority').isHidden()), 'the priority is shown');
    if (screenshotDir) await kiosk.screenshot({ path: path.join(screenshotDir, 'kiosk-ticket.png') });

    // 2. The paper: its QR opens the "my ticket" page.
    console.log('printer: the QR of the paper ticket');
    const job = await printer.nextJob();
    const url = decodeQr(job);
    check(url.startsWith(`${base}/t/`), `the QR links to this ticketd's ticket page (${url})`);
    const t1 = (await api(base, 'GET', '/api/tickets/by-code/' + url.split('/t/')[1])).data;
    checkEq(t1.number, number, 'the QR is this ticket');
    check(t1.priority === true, 'the ticket is a priority one');

    console.log('my ticket: live, then called');
    const t2 = (await api(base, 'POST', '/api/tickets', { service: 'ho-tich' }, { 'X-Device-Key': 'test-kiosk-key-3' })).data;
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url);
    await phone.waitForSelector('#ticket:not([hidden])');
    checkEq((await phone.locator('#number').textContent()).trim(), number, 'my ticket: number');
    checkEq((await phone.locator('#service').textContent()).trim(), 'Tư pháp – Hộ tịch', 'my ticket: service');
    checkEq(await phone.locator('#state').getAttribute('data-state'), 'waiting', 'my ticket: state');
    const html = await phone.content();
    check(!html.includes('Nguyễn Văn An') && !html.includes('001089012345') && !html.includes('0912345678'),
      'my ticket: no personal data');
    await phone.click('#sound');
    const phone2 = await context.newPage();
    await phone2.setViewportSize({ width: 390, height: 844 });
    await phone2.goto(`${base}/t/${t2.code}`);
    await phone2.waitForFunction(() => document.getElementById('ahead').textContent === '1');
    checkEq(await phone2.locator('#wait').textContent(), 'Chưa có quầy tiếp nhận', 'my ticket: no counter open yet, no wait promised');

    const login = await api(base, 'POST', '/api/login', { username: 'canbo1', password: 'demo1234', counter: 1 });
    checkEq(login.status, 200, 'canbo1 signs in at counter 1');
    // The counter opening reaches the pages live: a wait is estimated again.
    await phone2.waitForFunction(() => document.getElementById('wait').textContent.startsWith('khoảng'));
    check((await phone2.locator('#ahead-line').textContent()).includes('Có 1 người đang chờ trước ông/bà'),
      'a second ticket has one person ahead, and an estimate once counter 1 opens');
    await kiosk.waitForFunction(() =>
      document.querySelector('button.service[data-service="ho-tich"] .service-wait').textContent.startsWith('Chờ khoảng'));
    check(true, 'the kiosk\'s button shows the estimate once a counter serves it');
    const called = await api(base, 'POST', '/api/counters/1/call-next', {}, { Authorization: 'Bearer ' + login.data.token });
    checkEq(called.status, 200, 'call-next');
    checkEq(called.data.ticket.number, number, 'the priority ticket is called first');
    await phone.waitForSelector('#call:not([hidden])');
    checkEq((await phone.locator('#call').textContent()).replace(/\u00a0/g, ' ').trim(), 'Mời ông/bà đến quầy số 1', 'my ticket shows the counter');
    // "Khách chờ, được xin lỗi": past the office's apology wait, the page apologises. The
    // office says how long that is; a short wait is owed nothing.
    const office = await api(base, 'GET', '/api/office');
    checkEq(office.data.apology_wait_min, 45, 'the office gives its apology wait');
    const sorry = await phone.evaluate(() => [
      Motcua.apologyLine({ issued_at: 1000, called_at: 1000 + 46 * 60000 }, 45),
      Motcua.apologyLine({ issued_at: 1000, called_at: 1000 + 45 * 60000 }, 45),
      Motcua.apologyLine({ issued_at: 1000, called_at: null }, 45)]);
    checkEq(JSON.stringify(sorry), JSON.stringify(['Xin lỗi ông/bà vì đã phải chờ lâu.', '', '']),
      'an apology after 45 minutes, none at 45 or before the call');
    await phone.waitForFunction(() => document.body.dataset.chimes === '1');
    check(true, 'and plays the chime once');
    await phone2.waitForFunction(() => document.getElementById('ahead').textContent === '0');
    check((await phone2.locator('#ahead-line').textContent()).includes('người tiếp theo'), 'the other page moves up live');
    check(await phone2.locator('#sound').isVisible() && await phone2.locator('#keep-open').isVisible(),
      'while waiting, the page offers the sound and asks to be kept open');
    const cancelled = await api(base, 'POST', `/api/tickets/${t2.id}/cancel`, {}, { 'X-Device-Key': 'test-kiosk-key-3' });
    checkEq(cancelled.status, 200, 'the second ticket is cancelled');
    await phone2.waitForSelector('#state[data-state="cancelled"]');
    checkEq((await phone2.locator('#call').textContent()).trim(),
      'Số này đã được hủy. Nếu ông/bà vẫn cần giải quyết hồ sơ, vui lòng lấy số mới tại máy lấy số.',
      'a cancelled ticket says so and what to do');
    check(!(await phone2.locator('#sound').isVisible()) && !(await phone2.locator('#keep-open').isVisible()),
      'and no longer offers the sound or asks to be kept open');
    if (screenshotDir) await phone.screenshot({ path: path.join(screenshotDir, 'kiosk-my-ticket.png') });
    await phone.close();
    await phone2.close();

    // 3. A double tap gives one ticket.
    console.log('kiosk: double tap');
    await kiosk.click('#result-done');
    await kiosk.waitForSelector('#screen-home:not([hidden])');
    const posts = [];
    kiosk.on('request', (r) => { if (r.url().endsWith('/api/tickets') && r.method() === 'POST') posts.push(r.postDataJSON()); });
    let before = await issuedTotal(base);
    await kiosk.locator('button.service[data-service="chung-thuc"]').dblclick();
    await kiosk.waitForSelector('#screen-result:not([hidden])');
    checkEq(await issuedTotal(base), before + 1, 'a double tap issues one ticket');
    checkEq(posts.length, 1, 'and sends one request');
    await printer.nextJob();

    // 4. No answer (the reply is lost after ticketd committed): the retry reuses the key.
    console.log('kiosk: a lost reply is retried with the same idempotency key');
    await kiosk.click('#result-done');
    posts.length = 0;
    let first = null;
    await kiosk.route('**/api/tickets', async (route) => {
      if (!first) {
        first = await route.fetch();  // ticketd issues and prints the ticket…
        await route.abort('timedout');  // …but the kiosk never hears back
      } else {
        await route.continue();
      }
    });
    before = await issuedTotal(base);
    await kiosk.click('button.service[data-service="chung-thuc"]');
    await kiosk.waitForSelector('#screen-result:not([hidden])');
    await kiosk.unroute('**/api/tickets');
    const firstTicket = await first.json();
    checkEq(posts.length, 2, 'the kiosk retried');
    checkEq(posts[1].idempotency_key, posts[0].idempotency_key, 'with the same idempotency key');
    checkEq((await kiosk.locator('#result-number').textContent()).trim(), firstTicket.number, 'and shows the ticket issued first');
    checkEq(await issuedTotal(base), before + 1, 'one ticket, not two');
    await printer.nextJob();
    checkEq(printer.pending(), 0, 'one paper ticket, not two');

    // 5. Printer down (landscape kiosk): the ticket exists and is shown, the kiosk says why.
    console.log('kiosk: printer down, landscape');
    const kiosk2 = await context.newPage();
    await kiosk2.setViewportSize({ width: 1920, height: 1080 });
    await kiosk2.goto(`${base}/kiosk?key=test-kiosk-key-2`);
    await kiosk2.waitForSelector('button.service[data-service="ho-tich"]:not([disabled])');
    await kiosk2.waitForFunction(() => document.body.dataset.online === '1');
    if (screenshotDir) await kiosk2.screenshot({ path: path.join(screenshotDir, 'kiosk-landscape.png') });
    await kiosk2.click('button.service[data-service="ldtbxh"]');
    await kiosk2.waitForSelector('#screen-result:not([hidden])');
    checkEq((await kiosk2.locator('#result-number').textContent()).trim(), '4001', 'the ticket is on screen');
    checkEq(await kiosk2.locator('#result-print').getAttribute('data-print-error'), 'printer_unreachable', 'the printer error');
    check((await kiosk2.locator('#result-print').textContent()).includes('Máy in'), 'is said in Vietnamese');
    const noPaper = await countdownSeconds(kiosk2);
    check(noPaper >= 43 && noPaper <= 45, `without paper, the number stays 45 s for the citizen to note or scan (${noPaper} left)`);
    const id = await kiosk2.locator('#screen-result').getAttribute('data-ticket-id');
    checkEq((await api(base, 'GET', `/api/tickets/${id}`)).data.state, 'waiting', 'and the ticket is in line');
    // No paper: the ticket's QR is on screen instead, and a phone's camera reads it.
    await kiosk2.waitForSelector('#result-qr:not([hidden])');
    await kiosk2.waitForFunction(() => {
      const img = document.getElementById('result-qr-image');
      return img.complete && img.naturalWidth > 0;
    });
    const qrShot = path.join(tmp, 'screen-qr.png');
    await kiosk2.locator('#result-qr-image').screenshot({ path: qrShot });
    const screenUrl = execFileSync('zbarimg', ['--quiet', '--raw', qrShot], { timeout: 30000, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim();
    check(screenUrl.startsWith(`${base}/t/`), `the on-screen QR links to the ticket page (${screenUrl})`);
    const onScreen = (await api(base, 'GET', '/api/tickets/by-code/' + screenUrl.split('/t/')[1])).data;
    checkEq(String(onScreen.id), id, 'the on-screen QR is this ticket');
    check((await kiosk2.locator('#result-qr figcaption').textContent()).includes('điện thoại'), 'and says what it is for');
    if (screenshotDir) await kiosk2.screenshot({ path: path.join(screenshotDir, 'kiosk-printer-error.png') });
    await kiosk2.click('#result-done');

    // 6. ticketd down: a clear message, no number; back up, "Thử lại" issues exactly one.
    console.log('kiosk: ticketd down');
    before = await issuedTotal(base);
    ticketd.kill();
    await ticketd.exited();
    await kiosk2.waitForFunction(() => document.body.dataset.online === '0');
    check(!(await kiosk2.locator('#banner').isHidden()), 'the connection banner shows');
    await kiosk2.click('button.service[data-service="ho-tich"]');
    await kiosk2.waitForSelector('#screen-error:not([hidden])');
    checkEq((await kiosk2.locator('#error-title').textContent()).trim(), 'Không kết nối được máy chủ cấp số', 'a clear error');
    check((await kiosk2.locator('#error-message').textContent()).includes('Chưa có số nào được cấp'), 'that says no number was issued');
    check(await kiosk2.locator('#screen-result').isHidden(), 'no ticket is shown');
    check(await kiosk2.locator('#error-retry').isVisible(), 'a retry button');
    if (screenshotDir) await kiosk2.screenshot({ path: path.join(screenshotDir, 'kiosk-offline.png') });
    port = await ticketd.start(config, db, port);
    base = `http://127.0.0.1:${port}`;
    checkEq(await issuedTotal(base), before, 'nothing was issued while ticketd was down');
    await kiosk2.click('#error-retry');
    await kiosk2.waitForSelector('#screen-result:not([hidden])');
    checkEq((await kiosk2.locator('#result-number').textContent()).trim(), '1003', 'the retry issues the next number');
    checkEq(await issuedTotal(base), before + 1, 'exactly one');

    // 7. A kiosk set up with a mistyped key says so at once, to whoever set it up.
    console.log('kiosk: wrong device key');
    const bad = await context.newPage();
    await bad.goto(`${base}/kiosk?key=wrong-key`);
    await bad.waitForSelector('#screen-setup:not([hidden])');
    checkEq((await bad.locator('#setup-title').textContent()).trim(), 'Khóa thiết bị của máy lấy số không đúng',
      'a wrong key is named on the screen before any citizen comes');
    check((await bad.locator('#setup-message').textContent()).startsWith('Khóa thiết bị không đúng'),
      'with the server\'s reason and the way to fix it');
    checkEq(await bad.locator('#screen-home').isHidden(), true, 'and no service buttons to press');
    // A key of another kind of device (the hall display's) is a known key: the page loads,
    // and the refusal comes when a citizen asks for a number.
    const other = await context.newPage();
    await other.goto(`${base}/kiosk?key=${DISPLAY_KEY}`);
    await other.waitForSelector('button.service[data-service="ho-tich"]');
    await other.click('button.service[data-service="ho-tich"]');
    await other.waitForSelector('#screen-error:not([hidden])');
    checkEq((await other.locator('#error-title').textContent()).trim(), 'Máy lấy số đang tạm ngừng', 'a wrong kind of key is refused clearly');
    checkEq((await other.locator('#error-message').textContent()).trim(),
      'Vui lòng liên hệ cán bộ hướng dẫn tại sảnh để được cấp số.', 'with a next step a citizen can take, not the server\'s words');
    checkEq(await issuedTotal(base), before + 1, 'and issues nothing');
    await other.close();

    // 8. A service's closing hour passes with the page open and nothing else happening: no
    // event says so, the kiosk reads the services again by itself.
    console.log('kiosk: a closing hour passes');
    const hall = await context.newPage();
    await hall.goto(`${base}/kiosk?key=test-kiosk-key-1`);
    const kd = hall.locator('button.service[data-service="kinh-doanh"]');
    await hall.waitForSelector('button.service[data-service="kinh-doanh"]');
    check(Date.now() < KINH_DOANH_CLOSES_MS - 2000 && !(await kd.isDisabled()),
      'kinh-doanh is open on the page before its closing minute (the steps above took under 50 s)');
    await hall.waitForSelector('button.service[data-service="kinh-doanh"][disabled]',
      { timeout: Math.max(0, KINH_DOANH_CLOSES_MS - Date.now()) + 25000 });
    check((await kd.textContent()).includes('Ngoài giờ tiếp nhận'), 'after it, the button is off and says why');
  } finally {
    await context.close();
    ticketd.kill();
    printer.close();
  }
}

runBrowserTest('kiosk browser test', main, { ticketd, dir: tmp, limitMs: 240000, failures: () => failures });
