// The site in a real browser: Debian's chromium driven by playwright-core (no browser
// download). Opens the home and a building page on a phone (390×844) and a desktop
// (1280×800), reaches the building through the find-my-building box, checks the
// steward's tel: link, runs axe-core (WCAG 2.0/2.1 A and AA) on every page shown and
// saves screenshots; on the phone, the building's 公示牌 view fits the screen's width.
// Also walks home → community list → building with JavaScript off.
// 适老化 (docs/accessibility.md): at both sizes, normal and 长辈模式, the home, building
// and steward pages are axe-clean, their text is large enough (18 / 24 px) with line
// height ≥ 1.3 and paragraph pitch ≥ 1.3 lines, every link and button is at least 44×44
// (60×60) px, 长辈模式 text has 7:1 contrast, and Tab/Enter alone reach the steward's
// tel: link from the home page with a visible focus. The 长辈模式 switch works without
// JavaScript across pages; the 朗读 button speaks its data-speech text with a zh-CN
// voice and stays hidden without one.
//
// Environment: BASE_URL (the served demo site, ending in /), SCREENSHOT_DIR, and
// optionally CHROMIUM (default /usr/bin/chromium); SERVE_URL and SERVE_CONTENT (an
// `hgj serve` of a scratch copy of the demo content) add the live-reload check.
// Exit 0 only when everything passed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE_URL = process.env.BASE_URL;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The demo building the test looks for, and its steward's phone (content/stewards/HF-001.md).
const BUILDING_NAME = '德平坝小区3幢';
const BUILDING_PATH = 'building/dpb-03/';
const STEWARD_TEL = 'tel:13800000001';

const VIEWPORTS = [
  { name: '390x844', width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: '1280x800', width: 1280, height: 800, isMobile: false, hasTouch: false },
];

const failures = [];
function fail(message) {
  failures.push(message);
  console.error('FAIL: ' + message);
}

async function launch(userDataDir, options) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
}

// Every page error, console error and failed or 4xx/5xx request is a failure: the
// site must load nothing it does not have.
// Except net::ERR_ABORTED: Chromium cancels a page's loads still in flight when the page
// is left (the test goes on, or site.js moves to elder/), and lazy images start after
// 'load'. A missing file shows as an HTTP 404 below, never as an abort.
function watchPage(page, label) {
  page.on('pageerror', (e) => fail(`${label}: script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url || '';
    // Browsers ask for /favicon.ico on their own; the site need not have one.
    if (url.endsWith('/favicon.ico')) return;
    fail(`${label}: console error: ${m.text()} ${url}`);
  });
  page.on('requestfailed', (r) => {
    if (r.failure().errorText === 'net::ERR_ABORTED') return;
    fail(`${label}: request failed: ${r.url()} (${r.failure().errorText})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) fail(`${label}: HTTP ${r.status()} for ${r.url()}`); });
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE_URL)) fail(`${label}: loads from outside the site: ${r.url()}`);
  });
  // No pop-ups of any kind (MIIT: 无弹窗).
  page.on('dialog', (d) => { fail(`${label}: a ${d.type()} dialog popped up`); d.dismiss().catch(() => {}); });
  page.on('popup', (p) => fail(`${label}: a pop-up window opened: ${p.url()}`));
}

async function runAxe(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
  for (const v of result.violations) {
    for (const node of v.nodes) {
      fail(`${label}: axe ${v.id} (${v.impact}): ${v.help}\n    selector: ${node.target.join(' ')}\n` +
        `    ${node.failureSummary.replace(/\n/g, '\n    ')}\n    html: ${node.html.slice(0, 200)}`);
    }
  }
  console.log(`${label}: axe ${result.violations.length === 0 ? 'clean' : result.violations.length + ' rule(s) violated'}`);
}

async function screenshot(page, name) {
  const file = path.join(SCREENSHOT_DIR, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

// Home page → type the building's name → follow the result → the building page.
async function findMyBuilding(page, viewport) {
  const label = `home ${viewport.name}`;
  await page.goto(BASE_URL, { waitUntil: 'load' });
  if ((await page.getAttribute('html', 'lang')) !== 'zh-CN') fail(`${label}: <html lang> is not zh-CN`);
  await runAxe(page, label);
  await screenshot(page, `home-${viewport.name}`);

  const box = page.getByRole('search').getByRole('searchbox');
  await box.fill(BUILDING_NAME);
  const result = page.locator('#find-results a', { hasText: BUILDING_NAME }).first();
  await result.waitFor({ state: 'visible', timeout: 10000 });
  await runAxe(page, `${label} with results`);
  await screenshot(page, `find-${viewport.name}`);
  await Promise.all([page.waitForURL('**/' + BUILDING_PATH + '**', { timeout: 10000 }), result.click()]);

  const building = `building ${viewport.name}`;
  const h1 = (await page.locator('h1').first().textContent()) || '';
  if (!h1.includes(BUILDING_NAME)) fail(`${building}: the heading is "${h1}", expected ${BUILDING_NAME}`);
  const tel = page.locator(`a[href="${STEWARD_TEL}"]`);
  if ((await tel.count()) === 0) fail(`${building}: no steward link ${STEWARD_TEL}`);
  else {
    const box2 = await tel.first().boundingBox();
    if (!box2 || box2.height < 44) fail(`${building}: the tel: link is ${box2 && box2.height}px tall, under 44px`);
  }
  await runAxe(page, building);
  await screenshot(page, `building-${viewport.name}`);

  // Its 公示牌 view as a phone shows it: the whole sheet to zoom into, not a strip of it
  // that scrolls sideways.
  if (viewport.isMobile) {
    const board = `board ${viewport.name}`;
    await page.goto(new URL('print/boards/dpb-03.html', BASE_URL).href, { waitUntil: 'load' });
    // What the phone shows at first (the visual viewport) must span the page's width.
    const fit = await page.evaluate(() => ({ wide: document.documentElement.scrollWidth, shown: window.visualViewport.width }));
    if (fit.wide > fit.shown + 1) fail(`${board}: ${fit.wide}px wide, ${Math.round(fit.shown)}px shown (scrolls sideways)`);
    await screenshot(page, `board-${viewport.name}`);
  }
}

// The pages the 适老化 checks look at, by their path below the site (or below elder/);
// `shot`: also saved as a screenshot.
const STEWARD_PATH = 'steward/HF-001/';
const A11Y_PAGES = [
  { name: 'home', path: '', shot: true },
  { name: 'building', path: BUILDING_PATH, shot: true },
  { name: 'steward', path: STEWARD_PATH, shot: true },
  { name: 'community', path: 'community/tianping/' },
  { name: 'events', path: 'events/' },
  { name: 'notices', path: 'notices/' },
  { name: 'stats', path: 'stats/' },
  { name: 'category', path: 'category/c01/' },
];
// The two modes: the site as it is, and its 长辈模式 copy under elder/.
const MODES = [
  { name: 'normal', prefix: '', minFont: 18, minTarget: 44, minContrast: 4.5 },
  { name: 'elder', prefix: 'elder/', minFont: 24, minTarget: 60, minContrast: 7 },
];

// Measures, in the page, every visible text run, link and button and returns the
// problems against the mode's minimums (see docs/accessibility.md for each rule).
function measurePage(mode) {
  const problems = [];
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}> "${text.slice(0, 30)}"`;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.right > 0 && st.visibility !== 'hidden' && st.display !== 'none' &&
      !el.closest('[hidden]');
  };
  const parse = (c) => {
    const p = c.match(/rgba?\(([^)]+)\)/)[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0.5) return c.rgb;
    }
    return [255, 255, 255];
  };
  // Text: size, line height, contrast, of every element that holds visible text.
  const texts = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('svg, script, style, .skip') || !visible(el)) continue;
    texts.add(el);
  }
  let minFont = Infinity;
  for (const el of texts) {
    const st = getComputedStyle(el);
    const size = parseFloat(st.fontSize);
    minFont = Math.min(minFont, size);
    if (size < mode.minFont - 0.01) problems.push(`text ${size}px < ${mode.minFont}px: ${describe(el)}`);
    const lh = st.lineHeight === 'normal' ? NaN : parseFloat(st.lineHeight);
    if (!(lh / size >= 1.3 - 0.001)) problems.push(`line height ${st.lineHeight} < 1.3 × ${size}px: ${describe(el)}`);
    const ratio = (() => {
      const a = lum(parse(st.color).rgb), b = lum(background(el));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    })();
    if (ratio < mode.minContrast) problems.push(`contrast ${ratio.toFixed(2)}:1 < ${mode.minContrast}:1: ${describe(el)}`);
  }
  // Paragraphs: the pitch from one paragraph's last line to the next one's first is at
  // least 1.3 line heights (MIIT: 段落间距至少比行距大1.3倍), i.e. a gap of 0.3 lines.
  let paragraphs = 0;
  for (const p of document.querySelectorAll('main p + p')) {
    const prev = p.previousElementSibling;
    if (!visible(p) || !visible(prev)) continue;
    const lh = parseFloat(getComputedStyle(p).lineHeight);
    const gap = p.getBoundingClientRect().top - prev.getBoundingClientRect().bottom;
    paragraphs++;
    if (gap + lh < 1.3 * lh - 0.5) problems.push(`paragraph pitch ${(gap + lh).toFixed(1)}px < 1.3 × ${lh}px: ${describe(p)}`);
  }
  // Tap targets: every link, button and form field.
  let targets = 0;
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    targets++;
    if (r.width < mode.minTarget - 0.5 || r.height < mode.minTarget - 0.5)
      problems.push(`tap target ${r.width.toFixed(0)}×${r.height.toFixed(0)} < ${mode.minTarget}: ${describe(el)}`);
  }
  // Status colours always come with a word.
  for (const el of document.querySelectorAll('.outcome')) {
    if (!el.textContent.trim()) problems.push(`a status colour without a word: ${describe(el)}`);
  }
  const body = parseFloat(getComputedStyle(document.querySelector('main p') || document.body).fontSize);
  return { problems, minFont, body, texts: texts.size, targets, paragraphs };
}

// Axe, text sizes, line heights, paragraph pitch, contrast and tap targets of one page.
async function checkPage(page, viewport, mode, info) {
  const label = `${info.name} ${viewport.name} ${mode.name}`;
  await page.goto(BASE_URL + mode.prefix + info.path, { waitUntil: 'load' });
  const elder = await page.evaluate(() => document.documentElement.classList.contains('elder'));
  if (elder !== (mode.name === 'elder')) fail(`${label}: <html class="elder"> is ${elder}`);
  await runAxe(page, label);
  const m = await page.evaluate(measurePage, mode);
  for (const p of m.problems) fail(`${label}: ${p}`);
  if (m.targets < 10 || m.texts < 10) fail(`${label}: only ${m.targets} targets and ${m.texts} texts measured`);
  console.log(`${label}: body text ${m.body}px (smallest ${m.minFont}px), ${m.texts} texts, ` +
    `${m.targets} targets ≥ ${mode.minTarget}px, ${m.paragraphs} paragraph gaps, ${m.problems.length} problem(s)`);
  if (info.shot) await screenshot(page, `${info.name}-${viewport.name}-${mode.name}`);
}

// Tab presses until the focused element matches, at most `limit`; whether it got there.
async function tabTo(page, selector, limit) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
  }
  return false;
}

// Whether the focused element shows its focus: an outline, a ring or a changed background.
async function focusVisible(page) {
  return page.evaluate(() => {
    const st = getComputedStyle(document.activeElement);
    return (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) || st.boxShadow !== 'none' ||
      st.backgroundColor === 'rgb(255, 221, 0)';
  });
}

// Keyboard only: home → (Tab…, Enter) the building → (Tab…) the steward's tel: link.
async function keyboardToPhone(page, viewport, mode) {
  const label = `keyboard ${viewport.name} ${mode.name}`;
  await page.goto(BASE_URL + mode.prefix, { waitUntil: 'load' });
  const building = `a[href$="${BUILDING_PATH}index.html"]`;
  if (!await tabTo(page, building, 120)) return fail(`${label}: Tab never reached the link to ${BUILDING_PATH}`);
  if (!await focusVisible(page)) fail(`${label}: the focused building link shows no focus`);
  await Promise.all([page.waitForURL('**/' + mode.prefix + BUILDING_PATH + '**', { timeout: 10000 }), page.keyboard.press('Enter')]);
  if (!await tabTo(page, `a[href="${STEWARD_TEL}"]`, 60)) return fail(`${label}: Tab never reached ${STEWARD_TEL}`);
  if (!await focusVisible(page)) fail(`${label}: the focused tel: link shows no focus`);
  console.log(`${label}: home → ${BUILDING_PATH} → ${STEWARD_TEL} by Tab and Enter`);
}

async function accessibility(page, viewport) {
  for (const mode of MODES) {
    for (const info of A11Y_PAGES) await checkPage(page, viewport, mode, info);
    await keyboardToPhone(page, viewport, mode);
  }
}

// 长辈模式 without JavaScript: the switch is a link to the page's elder/ copy, links there
// stay in elder/, and the switch on an elder page leads back.
async function elderWithoutJavaScript(userDataDir) {
  const context = await launch(userDataDir, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    watchPage(page, 'elder no-js');
    const isElder = () => page.evaluate(() => document.documentElement.classList.contains('elder'));
    await page.goto(BASE_URL + BUILDING_PATH, { waitUntil: 'load' });
    await Promise.all([page.waitForURL('**/elder/' + BUILDING_PATH + '**'), page.locator('.elder-switch').click()]);
    if (!await isElder()) fail('elder no-js: the switch did not turn 长辈模式 on');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize));
    if (size < 24) fail(`elder no-js: text is ${size}px in 长辈模式`);
    await Promise.all([page.waitForURL('**/elder/' + STEWARD_PATH + '**'),
      page.locator(`.steward h3 a[href*="${STEWARD_PATH}"]`).first().click()]);
    if (!await isElder()) fail('elder no-js: 长辈模式 was lost on the next page');
    if ((await page.locator(`a[href="${STEWARD_TEL}"]`).count()) === 0) fail('elder no-js: no tel: link on the steward page');
    await screenshot(page, 'steward-390x844-elder-nojs');
    await Promise.all([page.waitForURL((u) => !u.pathname.includes('/elder/')), page.locator('.elder-switch').click()]);
    if (await isElder()) fail('elder no-js: 退出长辈模式 did not leave 长辈模式');
    console.log('elder no-js: on, kept across pages, off again');
  } finally {
    await context.close();
  }
}

// With JavaScript the choice is remembered: a plain page opened later moves to elder/.
async function elderRemembered(userDataDir) {
  const context = await launch(userDataDir, { viewport: { width: 390, height: 844 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    watchPage(page, 'elder remembered');
    await page.goto(BASE_URL, { waitUntil: 'load' });
    await Promise.all([page.waitForURL('**/elder/**'), page.locator('.elder-switch').click()]);
    await page.goto(BASE_URL + BUILDING_PATH, { waitUntil: 'commit' });  // site.js moves on at once
    await page.waitForURL('**/elder/' + BUILDING_PATH + '**', { timeout: 10000 });
    await page.waitForLoadState('load');
    await Promise.all([page.waitForURL((u) => !u.pathname.includes('/elder/')), page.locator('.elder-switch').click()]);
    await page.goto(BASE_URL + STEWARD_PATH, { waitUntil: 'load' });
    if (page.url().includes('/elder/')) fail('elder remembered: still moved to elder/ after 退出长辈模式');
    console.log('elder remembered: a plain page opened later moves to its elder/ copy');
  } finally {
    await context.close();
  }
}

// 朗读: the text is in the page (data-speech); with a zh-CN voice the button shows and
// speaks exactly that text; with no Chinese voice, or no speechSynthesis, it stays hidden.
async function readAloud(userDataDir) {
  const fakeSpeech = (voices) => {
    if (voices === null) { Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }); return; }
    window.__spoken = [];
    const fake = {
      getVoices: () => voices.map((lang) => ({ lang, name: 'fake ' + lang, default: false, localService: true, voiceURI: lang })),
      speak: (u) => { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang }); },
      cancel: () => {},
      addEventListener: () => {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    // The real utterance only takes real voices; this one records what it was given.
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  };
  for (const [voices, shown] of [[['en-US', 'zh-CN'], true], [['en-US'], false], [null, false]]) {
    const label = `read-aloud (voices: ${voices ? voices.join(' ') : 'no speechSynthesis'})`;
    const context = await launch(userDataDir + (voices ? voices.length : 0), { viewport: { width: 390, height: 844 } });
    try {
      await context.addInitScript(fakeSpeech, voices);
      const page = context.pages()[0] || await context.newPage();
      watchPage(page, label);
      for (const path of [BUILDING_PATH, STEWARD_PATH]) {
        await page.goto(BASE_URL + path, { waitUntil: 'load' });
        const button = page.locator(`#steward-HF-001 button.speak`);
        const text = await button.getAttribute('data-speech');
        if (!text || !text.startsWith('红管家王建华，电话：幺三八，零零零零，零零零幺。下次敲门日：'))
          fail(`${label} ${path}: data-speech is "${text}"`);
        if ((await button.isVisible()) !== shown) fail(`${label} ${path}: the 朗读 button is ${shown ? 'hidden' : 'shown'}`);
        if (!shown) continue;
        await button.click();
        const spoken = await page.evaluate(() => window.__spoken);
        if (spoken.length !== 1 || spoken[0].text !== text || spoken[0].lang !== 'zh-CN' || spoken[0].voice !== 'zh-CN')
          fail(`${label} ${path}: spoke ${JSON.stringify(spoken)}`);
        await runAxe(page, `${label} ${path}`);
      }
      console.log(`${label}: the 朗读 button is ${shown ? 'shown and speaks the page\'s text' : 'hidden'}`);
    } finally {
      await context.close();
    }
  }
}

// Without JavaScript: home → community → building through plain links.
async function withoutJavaScript(userDataDir) {
  const context = await launch(userDataDir, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    watchPage(page, 'no-js');
    await page.goto(BASE_URL, { waitUntil: 'load' });
    const link = page.locator(`a[href$="${BUILDING_PATH}index.html"], a[href$="${BUILDING_PATH}"]`).first();
    await Promise.all([page.waitForURL('**/' + BUILDING_PATH + '**', { timeout: 10000 }), link.click()]);
    if ((await page.locator(`a[href="${STEWARD_TEL}"]`).count()) === 0) fail(`no-js: no steward link ${STEWARD_TEL}`);
    await screenshot(page, 'building-390x844-nojs');
  } finally {
    await context.close();
  }
}

// `hgj serve` (when SERVE_URL and SERVE_CONTENT are set): an open page reloads after a
// content change, shows a content error in an overlay, and reloads again once fixed.
async function liveReload(userDataDir) {
  const serveUrl = process.env.SERVE_URL;
  const steward = path.join(process.env.SERVE_CONTENT, 'stewards', 'HF-001.md');
  const original = fs.readFileSync(steward, 'utf8');
  const context = await launch(userDataDir, { viewport: { width: 390, height: 844 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(serveUrl + BUILDING_PATH, { waitUntil: 'load' });
    const reloaded = () => page.waitForEvent('load', { timeout: 20000 });

    let load = reloaded();
    fs.writeFileSync(steward, original.replace('王建华', '王建华华'));
    await load;
    if ((await page.locator('text=王建华华').count()) === 0) fail('serve: the page did not show the change');

    fs.writeFileSync(steward, original.replace(/^phone = .*$/m, 'phone = "<b>1380000</b>"'));
    const overlay = page.locator('#hgj-serve-errors');
    await overlay.waitFor({ state: 'visible', timeout: 20000 });
    const text = await overlay.innerText();
    if (!text.includes('phone "<b>1380000</b>" is not a valid phone number')) fail(`serve: overlay says ${text}`);
    if ((await overlay.locator('b').count()) !== 0) fail('serve: markup from content rendered in the overlay');
    await screenshot(page, 'serve-error-overlay-390x844');

    load = reloaded();
    fs.writeFileSync(steward, original);
    await load;
    if ((await overlay.count()) !== 0) fail('serve: the overlay stayed after the fix');
    console.log('serve: live reload and error overlay work');
  } finally {
    fs.writeFileSync(steward, original);
    await context.close();
  }
}

async function main() {
  if (!BASE_URL || !SCREENSHOT_DIR) throw new Error('BASE_URL and SCREENSHOT_DIR must be set');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (scripts/deps.sh)`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'hgj-chromium-'));
  try {
    for (const viewport of VIEWPORTS) {
      const context = await launch(path.join(profiles, viewport.name), {
        viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.isMobile,
        hasTouch: viewport.hasTouch,
        deviceScaleFactor: 1,
      });
      try {
        const page = context.pages()[0] || await context.newPage();
        watchPage(page, viewport.name);
        await findMyBuilding(page, viewport);
        await accessibility(page, viewport);
      } finally {
        await context.close();
      }
    }
    await withoutJavaScript(path.join(profiles, 'nojs'));
    await elderWithoutJavaScript(path.join(profiles, 'elder-nojs'));
    await elderRemembered(path.join(profiles, 'elder-js'));
    await readAloud(path.join(profiles, 'speech'));
    if (process.env.SERVE_URL) await liveReload(path.join(profiles, 'serve'));
  } finally {
    fs.rmSync(profiles, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error('FAIL: the browser test did not finish within 420 s');
  process.exit(1);
}, 420000);

main().then(() => {
  clearTimeout(watchdog);
  if (failures.length > 0) {
    console.error(`browser test: ${failures.length} failure(s)`);
    process.exit(1);
  }
  console.log('browser test: ok');
}, (e) => {
  clearTimeout(watchdog);
  console.error('FAIL: ' + (e && e.stack || e));
  process.exit(1);
});
