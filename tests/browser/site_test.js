// The site in a real browser: Debian's chromium driven by playwright-core (no browser
// download). Opens the home and a building page on a phone (390×844) and a desktop
// (1280×800), reaches the building through the find-my-building box, checks the
// steward's tel: link, runs axe-core (WCAG 2.0/2.1 A and AA) on every page shown and
// saves screenshots. Also walks home → community list → building with JavaScript off.
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
function watchPage(page, label) {
  page.on('pageerror', (e) => fail(`${label}: script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url || '';
    // Browsers ask for /favicon.ico on their own; the site need not have one.
    if (url.endsWith('/favicon.ico')) return;
    fail(`${label}: console error: ${m.text()} ${url}`);
  });
  page.on('requestfailed', (r) => fail(`${label}: request failed: ${r.url()} (${r.failure().errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) fail(`${label}: HTTP ${r.status()} for ${r.url()}`); });
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE_URL)) fail(`${label}: loads from outside the site: ${r.url()}`);
  });
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
}

// 长辈模式 (elder mode) is a checkbox label that works without JS: larger text, high contrast.
async function elderMode(page) {
  await page.goto(BASE_URL + BUILDING_PATH, { waitUntil: 'load' });
  await page.getByText('长辈模式').first().click();
  await runAxe(page, 'building 390x844 elder mode');
  await screenshot(page, 'building-390x844-elder');
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
        if (viewport.isMobile) await elderMode(page);
      } finally {
        await context.close();
      }
    }
    await withoutJavaScript(path.join(profiles, 'nojs'));
    if (process.env.SERVE_URL) await liveReload(path.join(profiles, 'serve'));
  } finally {
    fs.rmSync(profiles, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error('FAIL: the browser test did not finish within 180 s');
  process.exit(1);
}, 180000);

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
