// Shared by the kiosk page and the citizen's "my ticket" page: wording, HTTP with a timeout,
// a self-healing WebSocket to /ws, and a short WebAudio chime. No dependencies, works offline.
'use strict';

const Motcua = (() => {
  // The same words as the paper ticket (ticketd/print/ticket_printout.cpp); minutes round up.
  function waitText(seconds) {
    if (!(seconds > 0)) return 'không phải chờ';
    if (seconds < 60) return 'dưới 1 phút';
    const minutes = Math.ceil(seconds / 60);
    if (minutes < 60) return `khoảng ${minutes} phút`;
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return `khoảng ${hours} giờ` + (rest > 0 ? ` ${rest} phút` : '');
  }

  // A line nobody serves yet (before the officers sign in, every counter of it paused):
  // no wait is promised, since none can be known.
  const NO_COUNTER_SHORT = 'Chưa có quầy tiếp nhận';
  const NO_COUNTER_LINE = 'Hiện chưa có quầy nào đang tiếp nhận. Số của ông/bà vẫn được giữ chỗ và sẽ được gọi khi quầy làm việc.';

  // "Khách chờ, được xin lỗi": a citizen first called after the office's apology wait
  // (apology_wait_min of /api/office) is owed an apology, said where they read their call.
  function apologyLine(ticket, apologyWaitMin) {
    if (!(apologyWaitMin > 0) || !ticket || !(ticket.called_at > 0) || !(ticket.issued_at > 0)) return '';
    return ticket.called_at - ticket.issued_at > apologyWaitMin * 60000 ? 'Xin lỗi ông/bà vì đã phải chờ lâu.' : '';
  }

  function aheadLine(position) {
    if (!(position > 0)) return 'Ông/bà là người tiếp theo';
    return `Có ${position} người đang chờ trước ông/bà`;
  }

  class RequestError extends Error {
    constructor(kind, message) {
      super(message);
      this.kind = kind;  // 'timeout' or 'network'
    }
  }

  // Resolves {status, data} for any HTTP answer; rejects with RequestError when there is none.
  async function requestJson(url, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: Object.assign(body !== undefined ? { 'Content-Type': 'application/json' } : {}, headers),
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch (e) {
      throw new RequestError(controller.signal.aborted ? 'timeout' : 'network', String(e));
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    return { status: response.status, data };
  }

  // Keeps one WebSocket to /ws open; reconnects with `since` so no event is missed, and asks
  // for a fresh snapshot when the server cannot replay. onState(true|false) tells the page.
  class LiveSocket {
    constructor({ key = '', onMessage, onState }) {
      this.key = key;
      this.onMessage = onMessage;
      this.onState = onState || (() => {});
      this.seq = null;
      this.delay = 1000;
      this.socket = null;
      this.connected = false;
      this.connect();
    }

    url() {
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const params = new URLSearchParams();
      if (this.key) params.set('key', this.key);
      if (this.seq !== null) params.set('since', String(this.seq));
      const q = params.toString();
      return `${proto}//${location.host}/ws${q ? '?' + q : ''}`;
    }

    connect() {
      let socket;
      try {
        socket = new WebSocket(this.url());
      } catch (e) {
        this.retry();
        return;
      }
      this.socket = socket;
      socket.onopen = () => {
        this.delay = 1000;
        this.setConnected(true);
      };
      socket.onmessage = (m) => {
        let msg;
        try {
          msg = JSON.parse(m.data);
        } catch (e) {
          return;
        }
        if (msg.type === 'snapshot') {
          this.seq = msg.seq;
        } else if (msg.type === 'event') {
          // A gap means we lost events: start over from a snapshot.
          if (this.seq !== null && msg.seq !== this.seq + 1 && msg.seq > this.seq) {
            this.seq = null;
            socket.close();
            return;
          }
          if (this.seq !== null && msg.seq <= this.seq) return;
          this.seq = msg.seq;
        }
        this.onMessage(msg);
      };
      socket.onclose = () => {
        if (this.socket !== socket) return;
        this.setConnected(false);
        this.retry();
      };
      socket.onerror = () => {};
    }

    setConnected(value) {
      if (this.connected === value) return;
      this.connected = value;
      this.onState(value);
    }

    retry() {
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    }
  }

  // A two-tone chime. Browsers only play sound after a tap, so pages call unlockSound() from one.
  let audio = null;
  function unlockSound() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return false;
    if (!audio) audio = new Ctx();
    if (audio.state === 'suspended') audio.resume();
    return true;
  }

  function chime() {
    if (!audio) unlockSound();
    if (!audio) return false;
    const start = audio.currentTime + 0.05;
    [[880, 0], [660, 0.35], [880, 0.7]].forEach(([freq, at]) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.4, start + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + at);
      osc.stop(start + at + 0.32);
    });
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    return true;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  return { NO_COUNTER_SHORT, NO_COUNTER_LINE, waitText, aheadLine, apologyLine, requestJson, RequestError, LiveSocket, unlockSound, chime, el };
})();
