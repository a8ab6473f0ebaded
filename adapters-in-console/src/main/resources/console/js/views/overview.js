// The overview: fires per second and lateness percentiles from the service's own metrics
// (sampled every five seconds while the page is open, the last ten minutes kept), the caller's
// tasks by status, the failing ones, and in cluster mode what this instance sees of the cluster.
import uPlot from '../../lib/uplot/1.6.30/dist/uPlot.esm.js';
import {clusterView, listTasks} from '../api.js';
import {fill, h, ms} from '../dom.js';
import {quantile, rate, scrape} from '../metrics.js';
import {STATUSES, tasksTable} from './tasks.js';

const SAMPLE_MS = 5000;
const KEEP_MS = 10 * 60 * 1000;
const RECENT_MS = 60 * 1000;

export function overviewView(main, me) {
  const samples = [];
  const cards = h('div', {class: 'cards'});
  const fireChart = h('div', {class: 'chart', role: 'img', 'aria-label': 'Fires per second, last 10 minutes'});
  const latenessChart = h('div', {class: 'chart', role: 'img', 'aria-label': 'Fire lateness p50 and p99 in ms, last 10 minutes'});
  const statusCounts = h('div', {class: 'cards'});
  const failing = h('div', {class: 'table-wrap'});
  const cluster = h('div');
  fill(main, h('h2', {}, 'Overview'),
    h('p', {class: 'muted'}, 'From this instance\'s metrics, sampled every 5 s since this page opened.'),
    cards, h('div', {class: 'charts'}, fireChart, latenessChart), cluster,
    h('h3', {}, me.admin ? 'Tasks by status (all users)' : 'Your tasks by status'), statusCounts,
    h('h3', {}, 'Failing tasks'), failing);

  const charts = [chart(fireChart, [{label: 'fires/s', stroke: '#2457a6'}]),
    chart(latenessChart, [{label: 'p50 ms', stroke: '#1d6b35'}, {label: 'p99 ms', stroke: '#a4161a'}])];
  const resize = () => charts.forEach((c) => c.setSize(size(c.root.parentElement)));
  window.addEventListener('resize', resize);

  let statuses = null;
  async function sample() {
    try {
      const [now, members] = await Promise.all([scrape(), clusterView()]);
      now.members = members;
      samples.push(now);
      while (samples.length && samples[0].at < now.at - KEEP_MS) samples.shift();
      statuses = statuses || STATUSES.filter((status) => now.statuses.includes(status));
      draw(now);
    } catch (error) {
      fill(cards, h('p', {class: 'error', role: 'alert'}, `Could not read the metrics: ${error.message}`));
    }
  }

  function draw(now) {
    const recent = samples.find((s) => s.at >= now.at - RECENT_MS) || now;
    const earlier = recent === now && samples.length > 1 ? samples[samples.length - 2] : recent;
    fill(cards,
      card('Fires/s (last minute)', earlier === now ? '—' : rate(earlier, now).toFixed(2)),
      card('Lateness p50 (last minute)', ms(quantile(0.5, earlier, now))),
      card('Lateness p99 (last minute)', ms(quantile(0.99, earlier, now))),
      card('Fires since start', now.fires));
    const points = samples.slice(1).map((s, i) => [s.at / 1000, rate(samples[i], s),
      quantile(0.5, samples[i], s), quantile(0.99, samples[i], s)]);
    charts[0].setData([points.map((p) => p[0]), points.map((p) => p[1])]);
    charts[1].setData([points.map((p) => p[0]), points.map((p) => p[2]), points.map((p) => p[3])]);
    fill(cluster, now.cluster ? [h('h3', {}, 'Cluster'), h('div', {class: 'cards'},
      card('Members', now.cluster.members), card('Slots this instance owns', now.cluster.ownedSlots),
      card('ZooKeeper', now.cluster.zookeeperConnected ? 'connected' : 'disconnected')),
      membersTable(now.members)] : null);
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

  sample().then(tasks);
  const timers = [setInterval(sample, SAMPLE_MS), setInterval(tasks, 3 * SAMPLE_MS)];
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
    scales: {x: {time: true}}, axes: [{}, {size: 50}]}, [[], ...series.map(() => [])], el);
}
