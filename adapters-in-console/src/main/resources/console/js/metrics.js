// The service's own gauges and fire counter, read from /observe/metrics (Prometheus text) while the
// overview is open. Rates and lateness quantiles over time are the service's own computation,
// GET /api/v1/metrics/recent (api.js). Every metric name the console reads is in METRICS below: a
// renamed metric is one edit here.

export const METRICS = {
  /** counter: fires sent */
  fires: 'timer_fires_total',
  /** gauge by status: which statuses the service knows */
  tasks: 'timer_tasks',
  /** cluster mode only: gauges of this instance */
  members: 'timer_cluster_members',
  ownedSlots: 'timer_cluster_owned_slots',
  zookeeperConnected: 'timer_cluster_zookeeper_connected',
};

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus text as [{name, labels, value}]. */
export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, key, value] of (match[2] || '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, '$1');
    samples.push({name: match[1], labels, value: Number(match[3])});
  }
  return samples;
}

/** One scrape reduced to what the overview shows. */
export function snapshot(samples, at) {
  const one = (name) => samples.find((s) => s.name === name)?.value;
  return {
    at,
    fires: one(METRICS.fires) ?? 0,
    statuses: samples.filter((s) => s.name === METRICS.tasks).map((s) => s.labels.status).filter(Boolean),
    cluster: one(METRICS.members) === undefined ? null : {
      members: one(METRICS.members),
      ownedSlots: one(METRICS.ownedSlots),
      zookeeperConnected: one(METRICS.zookeeperConnected) === 1,
    },
  };
}

export async function scrape() {
  const response = await fetch('/observe/metrics', {headers: {Accept: 'text/plain'}, cache: 'no-store', credentials: 'omit'});
  if (!response.ok) throw new Error(`metrics: HTTP ${response.status}`);
  return snapshot(parse(await response.text()), Date.now());
}
