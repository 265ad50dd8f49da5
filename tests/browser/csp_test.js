// The site under the shipped nginx configuration's Content-Security-Policy, in Debian's
// chromium: the home, a building and a steward page, each also as its 长辈模式 copy, load
// with no CSP violation, the header is in force, and the site's own script still runs
// (the find-my-building box fetches search.json and lists a match).
// Environment: BASE_URL (the site served by nginx, ending in /), CHROMIUM (optional).
'use strict';

const { chromium } = require('playwright-core');

const BASE_URL = process.env.BASE_URL;
const PAGES = ['', 'building/dpb-03/', 'steward/HF-001/', 'elder/', 'elder/building/dpb-03/'];

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  const page = await browser.newPage();
  const violations = [];
  // Recorded in the page before its own scripts run; reported to the console as well.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  let failures = 0;
  for (const path of PAGES) {
    const response = await page.goto(BASE_URL + path, { waitUntil: 'networkidle' });
    const csp = response.headers()['content-security-policy'] || '';
    if (response.status() !== 200 || !csp.includes("script-src 'self'")) {
      console.log(`FAIL ${path}: status ${response.status()}, CSP "${csp}"`);
      failures++;
    }
    const seen = await page.evaluate(() => window.__csp);
    violations.push(...seen.map((v) => `${path}: ${v}`));
  }
  // The script runs under the policy: typing in the find box lists buildings from
  // search.json (connect-src 'self').
  const search = page.waitForResponse((r) => r.url().endsWith('search.json'));
  await page.goto(BASE_URL, { waitUntil: 'networkidle' });
  const fetched = await search;
  await page.locator('#find-q').fill('3幢');
  const shown = await page.locator('#find-results a').count();
  if (fetched.status() !== 200 || shown === 0) {
    console.log(`FAIL the find-my-building script under the CSP: search.json ${fetched.status()}, ${shown} buildings listed`);
    failures++;
  }
  await browser.close();
  for (const v of violations) console.log('FAIL CSP violation: ' + v);
  failures += violations.length;
  console.log(failures === 0 ? `csp: ${PAGES.length} pages, no violation` : `csp: ${failures} failures`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
  console.log('FAIL ' + e.stack);
  process.exit(1);
});
