// One event: where it went (its deliveries and DLQ entries) and its envelope, found by source and event id.
import { api, segment } from './api.js';
import { code, failure, field, fill, h, heading, input, notice, route, routeQuery, table, time, values } from './dom.js';

export async function show(main) {
  const query = routeQuery();
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find an event' },
    field('Source', input('source', { value: query.source || '', id: 'e-source', required: true })),
    field('Event id', input('eventId', { value: query.eventId || '', id: 'e-eventId', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Find')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = route('event', values(form));
  });
  fill(main, heading('Event'), h('p', { class: 'lead' },
    'An event by its source and provider event id: where it went, and its envelope. A request that failed verification never became an event: ',
    h('a', { href: route('rejected') }, 'find it among the rejected requests'), ', where its raw request is shown.'), form);
  if (!query.source || !query.eventId) {
    return;
  }
  const results = h('div', { 'aria-live': 'polite' });
  main.append(results);
  try {
    const [deliveries, dlq] = await Promise.all([
      api('GET', '/admin/deliveries', { query: { source: query.source, eventId: query.eventId, limit: 1000 } }),
      api('GET', '/admin/dlq', { query: { source: query.source, eventId: query.eventId, limit: 1000 } })]);
    const envelope = dlq.entries.length ? (await api('GET', `/admin/dlq/${segment(dlq.entries[0].id)}`)).payload : null;
    const first = deliveries.entries[0];
    fill(results,
      h('h2', {}, `${query.source} / ${query.eventId}`),
      first ? h('p', {}, `Gateway id ${first.event || '—'}, type ${first.type || '—'}.`) : null,
      h('section', {}, h('h2', {}, 'Where it went'), table('Deliveries of the event', [
        { label: 'Subscription', value: (d) => h('a', { href: route(`subscriptions/${segment(d.subscription)}`) }, d.subscription) },
        { label: 'Delivery', value: (d) => h('a', { href: route(`deliveries/${segment(d.deliveryId)}`) }, d.deliveryId) },
        { label: 'Outcome', value: (d) => h('span', { class: `tag ${d.outcome}`, 'data-outcome': d.outcome }, d.outcome) },
        { label: 'Attempts', value: (d) => d.attemptCount },
        { label: 'Last attempt', value: (d) => time(d.lastAttemptAt) },
      ], deliveries.entries, 'No delivery of this event is logged: no subscription wanted it, or it is not verified yet.')),
      h('section', {}, h('h2', {}, 'In the DLQ'), table('DLQ entries of the event', [
        { label: 'Entry', value: (e) => h('a', { href: route(`dlq/${segment(e.id)}`) }, e.id) },
        { label: 'Subscription', value: (e) => e.subscription },
        { label: 'Reason', value: (e) => e.reason },
        { label: 'When', value: (e) => time(e.at) },
      ], dlq.entries, 'None.')),
      h('section', {}, h('h2', {}, 'Envelope'), envelope?.json !== undefined ? code(envelope.json)
        : notice('info', 'The admin index keeps the envelope of events in the DLQ; downstream consumers read it from verified.',
          query.source, '.')));
  } catch (error) {
    fill(results, failure(error));
  }
}
