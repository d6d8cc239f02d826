// The DLQ and rejected requests: a filtered list, an entry's detail, and replay (one or by filter).
import { api, segment } from './api.js';
import { code, counted, facts, failure, fill, h, heading, input, instant, notice, route, routeQuery, table, time, values, field } from './dom.js';
import { replayMatching, replayOne, replayOptions } from './replay.js';

const REJECT_REASONS = ['no_secret', 'missing_signature', 'malformed_signature', 'bad_signature', 'stale_timestamp', 'bad_credentials',
  'bad_token', 'missing_event_type', 'unknown_event_type', 'schema_violation', 'malformed_payload', 'payload_too_large', 'payload_too_deep',
  'malformed_record', 'unknown_source', 'verification_error', 'unknown'];

const KINDS = {
  rejected: {
    title: 'Rejected requests',
    what: 'Requests that failed verification (events.rejected). Fix the cause (a secret, say) and replay them.',
    filters: ['source', 'reason', 'since', 'until'],
    reasons: REJECT_REASONS,
  },
  dlq: {
    title: 'Dead-letter queue',
    what: 'Deliveries that will not be attempted again (dispatch.dlq). Fix the endpoint and replay them.',
    filters: ['subscription', 'source', 'reason', 'eventId', 'since', 'until'],
    reasons: ['exhausted', 'rejected', 'gone', 'redirect', 'ssrf_blocked', 'unknown_subscription', 'subscription_disabled', 'malformed_task',
      'delivery_error'],
  },
};

const LABELS = { source: 'Source', reason: 'Reason', since: 'Since', until: 'Until', subscription: 'Subscription', eventId: 'Event id' };

function replayState(entry) {
  const replay = entry.replay;
  if (!replay || replay.state === 'none') {
    return h('span', { 'data-replay-state': 'none' }, 'never');
  }
  return h('span', { 'data-replay-state': 'replayed' }, `replayed ×${replay.count}${replay.redelivery ? `, ${replay.redelivery}` : ''}`);
}

/** Re-renders the detail of entry `id` once the index shows a replay after `count` (at most 20 s). */
async function refreshAfterReplay(main, kind, id, count) {
  for (let tries = 0; tries < 20; tries += 1) {
    await new Promise((resolve) => window.setTimeout(resolve, 1000));
    const entry = await api('GET', `/admin/${kind}/${segment(id)}`).catch(() => null);
    if (!entry || (entry.replay?.count || 0) > count) {
      break;
    }
  }
  const out = main.querySelector('.replay-out');
  const said = out ? [...out.childNodes] : [];
  await detail(main, kind, id);
  main.querySelector('.replay-out')?.replaceChildren(...said);
}

/** The filter form of `kind`, filled from the route's query. */
function filterForm(kind, query, onSearch) {
  const config = KINDS[kind];
  const controls = config.filters.map((name) => {
    if (name === 'since' || name === 'until') {
      const local = query[name] ? toLocal(query[name]) : '';
      return field(LABELS[name], input(name, { type: 'datetime-local', step: 1, value: local, id: `${kind}-${name}` }));
    }
    const control = input(name, { value: query[name] || '', id: `${kind}-${name}`, autocomplete: 'off',
      list: name === 'reason' ? `${kind}-reasons` : undefined });
    return field(LABELS[name], control);
  });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': `Filter ${config.title.toLowerCase()}` },
    controls,
    h('datalist', { id: `${kind}-reasons` }, config.reasons.map((reason) => h('option', { value: reason }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('a', { href: route(kind), class: 'button secondary' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSearch(filterOf(values(form)));
  });
  return form;
}

function toLocal(iso) {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

/** The API filter of a form's values: empty ones left out, times as instants. */
function filterOf(formValues) {
  const filter = {};
  for (const [name, value] of Object.entries(formValues)) {
    if (value) {
      filter[name] = name === 'since' || name === 'until' ? instant(value) : value;
    }
  }
  return filter;
}

function columns(kind) {
  const link = (entry) => h('a', { href: route(`${kind}/${segment(entry.id)}`), 'data-entry': entry.id }, entry.id);
  const common = [
    { label: 'When', value: (entry) => time(entry.at) },
    { label: 'Entry', value: link },
  ];
  const specific = kind === 'dlq'
    ? [{ label: 'Subscription', value: (e) => e.subscription }, { label: 'Source', value: (e) => e.source },
      { label: 'Event', value: (e) => (e.eventId ? h('a', { href: route('event', { source: e.source, eventId: e.eventId }) }, e.eventId) : null) },
      { label: 'Reason', value: (e) => h('span', { class: 'tag' }, e.reason) }, { label: 'Attempts', value: (e) => (e.attempts || []).length }]
    : [{ label: 'Source', value: (e) => e.source }, { label: 'Reason', value: (e) => h('span', { class: 'tag' }, e.reason) },
      { label: 'Detail', value: (e) => e.detail }];
  return [...common, ...specific, { label: 'Replay', value: replayState }];
}

/** The list page of `kind` (`rejected` or `dlq`). */
export async function list(main, kind) {
  const config = KINDS[kind];
  const query = routeQuery();
  const filter = filterOf(query);
  const results = h('section', { 'aria-label': 'Entries', 'aria-busy': 'true' });
  const out = h('div', { class: 'replay-out', 'aria-live': 'polite' });
  const options = replayOptions(kind);
  const replayAll = h('button', { type: 'button', class: 'primary', 'data-action': 'replay-matching' }, 'Replay matching…');
  replayAll.addEventListener('click', () => replayMatching(kind, filter, options.flags(), out));
  fill(main, heading(config.title), h('p', { class: 'lead' }, config.what),
    filterForm(kind, query, (next) => {
      window.location.hash = route(kind, next);
    }),
    h('section', { class: 'panel', 'aria-label': 'Replay' }, h('h2', {}, 'Replay what the filter matches'),
      h('p', {}, 'A dry run counts first; nothing is replayed before you confirm.'), options.node, replayAll, out),
    results);
  try {
    const page = await api('GET', `/admin/${kind}`, { query: { ...filter, limit: 100 } });
    fill(results, h('h2', {}, counted(page.entries.length, page.nextCursor, 'entry', 'entries')),
      table(config.title, columns(kind), page.entries, 'No entries match.'));
  } catch (error) {
    fill(results, failure(error));
  }
  results.setAttribute('aria-busy', 'false');
}

/** The headers of a stored request (a rejected one, or the one that carried an event), credentials already redacted by the API. */
export function headers(request) {
  return table('Headers (credentials redacted)', [{ label: 'Name', value: (header) => header.name },
    { label: 'Value', value: (header) => h('code', {}, header.value) }], request.headers || [], 'No headers.');
}

function payload(view) {
  if (!view) {
    return null;
  }
  if (view.unavailable) {
    return notice('info', `Payload not available: ${view.unavailable}`);
  }
  const shown = view.json !== undefined ? view.json : view.text ?? view.base64;
  return [h('p', {}, `${view.bytes} bytes${view.base64 ? ' (base64)' : ''}${view.truncated ? ', truncated' : ''}`), code(shown)];
}

/** The attempts of a delivery or DLQ entry; columns that no attempt has a value for are left out. */
export function attemptsTable(attempts) {
  const shown = attempts || [];
  return table('Attempts', [
    { label: '#', value: (a) => a.number },
    { label: 'When', value: (a) => time(a.at) },
    { label: 'Tier', value: (a) => a.tier },
    { label: 'Status', value: (a) => a.status },
    { label: 'Error', value: (a) => a.error },
    { label: 'ms', value: (a) => a.durationMs },
    { label: 'Outcome', value: (a) => (a.outcome ? h('span', { class: `tag ${a.outcome}` }, a.outcome) : null) },
    { label: 'Next', value: (a) => (a.nextTier ? [a.nextTier, ' ', time(a.nextDueAt)] : a.dlqReason) },
    { label: 'Answer', value: (a) => (a.response?.body ? h('code', { class: 'clip' }, a.response.body) : null) },
  ].filter((column) => column.label === '#' || shown.some((attempt) => column.value(attempt) !== null && column.value(attempt) !== undefined)),
  shown, 'No attempts.');
}

/** The detail page of entry `id` of `kind`. */
export async function detail(main, kind, id) {
  fill(main, heading(`${kind === 'dlq' ? 'DLQ entry' : 'Rejected request'} ${id}`), h('p', { 'aria-busy': 'true' }, 'Loading…'));
  let entry;
  try {
    entry = await api('GET', `/admin/${kind}/${segment(id)}`);
  } catch (error) {
    fill(main, heading(`Entry ${id}`), failure(error), h('a', { href: route(kind) }, 'Back to the list'));
    return;
  }
  const out = h('div', { class: 'replay-out', 'aria-live': 'polite' });
  const options = replayOptions(kind);
  const replay = h('button', { type: 'button', class: 'primary', 'data-action': 'replay-one' }, 'Replay…');
  replay.addEventListener('click', async () => {
    if (await replayOne(kind, id, options.flags(), out)) {
      await refreshAfterReplay(main, kind, id, entry.replay?.count || 0);
    }
  });
  const event = entry.eventId ? h('a', { href: route('event', { source: entry.source, eventId: entry.eventId }) }, entry.eventId) : null;
  const request = entry.request;
  fill(main, heading(`${kind === 'dlq' ? 'DLQ entry' : 'Rejected request'} ${id}`),
    h('p', {}, h('a', { href: route(kind) }, `← ${KINDS[kind].title}`)),
    facts([
      ['Reason', h('span', { class: 'tag', 'data-reason': '' }, entry.reason)],
      ['Detail', entry.detail],
      [kind === 'dlq' ? 'Dead-lettered' : 'Rejected', time(entry.at)],
      ['Source', entry.source],
      ['Subscription', kind === 'dlq' ? entry.subscription : undefined],
      ['Event', kind === 'dlq' ? event : undefined],
      ['Delivery', entry.deliveryId ? h('a', { href: route(`deliveries/${segment(entry.deliveryId)}`) }, entry.deliveryId) : undefined],
      ['Ingress id', entry.ingressId],
      ['Client', entry.client || undefined],
      ['User agent', entry.userAgent || undefined],
      ['Replay', replayState(entry)],
    ]),
    h('section', { class: 'panel', 'aria-label': 'Replay' }, h('h2', {}, 'Replay'), options.node, replay, out),
    request ? h('section', {}, h('h2', {}, 'Request as received'),
      facts([['Method', request.method], ['Query', request.query || undefined], ['Received', time(request.receivedAt)],
        ['Body', `${request.bodyBytes} bytes`]]), headers(request)) : null,
    kind === 'dlq' ? h('section', {}, h('h2', {}, 'Attempts'), attemptsTable(entry.attempts)) : null,
    h('section', {}, h('h2', {}, kind === 'dlq' ? 'Envelope' : 'Body (credentials redacted)'), payload(entry.payload)));
}
