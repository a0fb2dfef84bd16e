// Loads each vendor's HTML reference in headless Chromium and finds every
// operation its OpenAPI export lists: a rendered section, a contents link that
// scrolls to it, and no request leaving the page, no script error.
//
// Usage: node check-pages.mjs DIR, where DIR holds <vendor>.html and
// <vendor>.openapi.json as the CLI writes them (run.sh makes them).
// CHROMIUM names the browser (default /usr/bin/chromium, Debian's package).
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The operationIds of an exported document, in document order. */
function operationIds(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return Object.values(doc.paths).flatMap((item) =>
    METHODS.filter((m) => item[m]).map((m) => item[m].operationId));
}

/** Problems with one operation's section and its contents link, found in the page. */
function sectionProblems(id) {
  const section = document.querySelector(`section.operation[data-operation="${CSS.escape(id)}"]`);
  if (!section) return 'no section';
  if (!section.id.startsWith('op-')) return `section id ${section.id}`;
  if (!section.textContent.includes(id)) return 'the name is not shown';
  if (section.getBoundingClientRect().height === 0) return 'not rendered';
  if (!document.querySelector(`nav a[href="#${CSS.escape(section.id)}"]`)) return 'no contents link';
  return null;
}

/** After a contents link was followed: where the page is, and whether the section is in view. */
function followed(id) {
  const section = document.querySelector(`section.operation[data-operation="${CSS.escape(id)}"]`);
  const box = section.getBoundingClientRect();
  return { hash: location.hash, sectionId: section.id, inView: box.top < innerHeight && box.bottom > 0 };
}

async function checkPage(browser, dir, vendor) {
  const ids = operationIds(join(dir, `${vendor}.openapi.json`));
  const url = pathToFileURL(join(dir, `${vendor}.html`)).href;
  const page = await browser.newPage();
  const problems = [];
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith(`${url}#`)) problems.push(`requested ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(`script error ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error ${m.text()}`); });
  await page.goto(url, { waitUntil: 'load' });
  const sections = await page.locator('section.operation').count();
  if (sections !== ids.length) problems.push(`${sections} operation sections for ${ids.length} operations`);
  for (const id of ids) {
    const problem = await page.evaluate(sectionProblems, id);
    if (problem) { problems.push(`${id}: ${problem}`); continue; }
    const sectionId = await page.evaluate((i) => document.querySelector(`section.operation[data-operation="${CSS.escape(i)}"]`).id, id);
    await page.locator(`nav a[href="#${sectionId}"]`).click();
    const at = await page.evaluate(followed, id);
    if (at.hash !== `#${at.sectionId}` || !at.inView) problems.push(`${id}: the contents link leads to ${at.hash}, in view: ${at.inView}`);
  }
  await page.close();
  return { ids, problems };
}

const dir = resolve(process.argv[2] ?? '.');
const vendors = readdirSync(dir)
  .filter((f) => f.endsWith('.openapi.json'))
  .map((f) => f.slice(0, -'.openapi.json'.length))
  .sort();
if (vendors.length === 0) {
  console.error(`no exported documents in ${dir}`);
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // Playwright adds --headless and a new, empty profile; these keep Chromium
  // off the network it would otherwise try at start.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  for (const vendor of vendors) {
    const { ids, problems } = await checkPage(browser, dir, vendor);
    if (ids.length === 0) problems.push('the export lists no operation');
    console.log(`${vendor}: ${ids.length} operation(s) looked for${problems.length ? `, ${problems.length} problem(s)` : ', all found'}`);
    for (const p of problems) console.log(`  ${p}`);
    failed ||= problems.length > 0;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
