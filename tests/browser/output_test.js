// The site's output in a real browser (run by tests/e2e/browser_output.sh): Debian's
// chromium driven by playwright-core.
// - Phones: at 320, 360, 390 and 420 px, normal and 长辈模式, every tel: link's number is
//   the whole number (its digits are the link's) and every character of it is on screen:
//   nothing scrolls inside it, and no box around it (the button, a clipping ancestor, the
//   window) cuts any of its lines.
// - The find-my-building placeholder names the first building listed on its own site.
// - Find-my-building, typed: the ways residents write the demo's 德平坝小区3幢 all find it;
//   something that is no building says so.
//
// Environment: DEMO_URL (the demo site, ending in /), OTHER_URL (a copy whose phones are
// LONG_PHONE and whose estate is another), optionally CHROMIUM. Exit 0 only when every
// check passed.
'use strict';

const { chromium } = require('playwright-core');

const DEMO_URL = process.env.DEMO_URL;
const OTHER_URL = process.env.OTHER_URL;
const LONG_PHONE = process.env.LONG_PHONE;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const failures = [];
function fail(message) {
  failures.push(message);
  console.error('FAIL: ' + message);
}

// Every page that shows phones: a steward's call button (building, steward), the
// property's and the grid's numbers (building, grid), the community office (community)
// and the hotline in every footer.
const PHONE_PAGES = ['', 'building/dpb-03/', 'steward/HF-001/', 'community/tianping/', 'grid/tianping-1/'];
const WIDTHS = [320, 360, 390, 420];
const MODES = [{ name: 'normal', prefix: '' }, { name: 'elder', prefix: 'elder/' }];

// In the page: each tel: link's number text and what cuts it, as problems.
function measurePhones() {
  const problems = [];
  const found = [];
  const vw = document.documentElement.clientWidth;
  for (const a of document.querySelectorAll('a[href^="tel:"]')) {
    const el = a.querySelector('.num') || a;
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    found.push(text);
    const say = (what) => problems.push(`"${text}" (${a.getAttribute('href')}): ${what}`);
    const want = a.getAttribute('href').slice(4).replace(/\D/g, '');
    if (text.replace(/\D/g, '') !== want) say(`shows the digits ${text.replace(/\D/g, '')}, the link calls ${want}`);
    for (const box of new Set([el, a])) {
      if (box.scrollWidth > box.clientWidth) say(`<${box.tagName.toLowerCase()} class="${box.className}"> scrolls: ${box.scrollWidth} px of text in ${box.clientWidth} px`);
    }
    const style = getComputedStyle(el);
    if (style.textOverflow === 'ellipsis') say('is set to end in an ellipsis');
    // Every line of the number, against the link's own box, each ancestor that clips
    // (overflow other than visible) and the window.
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    if (lines.length === 0) say('is not drawn');
    const clips = [{ name: 'the window', r: { left: 0, right: vw } }, { name: 'its link', r: a.getBoundingClientRect() }];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const st = getComputedStyle(p);
      if (st.overflowX !== 'visible') clips.push({ name: `<${p.tagName.toLowerCase()} class="${p.className}">`, r: p.getBoundingClientRect() });
    }
    for (const line of lines) {
      for (const c of clips) {
        if (line.left < c.r.left - 0.5 || line.right > c.r.right + 0.5) {
          say(`a line ${Math.round(line.left)}–${Math.round(line.right)} px runs outside ${c.name} (${Math.round(c.r.left)}–${Math.round(c.r.right)} px)`);
        }
      }
    }
  }
  return { problems, found };
}

async function checkPhones(browser) {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const mode of MODES) {
      for (const p of PHONE_PAGES) {
        const url = OTHER_URL + mode.prefix + p;
        await page.goto(url, { waitUntil: 'load' });
        const label = `${width} px ${mode.name} ${mode.prefix + p || 'home'}`;
        const { problems, found } = await page.evaluate(measurePhones);
        if (!found.some((t) => t === LONG_PHONE.replace('转', ' 转 ').replace(/\s+/g, ' '))) {
          fail(`${label}: no tel: link shows ${LONG_PHONE} (found: ${found.join(' | ')})`);
        }
        for (const problem of problems) fail(`${label}: ${problem}`);
      }
    }
    await context.close();
  }
  console.log(`phones: ${PHONE_PAGES.length} pages × ${MODES.length} modes × ${WIDTHS.length} widths checked`);
}

async function checkPlaceholder(browser) {
  const page = await browser.newPage({ locale: 'zh-CN' });
  for (const base of [DEMO_URL, OTHER_URL]) {
    for (const mode of MODES) {
      await page.goto(base + mode.prefix, { waitUntil: 'load' });
      const placeholder = await page.getAttribute('#find-q', 'placeholder');
      const first = (await page.locator('#all-buildings .buildings a').first().textContent()).trim();
      if (placeholder !== '例如：' + first) fail(`${base}${mode.prefix}: the placeholder is "${placeholder}", expected 例如：${first}`);
    }
  }
  await page.close();
  console.log('placeholder: checked on two streets');
}

// What residents type for 德平坝小区3幢, and something that is no building.
const FINDS = ['德平坝 3幢', '德平坝3幢', '德平坝3栋', '德平坝3号楼', '德平坝小区３幢', 'dpb', '3幢 德平坝', '德平坝小区3幢'];
const TARGET = '德平坝小区3幢';

async function checkFind(browser) {
  const page = await browser.newPage({ locale: 'zh-CN' });
  page.on('pageerror', (e) => fail(`find: script error: ${e.message}`));
  await page.goto(DEMO_URL, { waitUntil: 'networkidle' });
  const none = await page.getAttribute('#find', 'data-none');
  const found = await page.getAttribute('#find', 'data-found');
  const box = page.locator('#find-q');
  for (const q of FINDS) {
    await box.fill('');
    await box.pressSequentially(q);
    const hit = page.locator('#find-results a', { hasText: TARGET });
    try {
      await hit.first().waitFor({ state: 'visible', timeout: 3000 });
    } catch (e) {
      const shown = await page.locator('#find-results a').allTextContents();
      fail(`find 「${q}」: ${TARGET} is not among the results (${shown.join('、') || 'none'})`);
      continue;
    }
    const status = await page.textContent('#find-status');
    if (status !== found) fail(`find 「${q}」: the status says "${status}"`);
    // 3幢 is not 13幢 or 23幢: a number matches a whole number.
    const shown = await page.locator('#find-results a').allTextContents();
    const wrong = shown.filter((t) => /德平坝/.test(t) && q !== 'dpb' && !t.startsWith(TARGET));
    if (wrong.length) fail(`find 「${q}」 also lists ${wrong.join('、')}`);
  }
  for (const q of ['德平坝 9幢', '不存在的楼']) {
    await box.fill('');
    await box.pressSequentially(q);
    await page.waitForTimeout(300);
    const shown = await page.locator('#find-results a').allTextContents();
    const status = await page.textContent('#find-status');
    if (shown.length) fail(`find 「${q}」 lists ${shown.join('、')}, expected nothing`);
    if (status !== none) fail(`find 「${q}」: the status says "${status}", expected "${none}"`);
  }
  await page.close();
  console.log(`find: ${FINDS.length} ways of typing checked`);
}

(async () => {
  if (!DEMO_URL || !OTHER_URL || !LONG_PHONE) throw new Error('DEMO_URL, OTHER_URL and LONG_PHONE must be set');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update'],
  });
  try {
    await checkPhones(browser);
    await checkPlaceholder(browser);
    await checkFind(browser);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('all output checks passed');
})().catch((e) => { console.error(e); process.exit(1); });
