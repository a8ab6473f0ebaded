// End-to-end test of the operator console in a real headless Chromium, driven by playwright-core.
// Run by ConsoleBrowserIT against the packaged service:
//   TIMER_URL=http://127.0.0.1:PORT TIMER_TOKEN=<admin token> SHOTS_DIR=docs node console-e2e.cjs
// It starts its own callback receiver on 127.0.0.1 (the service must allow private targets),
// creates tasks through the API, then does in the browser what an operator does: sign in, find
// a task by name, pause it (nothing fires), resume it, run it now (the new execution appears),
// cancel it, redrive and delete a dead letter; the browser console must stay clean and the token
// must never be in a URL.
'use strict';
const http = require('node:http');
const assert = require('node:assert/strict');
const path = require('node:path');
const {launch, watch, signIn, sleep, waitFor} = require('./console-browser.cjs');

const BASE = process.env.TIMER_URL;
const TOKEN = process.env.TIMER_TOKEN;
const SHOTS = process.env.SHOTS_DIR;
const RUN = Math.random().toString(36).slice(2, 8);
const NAME = `nightly-report-${RUN}`;

const step = (text) => console.log(`[console-e2e] ${text}`);

/** A loopback receiver: answers 200 on /ok and 503 on /fail, and remembers every execution id. */
function receiver() {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push({path: req.url, execution: req.headers['x-timer-execution-id'], task: req.headers['x-timer-task-id']});
    res.writeHead(req.url.startsWith('/fail') ? 503 : 200, {'Content-Type': 'application/json'});
    res.end('{"ok":true}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, hits, port: server.address().port})));
}

async function api(method, url, body) {
  const response = await fetch(BASE + url, {method, headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
    body: body && JSON.stringify(body)});
  const json = await response.json();
  assert.ok(response.ok, `${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function createTasks(port) {
  const target = (p) => `http://127.0.0.1:${port}${p}`;
  const task = await api('POST', '/api/v1/tasks', {user_id: 1001, type: 'interval', interval_seconds: 1, method: 'POST',
    http_endpoint: target('/ok'), headers: {Authorization: 'Bearer receiver-secret'}, body: {report: 'nightly'},
    name: NAME, labels: {team: 'reports', env: 'test'}});
  await api('POST', '/api/v1/tasks', {user_id: 1001, type: 'interval', interval_seconds: 2, http_endpoint: target('/fail'),
    name: `flaky-sync-${RUN}`, labels: {team: 'sync'}});
  await api('POST', '/api/v1/tasks', {user_id: 2002, type: 'cron', cron_expression: '0 0 12 * * ?', time_zone: 'Asia/Shanghai',
    http_endpoint: target('/ok'), name: `daily-digest-${RUN}`, labels: {team: 'mail'}});
  return task.task_id;
}

async function actOn(page, button, expected) {
  await page.getByRole('button', {name: button, exact: true}).click();
  await page.locator('#action-result').filter({hasText: expected}).waitFor({timeout: 10000});
  step(`${button}: "${await page.locator('#action-result').textContent()}"`);
}

/** Whether the service's OpenAPI document lists the pause, resume and run calls. */
const hitsOf = (hits, taskId) => hits.filter((hit) => hit.task === taskId);

async function main() {
  const {server, hits, port} = await receiver();
  const taskId = await createTasks(port);
  step(`created task ${NAME} (${taskId}), receiver on port ${port}`);
  const browser = await launch();
  const problems = [];
  try {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}});
    const page = await context.newPage();
    watch(page, problems, TOKEN);

    await signIn(page, BASE, TOKEN);
    assert.equal(await page.evaluate(() => sessionStorage.length), 1, 'the token is kept in sessionStorage');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'and nowhere else');
    step('signed in with the API token');

    await page.getByRole('link', {name: 'Tasks', exact: true}).click();
    await page.getByLabel('Name').fill(NAME.slice(0, -2));
    await page.getByRole('button', {name: 'Filter'}).click();
    await page.getByRole('link', {name: NAME}).click();
    await page.getByRole('heading', {name: NAME}).waitFor();
    assert.ok((await page.locator('dl.settings').textContent()).includes('Bearer ******'), 'secret headers are masked');
    step('found the task by name and opened its page');

    await actOn(page, 'Pause', 'Task paused successfully');
    await sleep(1500); // a fire already in flight may still land
    const beforeQuiet = hitsOf(hits, taskId).length;
    await sleep(3500);
    assert.equal(hitsOf(hits, taskId).length, beforeQuiet, 'a paused task fires nothing');
    step(`paused: nothing fired in 3.5 s (${beforeQuiet} calls before)`);

    await actOn(page, 'Resume', 'Task resumed successfully');
    await waitFor(() => hitsOf(hits, taskId).length > beforeQuiet, 'a resumed task fires again');
    step('resumed: it fires again');

    await actOn(page, 'Run now', 'Task run triggered');
    const runText = await page.locator('#action-result').textContent();
    const execution = /execution ([0-9a-f-]{36})/.exec(runText)[1];
    await page.locator('table.executions code', {hasText: execution.slice(0, 8)}).waitFor({timeout: 10000});
    assert.ok(hits.some((hit) => hit.execution === execution), 'the run reached the receiver with its execution id');
    step(`ran now: execution ${execution} is in the table`);
    if (SHOTS) await page.screenshot({path: path.join(SHOTS, 'console-task.png')});

    await actOn(page, 'Cancel', 'Task stopped successfully');
    await page.locator('dl.settings .status-stopped').waitFor();
    assert.ok(await page.getByRole('button', {name: 'Pause'}).isDisabled(), 'a stopped task cannot be paused');
    step('cancelled: the task is stopped');

    await page.getByRole('link', {name: 'Overview'}).click();
    await page.getByText('Fires/s (last minute)').waitFor();
    await page.getByText('it samples its own fire counter and lateness histogram').waitFor();
    const recent = await api('GET', '/api/v1/metrics/recent');
    const steps = recent.steps.filter((s) => s.lateness_p99_ms !== null);
    assert.ok(steps.length >= 2, `the service kept its recent steps (${recent.steps.length}, ${steps.length} with fires)`);
    assert.ok(steps.every((s) => s.lateness_p50_ms <= s.lateness_p99_ms), `p50 <= p99: ${JSON.stringify(steps)}`);
    assert.ok(steps.some((s) => s.lateness_p50_ms < 250), `sub-second lateness is resolved, not all in the 1 s bucket: ${JSON.stringify(steps.slice(-3))}`);
    const card = (title) => page.locator('.card', {hasText: title}).locator('.value');
    await waitFor(async () => /^\d+\.\d\d$/.test(await card('Fires/s (last minute)').textContent()), 'the fires/s card has a figure at once');
    assert.match(await card('Lateness p99 (last minute)').textContent(), /^\d+ ms$/);
    step(`overview: ${recent.steps.length} steps of 5 s at once, last minute ${JSON.stringify(recent.last_minute)}`);
    if (SHOTS) await page.screenshot({path: path.join(SHOTS, 'console-overview.png')});
    step('overview drawn');

    await page.getByRole('link', {name: 'Dead letters'}).click();
    await page.getByLabel('User id').fill('1001');
    await page.getByRole('button', {name: 'Show'}).click();
    const rows = page.locator('table.dead-letters tbody tr');
    await rows.first().waitFor({timeout: 30000}); // flaky-sync's fires fail after their retries
    const before = await rows.count();
    const redriven = await rows.first().locator('code').getAttribute('title');
    await rows.first().getByRole('button', {name: 'Redrive'}).click();
    await page.locator('#action-result').filter({hasText: `Redriving execution ${redriven}`}).waitFor({timeout: 10000});
    await waitFor(() => hits.filter((hit) => hit.execution === redriven).length > 1, 'the redrive reached the receiver with the same execution id');
    step(`dead letters: ${before} listed; redrove ${redriven}, sent again with its execution id`);
    await rows.first().getByRole('button', {name: 'Delete'}).click();
    await page.locator('#action-result').filter({hasText: 'Dead letter deleted'}).waitFor({timeout: 10000});
    step('dead letters: deleted one');

    await page.setViewportSize({width: 390, height: 844});
    for (const view of ['#/overview', '#/tasks', `#/task/${taskId}`, '#/dead-letters?user_id=1001']) {
      await page.evaluate((hash) => { location.hash = hash; }, view);
      await sleep(600);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${view} fits a phone's width (overflows by ${overflow}px)`);
    }
    step('every view fits a 390 px wide screen');

    await page.goto(`${BASE}/console/api`);
    await page.getByText('Coze Timer API').first().waitFor({timeout: 15000});
    step('swagger-ui shows the OpenAPI document');

    assert.deepEqual(problems, [], 'the browser console stays clean');
    step('the browser console is clean');
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(() => step('PASSED'), (error) => {
  console.error(`[console-e2e] FAILED: ${error.stack || error}`);
  process.exit(1);
});
