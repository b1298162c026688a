// The dashboard's "Sao lưu dữ liệu" card: the copies of the database (GET and POST
// /api/admin/backups). Loaded after dashboard.js and uses its helpers ($, api, errorText,
// officeTime, state, showLogin, TOKEN_KEY).
'use strict';

function backupTime(ms) {
  return officeTime(ms, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}
function backupSize(bytes) {
  return bytes >= 1e6 ? (bytes / 1e6).toFixed(1).replace('.', ',') + ' MB' : Math.max(1, Math.round(bytes / 1e3)) + ' KB';
}

function renderBackups(b) {
  const parts = [b.last ? `Bản sao gần nhất: ${backupTime(b.last.made_at)} (${backupSize(b.last.bytes)}).`
    : 'Chưa có bản sao nào.'];
  if (b.times.length) {
    parts.push(`Tự động sao lưu lúc ${b.times.join(', ')} hằng ngày` +
      (b.next_at ? `, lần tới: ${backupTime(b.next_at)}.` : '.'));
  } else {
    parts.push('Không đặt giờ sao lưu tự động: chỉ sao lưu khi bấm nút.');
  }
  parts.push(`Giữ ${b.keep_days} ngày, hiện có ${b.copies.length} bản trong thư mục ${b.dir}.`);
  $('backup-status').textContent = parts.join(' ');
  // A failure matters until a later copy succeeds.
  const failed = b.last_failure && (!b.last || b.last_failure.at > b.last.made_at);
  $('backup-failure').textContent = failed
    ? `Lần sao lưu lúc ${backupTime(b.last_failure.at)} không thành công: ${b.last_failure.message}` : '';
}

async function loadBackups() {
  let r;
  try { r = await api('/api/admin/backups'); } catch (e) { return; }
  if (!r.ok) { $('backup-status').textContent = await errorText(r); return; }
  renderBackups(await r.json());
}

$('backup-now').addEventListener('click', async () => {
  const button = $('backup-now');
  button.disabled = true;
  $('backup-result').textContent = 'Đang sao lưu…';
  try {
    const r = await api('/api/admin/backups', { method: 'POST', body: '{}' });
    if (r.status === 401) {
      state.token = '';
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(await errorText(r));
      return;
    }
    if (r.ok) {
      const copy = await r.json();
      $('backup-result').textContent = `Đã sao lưu: ${copy.file} (${backupSize(copy.bytes)}).`;
    } else {
      $('backup-result').textContent = '';
      $('backup-failure').textContent = await errorText(r);
      return;
    }
  } catch (e) {
    $('backup-result').textContent = '';
    $('backup-failure').textContent = 'Không kết nối được máy chủ.';
    return;
  } finally {
    button.disabled = false;
  }
  loadBackups();
});

// Read when the dashboard appears, then every minute (a scheduled copy may have run).
new MutationObserver(() => { if (!$('dash-view').hidden) loadBackups(); })
  .observe($('dash-view'), { attributes: true, attributeFilter: ['hidden'] });
setInterval(() => { if (!$('dash-view').hidden && state.token) loadBackups(); }, 60000);
