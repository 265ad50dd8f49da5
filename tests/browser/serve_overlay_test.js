// `hgj serve`'s error overlay in a real browser (Debian's chromium through
// playwright-core): in the run's language (Chinese by default, English with --lang en),
// and with its caret under the character the message points at, at 360, 390 and 1280 px,
// both in the page as served and after live reload has replaced it. The content error is
// in a CSV row full of Chinese, where a caret counted in terminal cells lands elsewhere.
//
// Environment: HGJ (the hgj binary), HGJ_SOURCE_DIR, SCREENSHOT_DIR, optionally CHROMIUM.
// Exit 0 only when everything passed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { chromium } = require('playwright-core');

const HGJ = process.env.HGJ;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [360, 390, 1280];

const failures = [];
function fail(message) {
  failures.push(message);
  console.error('FAIL: ' + message);
}

// The demo's content with 户数 of 德平坝小区3幢 written in words: the caret points at 四.
function brokenContent(dir) {
  fs.cpSync(path.join(process.env.HGJ_SOURCE_DIR, 'content'), dir, { recursive: true });
  const csv = path.join(dir, 'buildings.csv');
  const text = fs.readFileSync(csv, 'utf8');
  const broken = text.replace(/^(dpb-03,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)48,/m, '$1四十八,');
  if (broken === text) throw new Error('buildings.csv has no dpb-03 row with 48 households');
  fs.writeFileSync(csv, broken);
  return csv;
}

// Starts `hgj serve`, resolves with its URL and the child.
function serve(content, out, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(HGJ, ['serve', '--port', '0', '--content', content, '--out', out, ...args],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    const timer = setTimeout(() => reject(new Error('hgj serve printed no URL within 60 s: ' + said)), 60000);
    child.stdout.on('data', (chunk) => {
      said += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(said);
      if (url) {
        clearTimeout(timer);
        resolve({ url: url[0], child });
      }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => reject(new Error(`hgj serve exited ${code}: ${said}`)));
  });
}

// Where the caret and the character it points at are: the caret's line repeats the
// excerpt's text before the caret, so the character's index is that text's length.
async function caretGeometry(page) {
  return page.evaluate(() => {
    const box = document.getElementById('hgj-serve-errors');
    const caret = box && box.querySelector('[data-hgj-caret]');
    if (!caret) return null;
    const block = caret.parentNode;
    const excerpt = block.firstChild;  // the excerpt's text node, then "\n"
    const index = caret.previousSibling.textContent.length;
    const range = document.createRange();
    range.setStart(excerpt, index);
    range.setEnd(excerpt, index + 1);
    const ch = range.getBoundingClientRect();
    const at = caret.getBoundingClientRect();
    const shown = block.getBoundingClientRect();
    return {
      lang: box.getAttribute('lang'),
      heading: box.querySelector('strong').textContent,
      text: box.innerText,
      character: excerpt.textContent.substr(index, 1),
      charLeft: ch.left, charRight: ch.right, charBottom: ch.bottom,
      caretLeft: at.left, caretRight: at.right, caretTop: at.top,
      shownLeft: shown.left, shownRight: shown.right,
      excerptLines: excerpt.textContent.split('\n').length,
    };
  });
}

function checkCaret(g, label, character) {
  if (!g) return fail(`${label}: no caret in the overlay`);
  if (g.character !== character) fail(`${label}: the caret points at "${g.character}", not "${character}"`);
  const middle = (g.caretLeft + g.caretRight) / 2;
  if (middle < g.charLeft || middle > g.charRight) {
    fail(`${label}: the caret (${g.caretLeft.toFixed(1)}–${g.caretRight.toFixed(1)} px) is not under ` +
      `"${g.character}" (${g.charLeft.toFixed(1)}–${g.charRight.toFixed(1)} px)`);
  }
  if (g.caretTop < g.charBottom - 2 || g.caretTop > g.charBottom + 30) fail(`${label}: the caret is not on the next line`);
  if (g.caretLeft < g.shownLeft || g.caretRight > g.shownRight) fail(`${label}: the caret is scrolled out of view`);
  if (g.excerptLines !== 2) fail(`${label}: the source line wrapped`);
}

async function run(language, args, env, expectHeading, expectLang, expectPage) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hgj-overlay-'));
  const csv = brokenContent(path.join(work, 'content'));
  const { url, child } = await serve(path.join(work, 'content'), path.join(work, 'public'), args, env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const width of WIDTHS) {
      const label = `${language} ${width}px`;
      const page = await browser.newPage({ viewport: { width, height: 740 }, locale: 'zh-CN' });
      await page.goto(url, { waitUntil: 'load' });
      const g = await caretGeometry(page);
      checkCaret(g, label, '四');
      if (g && g.lang !== expectLang) fail(`${label}: the overlay's lang is ${g.lang}`);
      if (g && g.heading !== expectHeading) fail(`${label}: the overlay's heading is ${g.heading}`);
      // Before any good build the page itself says so, in the same language.
      const said = await page.locator('main p').innerText();
      if (said !== expectPage) fail(`${label}: the page says ${said}`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `serve-overlay-${language}-${width}.png`) });
      if (width === 390) {
        // Another mistake, further right: live reload replaces the overlay in the open page.
        const text = fs.readFileSync(csv, 'utf8');
        fs.writeFileSync(csv, text.replace(/^(dpb-03,[^,]*,[^,]*,[^,]*,[^,]*,)4,四十八,/m, '$1四,48,'));
        await page.waitForFunction(() => {
          const caret = document.querySelector('#hgj-serve-errors [data-hgj-caret]');
          return caret && caret.previousSibling.textContent.endsWith('3幢,');
        }, null, { timeout: 20000 });
        checkCaret(await caretGeometry(page), label + ' after live reload', '四');
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `serve-overlay-${language}-${width}-reloaded.png`) });
        fs.writeFileSync(csv, text);
        await page.waitForFunction(() => {
          const caret = document.querySelector('#hgj-serve-errors [data-hgj-caret]');
          return caret && !caret.previousSibling.textContent.endsWith('3幢,');
        }, null, { timeout: 20000 });
      }
      await page.close();
    }
    console.log(`serve overlay (${language}): caret under its character at ${WIDTHS.join(', ')} px`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  if (!HGJ || !SCREENSHOT_DIR) throw new Error('HGJ and SCREENSHOT_DIR must be set');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Chinese: no message locale at all; English: --lang en.
  const zhEnv = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '' };
  await run('zh', [], zhEnv, 'hgj serve：内容有错误，这里仍是上一次成功的构建。改好后页面会自动刷新。', 'zh-CN',
    '还没有成功的构建。改好内容后页面会自动刷新。');
  await run('en', ['--lang', 'en'], zhEnv,
    'hgj serve: the content has errors; this is still the last good build. The page reloads once they are fixed.', 'en',
    'No build has succeeded yet. The page reloads once the content is fixed.');
  if (failures.length) {
    console.error(`${failures.length} failure(s)`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error('FAIL: ' + (e.stack || e));
  process.exit(1);
});
