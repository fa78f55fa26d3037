/* Kalkulator LAKIP — guard. Runs first, from <head>: if the rest of this file never arrives
 * (a copy cut short on a file share or in an e-mail), the loader at its end never runs, and
 * instead of "Memuat aplikasi…" forever the page says that the file is damaged. ES5. */
(function () {
  'use strict';
  function check() {
    if (window.lakipLoaderRan) return;
    var boot = document.getElementById('lakip-boot');
    var msg = document.getElementById('lakip-boot-msg');
    if (!boot || !msg) {
      boot = document.createElement('div');
      document.body.appendChild(boot);
      msg = document.createElement('p');
      boot.appendChild(msg);
    }
    boot.setAttribute('role', 'alert');
    boot.setAttribute('data-testid', 'damaged');
    msg.className = 'boot-error';
    msg.textContent = 'Berkas aplikasi ini rusak atau tidak lengkap (mungkin terpotong saat disalin atau diunduh). ' +
      'Salin ulang berkas lakip.html dari sumbernya, lalu buka lagi. Laporan yang tersimpan di browser ini tidak terpengaruh.';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check);
  else check();
})();
