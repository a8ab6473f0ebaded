// The console's overview in cluster mode, in a real headless Chromium driven by playwright-core.
// Run by ConsoleClusterBrowserIT against one instance of a running cluster:
//   TIMER_URL=http://127.0.0.1:PORT TIMER_TOKEN=<admin token> TIMER_MEMBERS=a,b node console-cluster.cjs
// It signs in and waits until the members table lists every member of TIMER_MEMBERS with the slots
// it fires, all the slots between them and the answering instance marked as this one, and the
// cluster cards agree; the browser console must stay clean and the token never be in a URL.
'use strict';
const assert = require('node:assert/strict');
const {launch, watch, signIn, waitFor} = require('./console-browser.cjs');

const BASE = process.env.TIMER_URL;
const TOKEN = process.env.TIMER_TOKEN;
const MEMBERS = process.env.TIMER_MEMBERS.split(',');

const step = (text) => console.log(`[console-cluster] ${text}`);

/** The members table as [{member, owned, of, self}]. */
async function membersTable(page) {
  const rows = await page.locator('table.members tbody tr').evaluateAll((trs) => trs.map((tr) =>
    Array.from(tr.querySelectorAll('td'), (td) => td.textContent.trim())));
  return rows.map(([member, slots, self]) => {
    const [owned, of] = slots.split(' of ').map(Number);
    return {member, owned, of, self: self === 'this instance'};
  });
}

async function main() {
  const browser = await launch();
  const problems = [];
  try {
    const page = await (await browser.newContext({viewport: {width: 1280, height: 800}})).newPage();
    watch(page, problems, TOKEN);
    await signIn(page, BASE, TOKEN);
    step('signed in');

    const table = page.getByRole('table', {name: 'Cluster members and their slots'});
    await table.waitFor({timeout: 15000});
    let rows = [];
    // the slots settle between the members within a hand-over or two; the overview refreshes every 5 s
    await waitFor(async () => {
      rows = await membersTable(page);
      return rows.length === MEMBERS.length && rows.every((row) => row.owned > 0);
    }, 'every member listed with slots of its own', 30000).catch((error) => {
      throw new Error(`${error.message}: ${JSON.stringify(rows)}`);
    });
    assert.deepEqual(rows.map((row) => row.member).sort(), [...MEMBERS].sort(), 'the members are the instances');
    const slotCount = rows[0].of;
    assert.equal(rows.reduce((sum, row) => sum + row.owned, 0), slotCount, 'between them the members fire every slot');
    const self = rows.filter((row) => row.self);
    assert.equal(self.length, 1, 'one member is the instance that serves the page');
    step(`members table: ${rows.map((row) => `${row.member} ${row.owned} of ${row.of}${row.self ? ' (this instance)' : ''}`).join(', ')}`);

    const card = (title) => page.locator('.card', {hasText: title}).locator('.value');
    await waitFor(async () => Number(await card('Members').textContent()) === MEMBERS.length, 'the Members card counts them');
    await waitFor(async () => Number(await card('Slots this instance owns').textContent()) === self[0].owned,
      'the slots card agrees with the table');
    assert.equal(await card('ZooKeeper').textContent(), 'connected');
    step('cluster cards: members, this instance\'s slots, ZooKeeper connected');

    assert.deepEqual(problems, [], 'the browser console stays clean');
    step('the browser console is clean');
  } finally {
    await browser.close();
  }
}

main().then(() => step('PASSED'), (error) => {
  console.error(`[console-cluster] FAILED: ${error.stack || error}`);
  process.exit(1);
});
