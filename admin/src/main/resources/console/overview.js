// Live counters of this process, redrawn every few seconds without a reload: a tile per series with
// its total, a line of its rate over the last minutes, and bars of its split.
import { api } from './api.js';
import { failure, fill, h, heading, svg, time } from './dom.js';

const EVERY_MS = 3000;
const KEPT = 40;
const TILES = [
  ['requests', 'Requests', 'answered by the ingress, by status'],
  ['verified', 'Verified', 'events whose signature verified, by source'],
  ['rejected', 'Rejected', 'requests that failed verification, by reason'],
  ['duplicates', 'Duplicates', 'verified events dropped as duplicates'],
  ['deliveries', 'Delivery attempts', 'by outcome'],
  ['retries', 'Retries', 'by tier'],
  ['deadLettered', 'Dead-lettered', 'deliveries put in the DLQ, by reason'],
  ['lagRecords', 'Consumer lag', 'records not processed yet, by part'],
];

const number = (value) => (Number.isInteger(value) ? value.toLocaleString() : value.toFixed(1));

/** The rate per second between samples, as a polyline in a 200×40 box. */
function sparkline(samples) {
  const width = 200;
  const height = 40;
  const rates = [];
  for (let at = 1; at < samples.length; at += 1) {
    const seconds = Math.max((samples[at].at - samples[at - 1].at) / 1000, 0.001);
    rates.push(Math.max(samples[at].total - samples[at - 1].total, 0) / seconds);
  }
  const top = Math.max(...rates, 1);
  const step = width / Math.max(rates.length - 1, 1);
  const points = rates.map((rate, at) => `${(width - (rates.length - 1 - at) * step).toFixed(1)},${(height - 2 - (rate / top) * (height - 4)).toFixed(1)}`);
  const last = rates.length ? rates[rates.length - 1] : 0;
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', class: 'spark', role: 'img', 'aria-label': `${last.toFixed(1)} per second now` },
    svg('title', {}, document.createTextNode(`${last.toFixed(1)} per second now, at most ${top.toFixed(1)}`)),
    svg('line', { x1: 0, y1: height - 1, x2: width, y2: height - 1, class: 'axis' }),
    points.length > 1 ? svg('polyline', { points: points.join(' '), class: 'line' }) : null);
}

/** Horizontal bars of a series' split, largest first. */
function bars(by) {
  const parts = Object.entries(by).filter(([, value]) => value > 0).sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (!parts.length) {
    return h('p', { class: 'muted' }, 'none yet');
  }
  const top = Math.max(...parts.map(([, value]) => value), 1);
  return h('ul', { class: 'bars' }, parts.map(([name, value]) => {
    const bar = h('span', { class: 'bar' });
    bar.style.setProperty('--share', String(value / top));
    return h('li', {}, h('span', { class: 'bar-label' }, name || '(none)'), bar, h('span', { class: 'bar-value', 'data-by': name }, number(value)));
  }));
}

export function show(main) {
  const history = new Map();
  const tiles = h('div', { class: 'tiles' });
  const stamp = h('p', { class: 'muted', 'aria-live': 'off' });
  const problem = h('div');
  fill(main, heading('Overview'), h('p', { class: 'lead' },
    `Counters of the process that serves this console, since it started; redrawn every ${EVERY_MS / 1000} s.`), stamp, problem, tiles);
  let stopped = false;
  const draw = async () => {
    try {
      const answer = await api('GET', '/admin/counters');
      const at = Date.parse(answer.at);
      problem.replaceChildren();
      tiles.replaceChildren(...TILES.filter(([name]) => answer.series[name]).map(([name, label, what]) => {
        const series = answer.series[name];
        const samples = history.get(name) || [];
        samples.push({ at, total: series.total });
        while (samples.length > KEPT) {
          samples.shift();
        }
        history.set(name, samples);
        return h('section', { class: 'tile', 'aria-label': label },
          h('h2', {}, label), h('p', { class: 'total', 'data-counter': name }, number(series.total)), h('p', { class: 'muted' }, what),
          sparkline(samples), bars(series.by));
      }));
      fill(stamp, 'Updated ', time(answer.at));
    } catch (error) {
      problem.replaceChildren(failure(error));
    }
  };
  draw();
  const timer = window.setInterval(() => {
    if (!stopped && document.visibilityState !== 'hidden') {
      draw();
    }
  }, EVERY_MS);
  return () => {
    stopped = true;
    window.clearInterval(timer);
  };
}
