// The workbench (hgj studio) in a real browser, as a staff member uses it: Debian's
// chromium driven by playwright-core. Signs in (a wrong password first), imports a real
// .xlsx with mistakes and sees them row by row (no 导入 button), imports the corrected
// file, reviews the change and downloads the 审批单, publishes and downloads the reprint
// pack, and restores the earlier version from 历史; sees the lobby screens of the changed
// buildings on 预览 and pairs a waiting screen on 触摸屏. Every workbench page is axe-clean
// (WCAG 2.0/2.1 A and AA) at 1280 and 390 px wide, its text at least 18 px and its
// buttons and links at least 44×44 px; screenshots of every page are saved.
//
// Environment: STUDIO_URL (ending in /), STUDIO_USER, STUDIO_PASSWORD, BAD_XLSX and
// GOOD_XLSX (stewards workbooks: with mistakes, and corrected), SCREENSHOT_DIR, and
// optionally CHROMIUM. Exit 0 only when everything passed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const STUDIO_URL = process.env.STUDIO_URL;
const USER = process.env.STUDIO_USER;
const PASSWORD = process.env.STUDIO_PASSWORD;
const BAD_XLSX = process.env.BAD_XLSX;
const GOOD_XLSX = process.env.GOOD_XLSX;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const failures = [];
function fail(message) {
  failures.push(message);
  console.error('FAIL: ' + message);
}

const WIDTHS = [
  { name: '1280', width: 1280, height: 900 },
  { name: '390', width: 390, height: 844 },
];

// axe, type size and target size on the page as it is now, at both widths.
async function audit(page, name) {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', '));
    }, AXE_TAGS);
    for (const v of result) fail(`${name} at ${size.name} px: axe ${v}`);
    const small = await page.evaluate(() => {
      const problems = [];
      for (const el of document.querySelectorAll('main p, main li, main td, main label, nav a, button, .button')) {
        const style = getComputedStyle(el);
        if (style.display === 'none' || el.offsetParent === null) continue;
        if (parseFloat(style.fontSize) < 17.9) problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" ${style.fontSize}`);
      }
      for (const el of document.querySelectorAll('nav a, button, .button, input[type=file], select')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if (box.height < 44 || box.width < 44) problems.push(`target "${el.textContent.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      return problems.slice(0, 5);
    });
    for (const p of small) fail(`${name} at ${size.name} px: ${p}`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-${name}-${size.name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function expectText(page, text, what) {
  const body = await page.textContent('body');
  if (!body.includes(text)) fail(`${what}: the page does not say “${text}”`);
}

async function download(page, clickSelector, what) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click(clickSelector)]);
  const file = await dl.path();
  const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
  if (head !== '%PDF-') fail(`${what}: the download is not a PDF`);
  return file;
}

async function main() {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hgj-studio-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    bypassCSP: true,  // axe is injected as an inline script; the workbench's own CSP is tested by studio_local.sh
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => fail('page error: ' + e.message));
  page.on('dialog', (d) => { fail('a pop-up appeared: ' + d.message()); d.dismiss(); });

  // Sign in: a wrong password first.
  await page.goto(STUDIO_URL);
  if (!page.url().endsWith('/login')) fail('an unknown visitor was not sent to /login: ' + page.url());
  await audit(page, 'login');
  await page.fill('#name', USER);
  await page.fill('#password', PASSWORD + 'x');
  await page.click('main button');
  await expectText(page, '用户名或密码不对', 'a wrong password');
  await page.fill('#name', USER);
  await page.fill('#password', PASSWORD);
  await page.click('main button');
  await expectText(page, '位在任红管家', 'the overview after signing in');
  await audit(page, 'overview');

  // Import with mistakes: rows shown with their problems, no 导入 button.
  await page.click('nav a[href="/import"]');
  await audit(page, 'import');
  await page.setInputFiles('#upload', BAD_XLSX);
  await page.click('main form button');
  await page.waitForURL(/\/import\/preview/);
  const marked = await page.locator('tr.has-problem').count();
  if (marked < 2) fail(`the preview marks ${marked} rows with problems, not the two with mistakes`);
  await expectText(page, '1380000', 'the bad phone in the preview');
  if (await page.locator('form[action="/import/accept"]').count()) fail('an import with new errors can be accepted');
  await audit(page, 'import-preview-bad');
  await page.click('form[action="/import/discard"] button');

  // The corrected file: accepted.
  await page.setInputFiles('#upload', GOOD_XLSX);
  await page.click('main form button');
  await page.waitForURL(/\/import\/preview/);
  await expectText(page, '139 0000 0999', 'the corrected phone in the preview');
  await audit(page, 'import-preview-good');
  await page.click('form[action="/import/accept"] button');
  await expectText(page, '已导入', 'accepting the import');

  // Review the change, print the 审批单.
  await page.click('nav a[href="/changes"]');
  await expectText(page, '→ 139 0000 0999', 'the change after the import');
  await audit(page, 'changes');
  await download(page, 'a[href="/changes/approval.pdf"]', 'the 审批单');

  for (const [href, name] of [['/check', 'check'], ['/preview', 'preview'], ['/print', 'print'], ['/fleet', 'fleet']]) {
    await page.click(`nav a[href="${href}"]`);
    await audit(page, name);
  }

  // Publish twice (the first publication, then after a further import), the reprint pack.
  await page.click('nav a[href="/publish"]');
  await audit(page, 'publish');
  await page.click('form[action="/publish"] button');
  await expectText(page, '已发布', 'the first publication');
  await page.click('nav a[href="/import"]');
  await page.setInputFiles('#upload', BAD_XLSX.replace(/bad\.xlsx$/, 'later.xlsx'));
  await page.click('main form button');
  await page.waitForURL(/\/import\/preview/);
  await page.click('form[action="/import/accept"] button');
  // 预览 draws the changed building's screen (hgj-kiosk), shown as a picture.
  await page.click('nav a[href="/preview"]');
  const screens = page.locator('ul.shots img');
  if ((await screens.count()) < 1) fail('预览 shows no lobby screen of the changed building');
  else if (!(await screens.first().evaluate((img) => img.complete && img.naturalWidth === 1080 && img.naturalHeight === 1920)))
    fail('the lobby screen on 预览 is not a 1080×1920 picture');
  await audit(page, 'preview-screens');
  await page.click('nav a[href="/publish"]');
  await page.click('form[action="/publish"] button');
  await expectText(page, '已发布', 'the second publication');
  await download(page, 'a[href="/publish/reprint.pdf"]', 'the reprint pack');

  // Restore the version before the imports.
  await page.click('nav a[href="/history"]');
  await audit(page, 'history');
  const restores = page.locator('form[action="/history/restore"] button');
  if ((await restores.count()) < 2) fail('历史 offers fewer than two versions to restore');
  await restores.last().click();
  await expectText(page, '已恢复', 'restoring the first version');
  await page.click('nav a[href="/changes"]');
  await expectText(page, '139 0000 0999 →', 'the restored phone against the last publication');

  // Pair the screen showing HQX-TNV with 德平坝小区5幢.
  await page.click('nav a[href="/fleet"]');
  await page.selectOption('#pair-1', 'dpb-05');
  await page.click('form[action="/fleet/pair"] button');
  await expectText(page, '已配对：配对码 HQX-TNV 的屏幕放在 德平坝小区5幢（dpb-05）', 'pairing a screen');
  await audit(page, 'fleet-paired');

  // Signing out ends the session.
  await page.click('.who button');
  await page.goto(STUDIO_URL + 'history');
  if (!page.url().endsWith('/login')) fail('after signing out, 历史 did not ask to sign in');

  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  if (failures.length) {
    console.error(`${failures.length} failures`);
    process.exit(1);
  }
  console.log('PASS: studio in the browser');
}

main().catch((e) => {
  console.error('FAIL: ' + (e.stack || e));
  process.exit(1);
});
