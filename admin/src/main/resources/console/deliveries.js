// The delivery log: deliveries filtered by subscription, source, event and outcome; one delivery's attempts.
import { api, segment } from './api.js';
import { counted, facts, failure, field, fill, h, heading, input, instant, route, routeQuery, select, table, time, values } from './dom.js';
import { attemptsTable } from './entries.js';

const OUTCOMES = [['', 'any'], ['delivered', 'delivered'], ['retrying', 'retrying'], ['dead', 'dead (in the DLQ)']];

export async function list(main) {
  const query = routeQuery();
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter deliveries' },
    field('Subscription', input('subscription', { value: query.subscription || '', id: 'd-subscription' })),
    field('Source', input('source', { value: query.source || '', id: 'd-source' })),
    field('Event id', input('eventId', { value: query.eventId || '', id: 'd-eventId' })),
    field('Outcome', Object.assign(select('outcome', OUTCOMES, query.outcome || ''), { id: 'd-outcome' })),
    field('Since', input('since', { type: 'datetime-local', step: 1, id: 'd-since' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('a', { href: route('deliveries'), class: 'button secondary' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = values(form);
    window.location.hash = route('deliveries', { ...chosen, since: instant(chosen.since) });
  });
  const results = h('section', { 'aria-label': 'Deliveries' });
  fill(main, heading('Deliveries'), h('p', { class: 'lead' }, 'Every delivery and its attempts (dispatch.attempts), newest first.'),
    form, results);
  try {
    const page = await api('GET', '/admin/deliveries', { query: { ...query, limit: 100 } });
    fill(results, h('h2', {}, counted(page.entries.length, page.nextCursor, 'delivery', 'deliveries')), table('Deliveries', [
      { label: 'Last attempt', value: (d) => time(d.lastAttemptAt) },
      { label: 'Delivery', value: (d) => h('a', { href: route(`deliveries/${segment(d.deliveryId)}`), 'data-delivery': d.deliveryId },
        d.deliveryId) },
      { label: 'Subscription', value: (d) => d.subscription },
      { label: 'Event', value: (d) => h('a', { href: route('event', { source: d.source, eventId: d.eventId }) }, `${d.source}/${d.eventId}`) },
      { label: 'Type', value: (d) => d.type },
      { label: 'Outcome', value: (d) => h('span', { class: `tag ${d.outcome}`, 'data-outcome': d.outcome }, d.outcome) },
      { label: 'Attempts', value: (d) => d.attemptCount },
      { label: 'Last answer', value: (d) => d.lastStatus ?? d.lastError },
    ], page.entries, 'No deliveries match.'));
  } catch (error) {
    fill(results, failure(error));
  }
}

export async function detail(main, id) {
  fill(main, heading(`Delivery ${id}`));
  let delivery;
  try {
    delivery = await api('GET', `/admin/deliveries/${segment(id)}`);
  } catch (error) {
    main.append(failure(error));
    return;
  }
  const dlq = delivery.outcome === 'dead'
    ? await api('GET', '/admin/dlq', { query: { subscription: delivery.subscription, eventId: delivery.eventId, limit: 10 } })
      .then((page) => page.entries.filter((entry) => entry.deliveryId === id)).catch(() => [])
    : [];
  fill(main, heading(`Delivery ${id}`), h('p', {}, h('a', { href: route('deliveries') }, '← Deliveries')),
    facts([
      ['Outcome', h('span', { class: `tag ${delivery.outcome}` }, delivery.outcome)],
      ['Subscription', h('a', { href: route(`subscriptions/${segment(delivery.subscription)}`) }, delivery.subscription)],
      ['Event', h('a', { href: route('event', { source: delivery.source, eventId: delivery.eventId }) }, `${delivery.source}/${delivery.eventId}`)],
      ['Type', delivery.type],
      ['Attempts', delivery.attemptCount],
      ['Next attempt', delivery.nextAttemptAt ? [delivery.nextTier, ' ', time(delivery.nextAttemptAt)] : undefined],
      ['Dead-lettered as', delivery.dlqReason || undefined],
      ['In the DLQ', dlq.length ? dlq.map((entry) => h('a', { href: route(`dlq/${segment(entry.id)}`) }, entry.id)) : undefined],
    ]),
    h('section', {}, h('h2', {}, 'Attempts'), attemptsTable(delivery.attempts)));
}
