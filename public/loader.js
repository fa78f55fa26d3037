/* Kalkulator LAKIP — loader. Starts the app from the wasm bytes inlined in this very file
 * (a file:// page cannot fetch them), and shows a message in Indonesian instead of a blank
 * page when the browser is too old or the app fails. Written in ES5 so that it runs, and
 * explains, even where the app cannot. */
(function () {
  'use strict';
  var NEED = 'Gunakan Google Chrome atau Microsoft Edge versi 97 ke atas, Mozilla Firefox versi 102 ke atas, atau Safari versi 16 ke atas.';
  var PREFIX = 'kalkulator-lakip/';
  // The guard in <head> reads this: the file arrived whole up to here.
  window.lakipLoaderRan = true;

  // The page as shipped, before the app changes it: "Simpan sebagai file mandiri" copies it.
  window.lakipSource = '<!doctype html>\n' + document.documentElement.outerHTML;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) { if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]); }
    if (text) e.appendChild(document.createTextNode(text));
    return e;
  }

  function storedKeys() {
    var keys = [];
    try {
      var s = window.localStorage;
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(PREFIX + 'laporan/') === 0) keys.push(k);
      }
    } catch (e) { /* storage blocked: nothing to offer */ }
    return keys;
  }

  function download(name, text) {
    var blob = new Blob([text], { type: 'application/json' });
    var a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 1000);
  }

  // A screen built without the app, from which stored reports can still be saved.
  function screen(title, lines, canReload) {
    var old = document.getElementById('lakip-recovery');
    if (old) return;
    var app = document.getElementById('lakip-app');
    if (app) app.style.display = 'none';
    var boot = document.getElementById('lakip-boot');
    if (boot) boot.style.display = 'none';
    var box = el('div', { id: 'lakip-recovery', 'class': 'recovery', role: 'alert', 'data-testid': 'recovery' });
    box.appendChild(el('h1', {}, title));
    for (var i = 0; i < lines.length; i++) box.appendChild(el('p', {}, lines[i]));
    var keys = storedKeys();
    if (keys.length) {
      box.appendChild(el('p', {}, 'Laporan yang tersimpan di browser ini aman. Unduh salinannya, lalu impor di Kalkulator LAKIP:'));
      var list = el('ul', {});
      for (var j = 0; j < keys.length; j++) {
        (function (key) {
          var li = el('li', {});
          var b = el('button', { type: 'button', 'data-testid': 'recovery-download' }, 'Unduh ' + key.slice((PREFIX + 'laporan/').length));
          b.onclick = function () {
            var text = null;
            try { text = window.localStorage.getItem(key); } catch (e) { /* ignore */ }
            if (text) download('lakip-cadangan-' + key.slice((PREFIX + 'laporan/').length).replace(/[^A-Za-z0-9_-]+/g, '-') + '.json', text);
          };
          li.appendChild(b);
          list.appendChild(li);
        })(keys[j]);
      }
      box.appendChild(list);
    }
    if (canReload) {
      var r = el('button', { type: 'button', 'data-testid': 'recovery-reload' }, 'Muat ulang aplikasi');
      r.onclick = function () { window.location.reload(); };
      box.appendChild(r);
    }
    document.body.appendChild(box);
  }

  function tooOld(detail) {
    screen('Kalkulator LAKIP tidak dapat berjalan di browser ini',
      ['Browser ini tidak mendukung teknologi yang diperlukan (WebAssembly). ' + NEED,
       detail ? 'Rincian: ' + detail : ''], false);
  }

  // The file itself is damaged (a copy cut short or altered): no browser would run it.
  function damaged(detail) {
    screen('Berkas aplikasi ini rusak',
      ['Berkas lakip.html ini tidak utuh (mungkin terpotong atau berubah saat disalin atau diunduh). Salin ulang berkas dari sumbernya, lalu buka lagi.',
       'Laporan yang tersimpan di browser ini tidak terpengaruh.',
       detail ? 'Rincian: ' + detail : ''], false);
  }
  function Damaged(detail) { this.message = detail; }

  // Adler-32 (RFC 1950) of the inflated wasm, against the one the build wrote beside it.
  function adler32(bytes) {
    var a = 1, b = 0, i = 0, n = bytes.length, end;
    while (i < n) {
      end = Math.min(i + 5552, n);
      for (; i < end; i++) { a += bytes[i]; b += a; }
      a %= 65521; b %= 65521;
    }
    return ((b << 16) | a) >>> 0;
  }

  // Called by the app's panic hook, and on any error thrown out of the wasm.
  window.lakipRecover = function (detail) {
    screen('Terjadi kesalahan pada aplikasi',
      ['Maaf, Kalkulator LAKIP berhenti karena kesalahan program. Perubahan yang sudah tersimpan otomatis tidak hilang.',
       detail ? 'Rincian: ' + detail : ''], true);
  };
  var started = false;
  window.addEventListener('error', function (ev) {
    var m = ev && ev.message ? String(ev.message) : '';
    if (started && /unreachable|RuntimeError|wasm/i.test(m)) window.lakipRecover(m);
  });
  window.addEventListener('unhandledrejection', function (ev) {
    var m = ev && ev.reason ? String(ev.reason) : '';
    if (started && /unreachable|RuntimeError/i.test(m)) window.lakipRecover(m);
  });


  // Raw DEFLATE (RFC 1951) decoder, after Mark Adler's puff.c: the wasm travels deflated,
  // and browsers without DecompressionStream('deflate-raw') (Firefox < 113, Chrome < 103,
  // Safari < 16.4) still need to open it. `size` is the inflated length, known at build.
  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  function huff(lengths, n) {
    var h = { count: new Uint16Array(16), symbol: new Uint16Array(n) };
    var offs = new Uint16Array(16), i;
    for (i = 0; i < n; i++) h.count[lengths[i]]++;
    h.count[0] = 0;
    for (i = 1; i < 16; i++) offs[i] = offs[i - 1] + h.count[i - 1];
    for (i = 0; i < n; i++) if (lengths[i]) h.symbol[offs[lengths[i]]++] = i;
    return h;
  }
  function inflate(src, size) {
    var out = new Uint8Array(size), op = 0, ip = 0, bitbuf = 0, bitcnt = 0;
    function bits(need) {
      var val = bitbuf;
      while (bitcnt < need) {
        if (ip >= src.length) throw new Error('data terpotong');
        val |= src[ip++] << bitcnt;
        bitcnt += 8;
      }
      bitbuf = val >>> need;
      bitcnt -= need;
      return val & ((1 << need) - 1);
    }
    function decode(h) {
      var code = 0, first = 0, index = 0, len, count;
      for (len = 1; len < 16; len++) {
        code |= bits(1);
        count = h.count[len];
        if (code - count < first) return h.symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
      }
      throw new Error('kode Huffman rusak');
    }
    function codes(lencode, distcode) {
      var sym, len, dist;
      for (;;) {
        sym = decode(lencode);
        if (sym < 256) { out[op++] = sym; continue; }
        if (sym === 256) return;
        sym -= 257;
        if (sym >= 29) throw new Error('panjang rusak');
        len = LBASE[sym] + bits(LEXT[sym]);
        sym = decode(distcode);
        if (sym >= 30) throw new Error('jarak rusak');
        dist = DBASE[sym] + bits(DEXT[sym]);
        if (dist > op) throw new Error('jarak terlalu jauh');
        while (len--) { out[op] = out[op - dist]; op++; }
      }
    }
    var fixedL = null, fixedD = null, last, type, i;
    do {
      last = bits(1);
      type = bits(2);
      if (type === 0) {
        bitbuf = 0; bitcnt = 0;
        if (ip + 4 > src.length) throw new Error('data terpotong');
        var len = src[ip] | (src[ip + 1] << 8);
        ip += 4;
        if (ip + len > src.length) throw new Error('data terpotong');
        out.set(src.subarray(ip, ip + len), op);
        ip += len; op += len;
      } else if (type === 1) {
        if (!fixedL) {
          var l = new Uint8Array(288);
          for (i = 0; i < 144; i++) l[i] = 8;
          for (; i < 256; i++) l[i] = 9;
          for (; i < 280; i++) l[i] = 7;
          for (; i < 288; i++) l[i] = 8;
          fixedL = huff(l, 288);
          var d = new Uint8Array(30);
          for (i = 0; i < 30; i++) d[i] = 5;
          fixedD = huff(d, 30);
        }
        codes(fixedL, fixedD);
      } else if (type === 2) {
        var nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
        var lengths = new Uint8Array(320);
        for (i = 0; i < ncode; i++) lengths[ORDER[i]] = bits(3);
        var lencode = huff(lengths, 19), index = 0, sym, rep, prev;
        lengths = new Uint8Array(320);
        while (index < nlen + ndist) {
          sym = decode(lencode);
          if (sym < 16) { lengths[index++] = sym; continue; }
          prev = 0;
          if (sym === 16) { if (index === 0) throw new Error('ulangan rusak'); prev = lengths[index - 1]; rep = 3 + bits(2); }
          else if (sym === 17) rep = 3 + bits(3);
          else rep = 11 + bits(7);
          while (rep--) lengths[index++] = prev;
        }
        codes(huff(lengths, nlen), huff(lengths.subarray(nlen), ndist));
      } else {
        throw new Error('jenis blok rusak');
      }
    } while (!last);
    if (op !== size) throw new Error('ukuran tidak cocok');
    return out;
  }
  window.lakipInflate = inflate;

  function inflateAsync(bytes, size) {
    var useJs = window.location.hash.indexOf('lakip-inflate-js') >= 0;
    if (!useJs && typeof DecompressionStream === 'function' && typeof Response === 'function') {
      try {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
      } catch (e) { /* 'deflate-raw' unknown here: decode in JS */ }
    }
    return new Promise(function (resolve) { resolve(inflate(bytes, size)); });
  }

  if (typeof WebAssembly !== 'object' || typeof Promise === 'undefined' || typeof Uint8Array === 'undefined') {
    tooOld('WebAssembly tidak tersedia.');
    return;
  }
  if (typeof wasm_bindgen === 'undefined') {
    tooOld('Skrip aplikasi tidak dapat dijalankan.');
    return;
  }
  // basE91 (Joachim Henke), with the alphabet of xtask/src/dist.rs: the wasm is carried as
  // text 23% larger than its bytes (base64 would add 33%).
  var B91 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,./:;-=>?@[]^_`{|}~"';
  function base91(text, length) {
    var dec = [], i;
    for (i = 0; i < 256; i++) dec.push(-1);
    for (i = 0; i < B91.length; i++) dec[B91.charCodeAt(i)] = i;
    var out = new Uint8Array(length), o = 0, v = -1, b = 0, n = 0, d;
    for (i = 0; i < text.length; i++) {
      d = dec[text.charCodeAt(i) & 255];
      if (d < 0) continue;
      if (v < 0) { v = d; continue; }
      v += d * 91;
      b |= v << n;
      n += (v & 8191) > 88 ? 13 : 14;
      do { out[o++] = b & 255; b >>>= 8; n -= 8; } while (n > 7);
      v = -1;
    }
    if (v > -1) out[o++] = (b | v << n) & 255;
    if (o !== length) throw new Error('panjang data tidak cocok');
    return out;
  }
  window.lakipBase91 = base91;

  var bytes, size, sum;
  try {
    var data = document.getElementById('lakip-wasm');
    size = parseInt(data.getAttribute('data-size'), 10);
    sum = parseInt(data.getAttribute('data-adler32'), 10);
    bytes = base91(data.textContent, parseInt(data.getAttribute('data-length'), 10));
  } catch (e) {
    damaged(String(e && e.message ? e.message : e));
    return;
  }
  started = true;
  inflateAsync(bytes, size).then(function (wasm) {
    if (wasm.length !== size || adler32(wasm) !== sum) throw new Damaged('isi aplikasi tidak cocok dengan jumlah periksanya');
    window.lakipWasmSize = wasm.length;
    return wasm_bindgen({ module_or_path: wasm }).then(null, function (e) {
      // Intact bytes that do not compile: the browser lacks what the app needs.
      if (e instanceof Damaged) throw e;
      var m = String(e && e.message ? e.message : e);
      if (/unreachable|RuntimeError/.test(m)) window.lakipRecover(m);
      else tooOld(m);
      return 'sudah ditangani';
    });
  }, function (e) {
    // The deflated data does not inflate: damaged, whatever the browser.
    throw new Damaged(String(e && e.message ? e.message : e));
  }).then(function (handled) {
    // The app's exported functions, for the browser tests.
    if (handled !== 'sudah ditangani') window.lakipApi = wasm_bindgen;
  }, function (e) {
    damaged(e instanceof Damaged ? e.message : String(e && e.message ? e.message : e));
  });
})();
