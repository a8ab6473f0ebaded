// What the console's browser tests share: Chromium launched headless by playwright-core, a page
// watched for console errors, page errors and the token in a URL, and the sign-in.
'use strict';
const assert = require('node:assert/strict');
const {chromium} = require('playwright-core');

const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';

function launch() {
  return chromium.launch({executablePath: BROWSER, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']});
}

/** Collects in problems anything the browser reports as an error or warning, and a token in any URL. */
function watch(page, problems, token) {
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url().includes(token)) problems.push(`token in a URL: ${request.url().replace(token, '<token>')}`);
  });
  page.on('dialog', (dialog) => dialog.accept());
}

/** Opens the root, which redirects to the console, and signs in with the token from the keyboard. */
async function signIn(page, base, token) {
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/console\/$/, 'the root redirects to the console');
  await page.getByLabel('API token').fill(token);
  await page.getByLabel('API token').press('Enter'); // the keyboard signs in as the button does
  await page.getByRole('heading', {name: 'Overview'}).waitFor();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once condition() (which may return a promise) holds; rejects naming what after timeoutMs. */
async function waitFor(condition, what, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

module.exports = {launch, watch, signIn, sleep, waitFor};
