// The kiosk: one tap on a service takes a number (POST /api/tickets with the device key).
// Every request carries an idempotency key that a retry reuses, so one citizen gets one ticket.
'use strict';

(() => {
  const { el, waitText, aheadLine, requestJson, RequestError, LiveSocket, NO_COUNTER_SHORT, NO_COUNTER_LINE } = Motcua;
  const $ = (id) => document.getElementById(id);

  const KEY_STORAGE = 'motcua.kiosk.key';
  const REQUEST_TIMEOUT_MS = 12000;  // ticketd answers after the printer did, which is bounded (~7 s)
  const AUTO_ATTEMPTS = 2;           // automatic tries before asking the citizen
  const RESULT_SECONDS = 10;
  // Without a paper ticket the citizen must write the number down or scan the QR with a
  // phone (unlock, open the camera, aim): 20 s was too short for many. "Xong" ends it sooner.
  const RESULT_SECONDS_NO_PAPER = 45;
  const IDLE_RESET_MS = 60000;       // choices left on the start screen are cleared after this
  const SERVICES_REFRESH_MS = 15000; // opening and closing hours pass without an event

  // --- the device key: ?key= once, then remembered ---------------------------------------
  const params = new URLSearchParams(location.search);
  let deviceKey = params.get('key') || '';
  try {
    if (deviceKey) localStorage.setItem(KEY_STORAGE, deviceKey);
    else deviceKey = localStorage.getItem(KEY_STORAGE) || '';
  } catch (e) { /* storage may be disabled; the URL key still works */ }

  const state = {
    office: null,
    services: new Map(),   // code -> service status
    order: [],             // codes in office order
    groups: [],
    priorityGroup: '',     // code, '' = normal ticket
    phone: '',
    cccd: '',
    attempt: null,         // {body} of the ticket being asked for; its key survives retries
    busy: false,
    resultTimer: null,
    idleTimer: null,
    online: false,
  };

  // --- screens ------------------------------------------------------------------------------
  const screens = ['home', 'priority', 'phone', 'issuing', 'result', 'error', 'setup'];
  function show(name) {
    for (const s of screens) $('screen-' + s).hidden = s !== name;
    document.body.dataset.screen = name;
  }

  function banner(text) {
    const b = $('banner');
    b.textContent = text || '';
    b.hidden = !text;
  }

  // --- clock ----------------------------------------------------------------------------------
  function tickClock() {
    const offset = state.office ? state.office.utc_offset_minutes : 420;
    const local = new Date(Date.now() + offset * 60000);
    const two = (n) => String(n).padStart(2, '0');
    $('clock').textContent = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
    $('date').textContent = `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  }

  // --- services -------------------------------------------------------------------------------
  function closedText(status) {
    if (status === 'outside_hours') return 'Ngoài giờ tiếp nhận';
    if (status === 'full') return 'Đã hết số hôm nay';
    return 'Tạm ngừng cấp số';
  }

  function renderServices() {
    const box = $('services');
    box.textContent = '';
    for (const code of state.order) {
      const s = state.services.get(code);
      if (!s) continue;
      const open = s.status === 'open';
      const b = el('button', 'service' + (open ? '' : ' closed'));
      b.type = 'button';
      b.dataset.service = code;
      b.disabled = !open;
      b.appendChild(el('span', 'service-name', s.name));
      if (open) {
        const meta = el('span', 'service-meta');
        meta.appendChild(el('span', 'service-waiting', `Đang chờ: ${s.waiting} người`));
        const wait = s.open_counters === 0 ? NO_COUNTER_SHORT
          : s.waiting > 0 ? `Chờ ${waitText(s.estimated_wait_s)}` : 'Không phải chờ';
        meta.appendChild(el('span', 'service-wait', wait));
        b.appendChild(meta);
      } else {
        b.appendChild(el('span', 'service-closed', closedText(s.status)));
      }
      b.addEventListener('click', () => takeNumber(code));
      box.appendChild(b);
    }
    box.dataset.count = String(box.children.length);
  }

  // `seq`: the event seq the list was read at; an older read never overwrites a newer one.
  function mergeServices(list, seq) {
    if (!Array.isArray(list)) return;
    if (Number.isInteger(seq)) {
      if (seq < (state.servicesSeq || 0)) return;
      state.servicesSeq = seq;
    }
    for (const s of list) state.services.set(s.code, s);
    if (!state.order.length) state.order = list.map((s) => s.code);
    renderServices();
  }

  // --- options: priority, phone, CCCD ---------------------------------------------------------
  function groupName(code) {
    const g = state.groups.find((x) => x.code === code);
    return g ? g.name : '';
  }

  function renderOptions() {
    $('priority-button').classList.toggle('chosen', !!state.priorityGroup);
    $('priority-state').textContent = state.priorityGroup ? '✓ ' + groupName(state.priorityGroup) : 'Người từ 80 tuổi, người khuyết tật, phụ nữ mang thai…';
    $('phone-button').classList.toggle('chosen', !!state.phone);
    // Masked: the kiosk screen is in a public hall.
    $('phone-state').textContent = state.phone ? '✓ ' + state.phone.slice(0, 3) + '•••••' + state.phone.slice(-2) : 'Chạm để nhập';
    $('cccd-box').classList.toggle('chosen', !!state.cccd);
    $('cccd-state').textContent = state.cccd ? '✓ Đã nhận thông tin CCCD' : 'Đưa mã QR trên thẻ căn cước (CCCD) vào máy quét';
    armIdleReset();
  }

  function clearChoices() {
    state.priorityGroup = '';
    state.phone = '';
    state.cccd = '';
    renderOptions();
  }

  function armIdleReset() {
    clearTimeout(state.idleTimer);
    if (state.priorityGroup || state.phone || state.cccd)
      state.idleTimer = setTimeout(() => { if (!state.busy) { clearChoices(); show('home'); } }, IDLE_RESET_MS);
  }

  function renderGroups() {
    const box = $('priority-groups');
    box.textContent = '';
    for (const g of state.groups) {
      const b = el('button', 'choice' + (g.code === state.priorityGroup ? ' chosen' : ''), g.name);
      b.type = 'button';
      b.dataset.group = g.code;
      b.addEventListener('click', () => { state.priorityGroup = g.code; renderOptions(); show('home'); });
      box.appendChild(b);
    }
  }

  // The phone keypad.
  let phoneDraft = '';
  function renderPhone() {
    $('phone-display').textContent = phoneDraft || '\u00a0';
  }
  function buildKeypad() {
    const pad = $('keypad');
    for (const k of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'Xóa']) {
      const b = el('button', 'key' + (k.length > 1 || k === '⌫' ? ' key-fn' : ''), k);
      b.type = 'button';
      b.addEventListener('click', () => {
        $('phone-error').hidden = true;
        if (k === '⌫') phoneDraft = phoneDraft.slice(0, -1);
        else if (k === 'Xóa') phoneDraft = '';
        else if (phoneDraft.length < 11) phoneDraft += k;
        renderPhone();
      });
      pad.appendChild(b);
    }
  }
  function phoneError(text) {
    $('phone-error').textContent = text;
    $('phone-error').hidden = false;
  }

  // CCCD: a USB scanner "types" the QR text and Enter. Typing is collected anywhere on the page.
  // Fields: ID number|old ID|full name|date of birth|sex|address|issue date.
  function validCccd(text) {
    const f = text.split('|');
    if (f.length !== 7) return false;
    if (!/^\d{12}$/.test(f[0])) return false;
    if (f[1] && !/^\d{9}$/.test(f[1])) return false;
    if (!f[2].trim()) return false;
    if (!/^\d{8}$/.test(f[3])) return false;
    if (f[6] && !/^\d{8}$/.test(f[6])) return false;
    return true;
  }
  let scan = '';
  let scanAt = 0;
  let scanTimer = null;
  function finishScan() {
    clearTimeout(scanTimer);
    const text = scan.trim().normalize('NFC');
    scan = '';
    if (!text.includes('|')) return;  // stray keys, not a card
    if (validCccd(text)) {
      state.cccd = text;
      $('cccd-box').classList.remove('bad');
    } else {
      state.cccd = '';
      $('cccd-box').classList.add('bad');
      renderOptions();
      $('cccd-state').textContent = 'Không đọc được mã CCCD, vui lòng quét lại';
      return;
    }
    renderOptions();
  }
  document.addEventListener('keydown', (e) => {
    if (document.body.dataset.screen !== 'home') return;
    const now = Date.now();
    if (now - scanAt > 1000) scan = '';  // a scanner types far faster than this
    scanAt = now;
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      finishScan();
      return;
    }
    if (e.key.length === 1) {
      scan += e.key;
      // Some scanners send no Enter: finish once the typing stops.
      clearTimeout(scanTimer);
      scanTimer = setTimeout(finishScan, 400);
    }
  });

  // --- taking a number ------------------------------------------------------------------------
  function newIdempotencyKey() {
    const bytes = new Uint8Array(9);
    crypto.getRandomValues(bytes);
    const rand = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `kiosk-${Date.now().toString(36)}-${rand}`;
  }

  function takeNumber(service) {
    if (state.busy) return;  // a double tap sends nothing more
    const body = { service, priority: !!state.priorityGroup, idempotency_key: newIdempotencyKey() };
    if (state.priorityGroup) body.priority_group = state.priorityGroup;
    const identity = {};
    if (state.cccd) identity.cccd = state.cccd;
    if (state.phone) identity.phone = state.phone;
    if (Object.keys(identity).length) body.identity = identity;
    state.attempt = { body };
    submit();
  }

  async function submit() {
    if (!state.attempt || state.busy) return;
    state.busy = true;
    show('issuing');
    let answer = null;
    let lastError = null;
    for (let i = 0; i < AUTO_ATTEMPTS && !answer; ++i) {
      try {
        // The same body, so the same idempotency key: ticketd replays instead of issuing twice.
        answer = await requestJson('/api/tickets', {
          method: 'POST',
          headers: { 'X-Device-Key': deviceKey },
          body: state.attempt.body,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
      } catch (e) {
        lastError = e;
        if (i + 1 < AUTO_ATTEMPTS) await new Promise((r) => setTimeout(r, 1000));
      }
    }
    state.busy = false;
    if (!answer) {
      showError('Không kết nối được máy chủ cấp số',
        (lastError && lastError.kind === 'timeout' ? 'Máy chủ không trả lời. ' : 'Mất kết nối tới máy chủ. ') +
        'Chưa có số nào được cấp cho ông/bà. Vui lòng chạm "Thử lại" hoặc liên hệ cán bộ hướng dẫn.', true);
      return;
    }
    if (answer.status === 200 || answer.status === 201) {
      state.attempt = null;
      showTicket(answer.data);
      return;
    }
    const data = answer.data || {};
    // 5xx changed nothing, so "Thử lại" may reuse the same key; a refusal ends this attempt.
    if (answer.status < 500) state.attempt = null;
    if (answer.status === 401 || answer.status === 403) {
      // The server's reason is for IT (the log has it); the citizen needs the next step.
      showError('Máy lấy số đang tạm ngừng', 'Vui lòng liên hệ cán bộ hướng dẫn tại sảnh để được cấp số.', false);
    } else if (data.error === 'service_closed' || data.error === 'service_full') {
      showError(data.error === 'service_full' ? 'Lĩnh vực này đã hết số trong ngày' : 'Lĩnh vực này đang ngoài giờ tiếp nhận',
        data.message || '', false);
      refreshServices();  // so the next citizen sees that button off
    } else if (data.error === 'invalid_identity') {
      state.cccd = '';
      state.phone = '';
      renderOptions();
      showError('Không đọc được thông tin trên thẻ',
        'Ông/bà vẫn có thể lấy số mà không cần thông tin này: chạm "Quay lại" rồi chọn lại lĩnh vực.', false);
    } else {
      const retry = answer.status >= 500 && state.attempt;
      showError('Không cấp được số',
        'Chưa có số nào được cấp cho ông/bà. Vui lòng chạm ' + (retry ? '"Thử lại"' : '"Quay lại" để lấy số lại') +
        ' hoặc liên hệ cán bộ hướng dẫn tại sảnh.', answer.status >= 500);
    }
  }

  function showError(title, message, canRetry) {
    $('error-title').textContent = title;
    $('error-message').textContent = message;
    $('error-retry').hidden = !(canRetry && state.attempt);
    show('error');
  }

  function showTicket(t) {
    $('result-number').textContent = t.number;
    $('result-service').textContent = t.service_name;
    const pr = $('result-priority');
    pr.hidden = !t.priority;
    pr.textContent = t.priority ? '★ Ưu tiên' + (groupName(t.priority_group) ? ': ' + groupName(t.priority_group) : '') : '';
    $('result-ahead').textContent = aheadLine(t.position);
    $('result-wait').textContent = t.open_counters === 0 ? NO_COUNTER_LINE
      : 'Thời gian chờ dự kiến: ' + waitText(t.estimated_wait_s);
    const printBox = $('result-print');
    printBox.className = 'result-print';
    let seconds = RESULT_SECONDS;
    // No paper ticket: the same QR on screen, for the citizen's phone.
    const qr = $('result-qr');
    qr.hidden = true;
    $('screen-result').classList.remove('with-qr');
    $('result-qr-image').removeAttribute('src');
    if (t.print && t.print.ok === false) {
      printBox.classList.add('warn');
      printBox.dataset.printError = t.print.error || 'printer_error';
      printBox.textContent = '⚠ ' + (t.print.message || 'Máy in đang gặp sự cố.');
      seconds = RESULT_SECONDS_NO_PAPER;
      if (t.code) {
        $('result-qr-image').src = '/t/' + encodeURIComponent(t.code) + '/qr.svg';
        qr.hidden = false;
        $('screen-result').classList.add('with-qr');
      }
    } else if (t.print && t.print.ok) {
      printBox.classList.add('ok');
      printBox.dataset.printError = '';
      printBox.textContent = 'Mời ông/bà nhận phiếu bên dưới. Quét mã QR trên phiếu để theo dõi lượt trên điện thoại.';
    } else {
      printBox.dataset.printError = '';
      printBox.textContent = 'Vui lòng ghi nhớ số thứ tự và theo dõi bảng hiển thị.';
    }
    $('screen-result').dataset.ticketId = String(t.id);
    clearChoices();
    show('result');
    clearInterval(state.resultTimer);
    const countdown = () => {
      $('result-countdown').textContent = `Màn hình tự quay lại sau ${seconds} giây`;
      if (seconds-- <= 0) backHome();
    };
    countdown();
    state.resultTimer = setInterval(countdown, 1000);
  }

  function backHome() {
    clearInterval(state.resultTimer);
    state.attempt = null;
    show('home');
  }

  // --- wiring -----------------------------------------------------------------------------------
  $('priority-button').addEventListener('click', () => { renderGroups(); show('priority'); });
  $('priority-none').addEventListener('click', () => { state.priorityGroup = ''; renderOptions(); show('home'); });
  $('phone-button').addEventListener('click', () => { phoneDraft = state.phone; renderPhone(); $('phone-error').hidden = true; show('phone'); });
  $('phone-clear').addEventListener('click', () => { state.phone = ''; renderOptions(); show('home'); });
  $('phone-done').addEventListener('click', () => {
    if (!phoneDraft) { state.phone = ''; renderOptions(); show('home'); return; }
    if (!/^0\d{8,10}$/.test(phoneDraft)) { phoneError('Số điện thoại gồm 9–11 chữ số, bắt đầu bằng 0'); return; }
    state.phone = phoneDraft;
    renderOptions();
    show('home');
  });
  $('result-done').addEventListener('click', backHome);
  $('error-back').addEventListener('click', () => { state.attempt = null; show('home'); });
  $('error-retry').addEventListener('click', () => submit());

  async function loadOffice() {
    while (true) {
      try {
        const r = await requestJson('/api/office', { timeoutMs: 8000 });
        if (r.status === 200 && r.data) return r.data;
      } catch (e) { /* retried below */ }
      banner('Mất kết nối với máy chủ — đang thử kết nối lại…');
      await new Promise((res) => setTimeout(res, 3000));
    }
  }

  // Opening and closing hours pass without any event: the buttons follow them by reading
  // /api/services now and then, as well as from the events.
  async function refreshServices() {
    try {
      const r = await requestJson('/api/services', { headers: { 'X-Device-Key': deviceKey }, timeoutMs: 8000 });
      if (r.status === 200 && r.data) mergeServices(r.data.services, r.data.seq);
      // A mistyped key: say so to whoever set the kiosk up, rather than show no buttons.
      if (r.status === 401) wrongKey(r.data && r.data.message);
    } catch (e) { /* the next read or event fills them in */ }
  }

  function wrongKey(message) {
    $('setup-title').textContent = 'Khóa thiết bị của máy lấy số không đúng';
    $('setup-message').textContent = (message || 'Máy chủ không nhận khóa này.') +
      ' Mở lại trang với địa chỉ /kiosk?key=<khóa thiết bị> đúng; vui lòng liên hệ cán bộ quản trị.';
    show('setup');
  }

  async function start() {
    tickClock();
    setInterval(tickClock, 10000);
    buildKeypad();
    if (!deviceKey) { show('setup'); return; }
    show('home');
    const office = await loadOffice();
    state.office = office;
    state.groups = office.priority_groups || [];
    state.order = (office.services || []).map((s) => s.code);
    $('office-name').textContent = office.name;
    document.title = 'Lấy số thứ tự — ' + office.name;
    tickClock();
    renderOptions();
    await refreshServices();
    setInterval(refreshServices, SERVICES_REFRESH_MS);
    banner('');
    new LiveSocket({
      key: deviceKey,
      onMessage: (m) => {
        if (m.type === 'snapshot' && m.queue) mergeServices(m.queue.services, m.seq);
        else if (m.type === 'event' && m.services) mergeServices(m.services, m.seq);
      },
      onState: (up) => {
        state.online = up;
        document.body.dataset.online = up ? '1' : '0';
        banner(up ? '' : 'Mất kết nối với máy chủ — đang thử kết nối lại…');
      },
    });
  }

  start();
})();
