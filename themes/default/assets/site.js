// Find-my-building: filters the street's buildings as you type, matching the way
// residents type (the rule is below). Uses search.json when it can be fetched, else
// the community → building list already on the page (file://).
// Remembers 长辈模式: the switch is a plain link to the page's elder/ copy (no script
// needed); with script, the choice is kept and a plain page opened later (say from a
// 公示牌 QR code) moves to its elder/ copy. 朗读 buttons speak their data-speech text
// where the browser has a Chinese voice; without one they stay hidden.
// The site works without this file.
(function () {
  var KEY = 'hgj-elder';
  var elder = document.documentElement.classList.contains('elder');
  var toggle = document.querySelector('.elder-switch');
  try {
    if (toggle) toggle.addEventListener('click', function () {
      localStorage.setItem(KEY, toggle.getAttribute('data-elder'));
    });
    if (!elder && toggle && localStorage.getItem(KEY) === '1' && !document.querySelector('[data-stay]')) {
      location.replace(toggle.href + location.hash);
    }
  } catch (e) { /* storage may be off; the links still work */ }

  var synth = window.speechSynthesis;
  var buttons = document.querySelectorAll('button.speak');
  if (synth && window.SpeechSynthesisUtterance && buttons.length) {
    var voice = null;
    var speaking = null;
    var chinese = function () {
      return synth.getVoices().filter(function (v) { return /^(zh|cmn)([-_]cn|[-_]hans|$)/i.test(v.lang); })[0] ||
        synth.getVoices().filter(function (v) { return /^(zh|cmn)/i.test(v.lang); })[0] || null;
    };
    var reset = function () {
      if (!speaking) return;
      speaking.removeAttribute('data-speaking');
      speaking.textContent = speaking.getAttribute('data-label');
      speaking = null;
    };
    var setup = function () {
      if (voice || !(voice = chinese())) return;
      buttons.forEach(function (b) {
        b.setAttribute('data-label', b.textContent);
        b.parentNode.hidden = false;
        b.addEventListener('click', function () {
          var again = speaking === b;
          synth.cancel();
          reset();
          if (again) return;
          var u = new SpeechSynthesisUtterance(b.getAttribute('data-speech'));
          u.lang = 'zh-CN';
          u.voice = voice;
          u.rate = 0.85;  // a little slower than usual, for older listeners
          u.onend = u.onerror = function () { if (speaking === b) reset(); };
          speaking = b;
          b.setAttribute('data-speaking', '');
          b.textContent = b.getAttribute('data-stop');
          synth.speak(u);
        });
      });
    };
    setup();
    if (!voice && synth.addEventListener) synth.addEventListener('voiceschanged', setup);
  }

  var form = document.getElementById('find');
  if (!form) return;
  var input = document.getElementById('find-q');
  var list = document.getElementById('find-results');
  var status = document.getElementById('find-status');
  var root = form.getAttribute('data-root') || '';
  var res = form.getAttribute('data-res') || root;
  // The way residents type: words in any order, each one found in the building's name,
  // address or community or in their pinyin initials (search.json's k, made at build
  // time), after the folds the build used (data-fold: 幢 = 栋 = 号楼 = 号, 小区 / 社区
  // optional) and NFKC (full-width digits). A number matches a whole number: 3 is not 13.
  var folds = (form.getAttribute('data-fold') || '').split(';').filter(Boolean).map(function (f) {
    return f.split('=');
  });
  function fold(s) {
    s = s.normalize ? s.normalize('NFKC') : s;
    s = s.toLowerCase().replace(/\s+/g, '');
    folds.forEach(function (f) { s = s.split(f[0]).join(f[1]); });
    return s;
  }
  function has(hay, word) {
    for (var at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
      var before = hay.charAt(at - 1), after = hay.charAt(at + word.length);
      if (/\d/.test(word.charAt(0)) && /\d/.test(before)) continue;
      if (/\d/.test(word.charAt(word.length - 1)) && /\d/.test(after)) continue;
      return true;
    }
    return false;
  }
  var items = [];
  document.querySelectorAll('#all-buildings .buildings a').forEach(function (a) {
    items.push({ n: a.textContent, c: '', k: fold(a.textContent), href: a.getAttribute('href') });
  });
  function show() {
    var words = input.value.normalize ? input.value.normalize('NFKC') : input.value;
    words = words.split(/\s+/).map(fold).filter(Boolean);
    list.textContent = '';
    if (!words.length) return;
    var found = items.filter(function (b) {
      return words.every(function (w) { return has(b.k, w); });
    }).slice(0, 30);
    found.forEach(function (b) {
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = b.href;
      a.textContent = b.c ? b.n + '（' + b.c + '）' : b.n;
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = form.getAttribute(found.length ? 'data-found' : 'data-none');
  }
  if (window.fetch) {
    fetch(res + 'search.json').then(function (r) { return r.json(); }).then(function (data) {
      items = data.map(function (b) { return { n: b.n, c: b.c, k: b.k, href: root + b.u }; });
      show();
    }).catch(function () { /* keep the list from the page */ });
  }
  input.addEventListener('input', show);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    show();
    var first = list.querySelector('a');
    if (first) first.focus();
  });
})();
