// The citizen's "my ticket" page at /t/<code>: reads GET /api/tickets/by-code/<code> and
// follows /ws, so the place in line and the call to a counter show up live. No personal data.
'use strict';

(() => {
  const { NO_COUNTER_SHORT, NO_COUNTER_LINE, waitText, aheadLine, apologyLine, requestJson, LiveSocket, unlockSound, chime } = Motcua;
  const $ = (id) => document.getElementById(id);

  const code = decodeURIComponent(location.pathname.replace(/^\/t\//, '').replace(/\/.*$/, ''));
  let ticket = null;
  let refreshTimer = null;
  let pollTimer = null;
  let chimes = 0;
  let utcOffsetMinutes = 420;  // the office's, from /api/office; Vietnam by default
  let apologyWaitMin = 0;      // the office's, from /api/office; 0 = not known yet

  const STATE_TEXT = {
    waiting: 'Đang chờ',
    transferred: 'Đang chờ (đã chuyển)',
    called: 'Đang được mời',
    serving: 'Đang được phục vụ',
    done: 'Đã hoàn thành',
    no_show: 'Vắng mặt khi được mời',
    cancelled: 'Đã hủy',
  };

  function inLine(t) {
    return t.state === 'waiting' || t.state === 'transferred';
  }

  function announce() {
    chimes += 1;
    document.body.dataset.chimes = String(chimes);  // lets a test see the chime was played
    chime();
  }

  // Today in the office's time zone, "YYYY-MM-DD" as the API writes service days.
  function officeToday() {
    return new Date(Date.now() + utcOffsetMinutes * 60000).toISOString().slice(0, 10);
  }

  function render(t, fresh) {
    const before = ticket;
    ticket = t;
    $('loading').hidden = true;
    $('missing').hidden = true;
    $('ticket').hidden = false;
    $('number').textContent = t.number;
    $('service').textContent = t.service_name;
    document.title = `Số ${t.number} — ${t.service_name}`;
    $('priority').hidden = !t.priority;
    $('priority').textContent = t.priority ? '★ Ưu tiên' : '';
    const st = $('state');
    st.dataset.state = t.state;
    st.textContent = STATE_TEXT[t.state] || t.state;

    const call = $('call');
    if (t.state === 'called') {
      call.hidden = false;
      const sorry = apologyLine(t, apologyWaitMin);
      call.textContent = `Mời ông/bà đến quầy\u00a0số\u00a0${t.counter}` + (sorry ? ` ${sorry}` : '');
    } else if (t.state === 'serving') {
      call.hidden = false;
      call.textContent = `Đang được phục vụ tại quầy\u00a0số\u00a0${t.counter}`;
    } else if (t.state === 'done') {
      call.hidden = false;
      call.textContent = 'Xin cảm ơn ông/bà!';
    } else if (t.state === 'no_show') {
      call.hidden = false;
      call.textContent = 'Ông/bà đã được mời nhưng chưa có mặt tại quầy. Vui lòng liên hệ cán bộ tại quầy để được phục vụ tiếp.';
    } else if (t.state === 'cancelled') {
      call.hidden = false;
      // Left waiting when its day ended, or cancelled at the kiosk or by a leader.
      call.textContent = t.service_day && t.service_day < officeToday()
        ? `Số này thuộc ngày ${t.service_day.split('-').reverse().join('/')} và đã hết hiệu lực. Vui lòng lấy số mới tại máy lấy số.`
        : 'Số này đã được hủy. Nếu ông/bà vẫn cần giải quyết hồ sơ, vui lòng lấy số mới tại máy lấy số.';
    } else {
      call.hidden = true;
    }
    call.dataset.counter = String(t.counter || 0);
    // Nothing more will be called: no sound to switch on, no reason to keep the page open.
    const finished = t.state === 'done' || t.state === 'no_show' || t.state === 'cancelled';
    $('sound').hidden = finished;
    $('keep-open').hidden = finished;

    const waiting = inLine(t);
    $('line').hidden = !waiting;
    $('ahead-line').hidden = !waiting;
    if (waiting) {
      $('ahead').textContent = String(Math.max(0, t.position));
      const unserved = t.open_counters === 0;
      $('wait').textContent = unserved ? NO_COUNTER_SHORT : waitText(t.estimated_wait_s);
      $('ahead-line').textContent = unserved ? NO_COUNTER_LINE : aheadLine(t.position);
    }
    // The office's local time, whatever the phone's time zone.
    const local = new Date(Date.now() + utcOffsetMinutes * 60000);
    const two = (n) => String(n).padStart(2, '0');
    $('updated').textContent = `Cập nhật lúc ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;

    // Chime on the change to "called" (and on every recall, see onEvent), not on a page load.
    if (fresh && before && before.state !== 'called' && t.state === 'called') announce();
  }

  async function refresh() {
    try {
      const r = await requestJson(`/api/tickets/by-code/${encodeURIComponent(code)}`, { timeoutMs: 8000 });
      if (r.status === 200 && r.data) {
        render(r.data, true);
      } else if (r.status === 404) {
        $('loading').hidden = true;
        $('ticket').hidden = true;
        $('missing').hidden = false;
      }
    } catch (e) {
      $('conn').hidden = false;
    }
  }

  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 400);
  }

  function onEvent(m) {
    if (m.type === 'snapshot') { refreshSoon(); return; }
    if (m.type !== 'event') return;
    if (ticket && m.ticket_id === ticket.id) {
      if (m.event === 'ticket.recalled') announce();
      // The event's ticket view is public (no code) and current: show it at once.
      if (m.ticket) render(Object.assign({}, ticket, m.ticket), true);
    }
    // Someone ahead was called or left: the place in line and the estimate change.
    refreshSoon();
  }

  $('sound').addEventListener('click', () => {
    if (unlockSound()) {
      $('sound').classList.add('on');
      $('sound').textContent = '♫ Đã bật âm báo';
    }
  });

  if (!code) {
    $('loading').hidden = true;
    $('missing').hidden = false;
    return;
  }
  requestJson('/api/office', { timeoutMs: 8000 })
    .then((r) => {
      if (r.status !== 200 || !r.data) return;
      $('office').textContent = r.data.name;
      if (Number.isInteger(r.data.utc_offset_minutes)) utcOffsetMinutes = r.data.utc_offset_minutes;
      if (Number.isInteger(r.data.apology_wait_min)) apologyWaitMin = r.data.apology_wait_min;
    })
    .catch(() => {});
  refresh();
  new LiveSocket({
    onMessage: onEvent,
    onState: (up) => {
      $('conn').hidden = up;
      // Without live events, poll so the page never goes stale.
      clearInterval(pollTimer);
      if (!up) pollTimer = setInterval(refresh, 15000);
      else refreshSoon();
    },
  });
})();
