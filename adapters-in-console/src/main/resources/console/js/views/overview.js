// The overview: this instance's fires per second and lateness percentiles over the last 15
// minutes (computed by the service from its own metrics, GET /api/v1/metrics/recent, read when the
// page opens and every five seconds after), the caller's tasks by status, the failing ones, and in
// cluster mode what this instance sees of the cluster.
import uPlot from '../../lib/uplot/1.6.30/dist/uPlot.esm.js';
import {clusterView, listTasks, recentMetrics} from '../api.js';
import {fill, h, ms} from '../dom.js';
import {scrape} from '../metrics.js';
import {STATUSES, tasksTable} from './tasks.js';

const REFRESH_MS = 5000;

export function overviewView(main, me) {
  const cards = h('div', {class: 'cards'});
  const fireChart = h('div', {class: 'chart', role: 'img', 'aria-label': 'Fires per second, last 15 minutes'});
  const latenessChart = h('div', {class: 'chart', role: 'img', 'aria-label': 'Fire lateness p50 and p99 in ms, last 15 minutes'});
  const statusCounts = h('div', {class: 'cards'});
  const failing = h('div', {class: 'table-wrap'});
  const cluster = h('div');
  fill(main, h('h2', {}, 'Overview'),
    h('p', {class: 'muted', id: 'metrics-source'}, 'Fires and lateness of the instance that serves this page, over the last 15 minutes: '
      + 'it samples its own fire counter and lateness histogram (timer_fires_total, timer_fire_lateness_seconds '
      + 'of /observe/metrics) every 5 s and keeps them in memory; a restarted instance starts again from empty.'),
    cards, h('div', {class: 'charts'}, fireChart, latenessChart), cluster,
    h('h3', {}, me.admin ? 'Tasks by status (all users)' : 'Your tasks by status'), statusCounts,
    h('h3', {}, 'Failing tasks'), failing);

  const charts = [chart(fireChart, [{label: 'fires/s', stroke: '#2457a6'}]),
    chart(latenessChart, [{label: 'p50 ms', stroke: '#1d6b35'}, {label: 'p99 ms', stroke: '#a4161a'}])];
  const resize = () => charts.forEach((c) => c.setSize(size(c.root.parentElement)));
  window.addEventListener('resize', resize);

  let statuses = null;
  async function refresh() {
    try {
      const [recent, now, members] = await Promise.all([recentMetrics(), scrape(), clusterView()]);
      statuses = statuses || STATUSES.filter((status) => now.statuses.includes(status));
      draw(recent, now, members);
    } catch (error) {
      fill(cards, h('p', {class: 'error', role: 'alert'}, `Could not read the metrics: ${error.message}`));
    }
  }

  function draw(recent, now, members) {
    const minute = recent.last_minute;
    fill(cards,
      card('Fires/s (last minute)', minute ? minute.fires_per_second.toFixed(2) : '—'),
      card('Lateness p50 (last minute)', ms(minute && minute.lateness_p50_ms)),
      card('Lateness p99 (last minute)', ms(minute && minute.lateness_p99_ms)),
      card('Fires since start', now.fires));
    const at = recent.steps.map((step) => Date.parse(step.at) / 1000);
    charts[0].setData([at, recent.steps.map((step) => step.fires_per_second)]);
    charts[1].setData([at, recent.steps.map((step) => step.lateness_p50_ms), recent.steps.map((step) => step.lateness_p99_ms)]);
    fill(cluster, now.cluster ? [h('h3', {}, 'Cluster'), h('div', {class: 'cards'},
      card('Members', now.cluster.members), card('Slots this instance owns', now.cluster.ownedSlots),
      card('ZooKeeper', now.cluster.zookeeperConnected ? 'connected' : 'disconnected')),
      membersTable(members)] : null);
  }

  async function tasks() {
    try {
      const known = statuses || STATUSES;
      const totals = await Promise.all(known.map((status) => listTasks(me, {status, limit: 1}).then((p) => p.total)));
      fill(statusCounts, known.map((status, i) => card(status, totals[i])));
      const [failed, running] = await Promise.all([listTasks(me, {status: 'failed', limit: 20}),
        listTasks(me, {status: 'running', limit: 200})]);
      const list = [...running.tasks.filter((t) => t.last_execution && t.last_execution.outcome !== 'success'), ...failed.tasks];
      fill(failing, list.length ? tasksTable(list, me) : h('p', {}, 'No failing tasks.'),
        h('p', {class: 'muted'}, 'Failed tasks, and running tasks whose latest execution did not succeed.'));
    } catch (error) {
      fill(statusCounts, h('p', {class: 'error', role: 'alert'}, `Could not count the tasks: ${error.message}`));
    }
  }

  refresh().then(tasks);
  const timers = [setInterval(refresh, REFRESH_MS), setInterval(tasks, 3 * REFRESH_MS)];
  return () => {
    timers.forEach(clearInterval);
    window.removeEventListener('resize', resize);
    charts.forEach((c) => c.destroy());
  };
}

/** Each member and the slots it fires, as the instance that served the console sees them. */
function membersTable(view) {
  const rows = view.members.map((m) => h('tr', {}, h('td', {}, h('code', {}, m.member_id)),
    h('td', {}, `${m.slots} of ${view.slot_count}`), h('td', {}, m.self ? 'this instance' : '')));
  return h('div', {class: 'table-wrap'}, h('table', {class: 'members', 'aria-label': 'Cluster members and their slots'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Member'), h('th', {scope: 'col'}, 'Slots'), h('th', {scope: 'col'}, ''))),
    h('tbody', {}, rows)));
}

function card(title, value) {
  return h('div', {class: 'card'}, h('div', {class: 'muted'}, title), h('div', {class: 'value'}, value));
}

function size(el) {
  return {width: Math.max(260, el.clientWidth - 16), height: 200};
}

function chart(el, series) {
  return new uPlot({...size(el), series: [{}, ...series.map((s) => ({...s, width: 2, spanGaps: true}))],
    scales: {x: {time: true}}, axes: [{}, {size: 64}]}, [[], ...series.map(() => [])], el);
}
