#!/usr/bin/env node
// Checks HTML pages for accessibility with axe-core in headless Chromium.
// usage: node tests/web/axe.mjs FILE_OR_DIR...
//
// Every page (each FILE, and every *.html under each DIR) is opened as a
// file:// URL in one headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), axe-core is injected from node_modules and run with its
// default rules. Prints `ok - axe FILE` or `FAIL - axe FILE`, then each
// serious or critical violation (rule id, impact, help, first target) and, as
// notes that do not fail, the minor and moderate ones. Exits 1 when a page has
// a serious or critical violation or could not be checked, 2 on bad usage or
// when the browser cannot start. Never loads anything from the network, and
// gives up on a page after AXE_PAGE_TIMEOUT seconds (60 by default).
//
// Environment: CHROMIUM (default /usr/bin/chromium), AXE_PAGE_TIMEOUT.

import { readFileSync, statSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const FAILING = new Set(['serious', 'critical']);
const pageTimeout = 1000 * (Number(process.env.AXE_PAGE_TIMEOUT) || 60);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the networking flags Chromium stalls on a closed network.
// Playwright gives every launch a fresh, temporary --user-data-dir itself
// (and refuses one in args), removed when the browser closes.
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-dev-shm-usage', '--no-default-browser-check',
];

function usage(msg) {
  if (msg) console.error(`axe.mjs: ${msg}`);
  console.error('usage: node tests/web/axe.mjs FILE_OR_DIR...');
  process.exit(2);
}

function htmlUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlUnder(p));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(p);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// Rejects after ms, so that no step can hang the run.
function within(ms, what, promise) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim();
}

// axe's first target: a CSS selector, or a list of them through iframes
// and shadow roots.
function firstTarget(target) {
  if (!target || !target.length) return '(no target)';
  const t = target[0];
  return Array.isArray(t) ? t.join(' >>> ') : String(t);
}

function describe(v) {
  const n = `${v.nodes} element${v.nodes === 1 ? '' : 's'}`;
  return `${v.impact || 'unrated'} ${v.id}: ${oneLine(v.help)} (${n}, first: ${firstTarget(v.target)})`;
}

// One context and one page serve every file in turn (a new page costs a
// renderer process, about half a second); axe-core comes in as an init
// script, so it is in every document before anything else runs. After a
// failure the session is dropped and the next file gets a new one.
async function openSession(browser, axeSource) {
  const context = await browser.newContext({
    bypassCSP: true, // a page's Content-Security-Policy must not block axe
    offline: true,
    viewport: { width: 1280, height: 1024 },
  });
  const session = { context, page: null, external: [] };
  try {
    // Nothing from another host: abort any non-local request and note it.
    await context.route(/^(?!file:|data:|blob:|about:)/, (route) => {
      session.external.push(route.request().url());
      return route.abort();
    });
    await context.addInitScript({ content: axeSource });
    session.page = await context.newPage();
    session.page.setDefaultTimeout(pageTimeout);
  } catch (e) {
    await closeSession(session);
    throw e;
  }
  return session;
}

async function closeSession(session) {
  await within(10000, 'closing the page', session.context.close()).catch(() => {});
}

async function checkPage(session, file) {
  session.external = [];
  const { page } = session;
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    if (typeof axe === 'undefined') throw new Error('axe-core did not load in the page');
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      target: v.nodes.length ? v.nodes[0].target : null,
    }));
  });
  return { violations, external: session.external };
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.length) usage();
  let pwc;
  let axeSource;
  try {
    pwc = require('playwright-core');
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch (e) {
    console.error(`axe.mjs: ${oneLine(e.message)}\naxe.mjs: run scripts/web-deps.sh`);
    process.exit(2);
  }

  let failed = false;
  const files = [];
  for (const a of args) {
    let st;
    try { st = statSync(a); } catch { st = null; }
    if (st && st.isDirectory()) {
      const found = htmlUnder(a);
      if (!found.length) {
        console.log(`FAIL - axe: no *.html file in ${a}`);
        failed = true;
      }
      files.push(...found);
    } else if (st && st.isFile()) {
      files.push(a);
    } else {
      console.log(`FAIL - axe ${a}\n  ${a}: no such file or folder`);
      failed = true;
    }
  }

  // A last resort against any hang: the whole run's budget, then exit.
  const budget = pageTimeout * (files.length + 1) + 30000;
  const watchdog = setTimeout(() => {
    console.log(`FAIL - axe: the run took longer than ${budget / 1000} s; giving up`);
    process.exit(2);
  }, budget);
  watchdog.unref();

  let browser;
  if (files.length) {
    try {
      browser = await pwc.chromium.launch({
        executablePath, args: chromiumArgs, headless: true, timeout: pageTimeout,
      });
    } catch (e) {
      console.log(`FAIL - axe: cannot start ${executablePath}: ${oneLine(e.message).slice(0, 500)}`);
      process.exit(2);
    }
  }

  let session = null;
  for (const file of files) {
    let r;
    try {
      r = await within(pageTimeout, file, (async () => {
        if (!session) session = await openSession(browser, axeSource);
        return checkPage(session, file);
      })());
    } catch (e) {
      console.log(`FAIL - axe ${file}\n  not checked: ${oneLine(e.message).slice(0, 500)}`);
      failed = true;
      if (session) {
        const s = session;
        session = null;
        await closeSession(s);
      }
      if (!browser.isConnected()) {
        console.log('FAIL - axe: the browser died; giving up');
        process.exit(2);
      }
      continue;
    }
    const bad = r.violations.filter((v) => FAILING.has(v.impact));
    const notes = r.violations.filter((v) => !FAILING.has(v.impact));
    console.log(`${bad.length ? 'FAIL' : 'ok'} - axe ${file}`);
    if (bad.length) failed = true;
    for (const v of bad) {
      console.log(`  ${describe(v)}`);
    }
    for (const v of notes) {
      console.log(`  note: ${describe(v)}`);
    }
    for (const u of [...new Set(r.external)]) {
      console.log(`  note: the page asks for ${u} (blocked)`);
    }
  }

  if (session) await closeSession(session);
  if (browser) await within(15000, 'closing the browser', browser.close()).catch(() => {});
  clearTimeout(watchdog);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL - axe: ${oneLine(e && e.stack ? e.stack : e)}`);
  process.exit(2);
});
