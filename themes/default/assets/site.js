// Find-my-building: filters the street's buildings as you type. Uses search.json when
// it can be fetched, else the community → building list already on the page (file://).
// Also remembers the 长辈模式 switch between pages. The site works without this file.
(function () {
  var elder = document.getElementById('elder');
  try {
    if (elder && localStorage.getItem('hgj-elder') === '1') elder.checked = true;
    if (elder) elder.addEventListener('change', function () {
      localStorage.setItem('hgj-elder', elder.checked ? '1' : '0');
    });
  } catch (e) { /* storage may be off; the switch still works on this page */ }

  var form = document.getElementById('find');
  if (!form) return;
  var input = document.getElementById('find-q');
  var list = document.getElementById('find-results');
  var status = document.getElementById('find-status');
  var root = form.getAttribute('data-root') || '';
  var items = [];
  document.querySelectorAll('#all-buildings .buildings a').forEach(function (a) {
    items.push({ n: a.textContent, a: '', c: '', href: a.getAttribute('href') });
  });
  function show() {
    var q = input.value.replace(/\s+/g, '');
    list.textContent = '';
    if (!q) return;
    var found = items.filter(function (b) {
      return (b.n + b.a + b.c).replace(/\s+/g, '').indexOf(q) >= 0;
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
    fetch(root + 'search.json').then(function (r) { return r.json(); }).then(function (data) {
      items = data.map(function (b) { return { n: b.n, a: b.a, c: b.c, href: root + b.u }; });
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
