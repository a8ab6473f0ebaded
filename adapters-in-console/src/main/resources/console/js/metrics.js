// The service's own metrics, read from /observe/metrics (Prometheus text), sampled while the
// overview is open. Every metric name the console reads is in METRICS below: a renamed metric
// is one edit here.

export const METRICS = {
  /** counter: fires sent */
  fires: 'timer_fires_total',
  /** histogram of fire lateness; toMs turns its bucket bounds (seconds) into milliseconds */
  lateness: {name: 'timer_fire_lateness_seconds', toMs: 1000},
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
  const buckets = samples.filter((s) => s.name === `${METRICS.lateness.name}_bucket`)
    .map((s) => [s.labels.le === '+Inf' ? Infinity : Number(s.labels.le) * METRICS.lateness.toMs, s.value])
    .sort((a, b) => a[0] - b[0]);
  return {
    at,
    fires: one(METRICS.fires) ?? 0,
    buckets,
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

/** Fires per second between two snapshots. */
export function rate(from, to) {
  const seconds = (to.at - from.at) / 1000;
  return seconds > 0 ? Math.max(0, to.fires - from.fires) / seconds : 0;
}

/**
 * The q-quantile of the lateness observed between two snapshots, in ms, as Prometheus'
 * histogram_quantile estimates it (linear within a bucket); null when nothing fired.
 */
export function quantile(q, from, to) {
  const before = new Map(from.buckets);
  const counts = to.buckets.map(([le, count]) => [le, count - (before.get(le) ?? 0)]);
  const total = counts.length ? counts[counts.length - 1][1] : 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of counts) {
    if (count >= rank) {
      if (le === Infinity) return lower;
      return lower + (le - lower) * ((rank - below) / Math.max(count - below, 1e-9));
    }
    lower = le;
    below = count;
  }
  return lower;
}
