// One event: its envelope, the raw request that carried it, and where it went (its deliveries and
// DLQ entries), found by source and event id through GET /admin/events/{source}/{eventId}. An event
// the admin index has no envelope of (never verified, or older than the verified topic's retention)
// is still shown by where it went, found in the delivery log and the DLQ.
import { api, segment } from './api.js';
import { code, facts, failure, field, fill, h, heading, input, notice, route, routeQuery, table, time, values } from './dom.js';
import { headers } from './entries.js';

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
    'An event by its source and provider event id: its envelope, the request that carried it, and where it went. A request that failed verification never became an event: ',
    h('a', { href: route('rejected') }, 'find it among the rejected requests'), ', where its raw request is shown.'), form);
  if (!query.source || !query.eventId) {
    return;
  }
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' });
  main.append(results);
  try {
    const found = await find(query.source, query.eventId);
    fill(results,
      h('h2', {}, `${query.source} / ${query.eventId}`),
      summary(found),
      h('section', {}, h('h2', {}, 'Where it went'), table('Deliveries of the event', [
        { label: 'Subscription', value: (d) => h('a', { href: route(`subscriptions/${segment(d.subscription)}`) }, d.subscription) },
        { label: 'Delivery', value: (d) => h('a', { href: route(`deliveries/${segment(d.deliveryId)}`) }, d.deliveryId) },
        { label: 'Outcome', value: (d) => h('span', { class: `tag ${d.outcome}`, 'data-outcome': d.outcome }, d.outcome) },
        { label: 'Attempts', value: (d) => d.attemptCount },
        { label: 'Last attempt', value: (d) => time(d.lastAttemptAt) },
      ], found.deliveries, 'No delivery of this event is logged: no subscription wanted it, or it is not verified yet.')),
      h('section', {}, h('h2', {}, 'In the DLQ'), table('DLQ entries of the event', [
        { label: 'Entry', value: (e) => h('a', { href: route(`dlq/${segment(e.id)}`) }, e.id) },
        { label: 'Subscription', value: (e) => e.subscription },
        { label: 'Reason', value: (e) => e.reason },
        { label: 'When', value: (e) => time(e.at) },
      ], found.dlq, 'None.')),
      h('section', { 'data-section': 'envelope' }, h('h2', {}, 'Envelope'), found.envelope ? code(found.envelope)
        : notice('info', 'The admin index has no envelope of this event: it was never verified, is not indexed yet, or is older than ',
          'the retention of verified.', query.source, '.')),
      found.request ? request(found.request) : null);
  } catch (error) {
    fill(results, failure(error));
  }
  results.setAttribute('aria-busy', 'false');
}

/** The event as the API answers it; for one it has no envelope of, where it went from the delivery log and the DLQ. */
async function find(source, eventId) {
  try {
    return await api('GET', `/admin/events/${segment(source)}/${segment(eventId)}`);
  } catch (error) {
    if (error.code !== 'event_not_found') {
      throw error;
    }
  }
  const [deliveries, dlq] = await Promise.all([
    api('GET', '/admin/deliveries', { query: { source, eventId, limit: 1000 } }),
    api('GET', '/admin/dlq', { query: { source, eventId, limit: 1000 } })]);
  const envelope = dlq.entries.length ? (await api('GET', `/admin/dlq/${segment(dlq.entries[0].id)}`)).payload?.json : null;
  return { deliveries: deliveries.entries, dlq: dlq.entries, envelope, request: null };
}

function summary(found) {
  const envelope = found.envelope;
  const first = found.deliveries[0];
  if (!envelope) {
    return first ? h('p', {}, `Gateway id ${first.event || '—'}, type ${first.type || '—'}.`) : null;
  }
  return facts([['Gateway id', envelope.id], ['Type', envelope.type || '—'], ['Received', time(envelope.receivedAt)],
    ['Verified', time(envelope.verifiedAt)], ['Signature covers', (envelope.signatureCovers || []).join(', ') || '—']]);
}

function request(raw) {
  return h('section', { 'data-section': 'request' }, h('h2', {}, 'Request as received'),
    facts([['Ingress id', h('code', {}, raw.ingressId)], ['Received', time(raw.receivedAt)], ['Method', raw.method],
      ['Client', raw.clientAddress], ['Query', raw.query || undefined],
      ['Body', raw.bodyBytes === undefined ? undefined : `${raw.bodyBytes} bytes (its payload is in the envelope)`]]),
    raw.unavailable ? notice('info', 'The raw request is no longer found: ', raw.unavailable) : headers(raw));
}
