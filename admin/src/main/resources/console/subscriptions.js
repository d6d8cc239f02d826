// Subscriptions managed at run time: list with health and breaker, create, edit, disable, enable,
// rotate the secret (shown once).
import { api, segment } from './api.js';
import { ask, facts, failure, field, fill, h, heading, input, notice, route, showProblems, table, time, values } from './dom.js';

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);
const list2 = (text) => text.split(',').map((part) => part.trim()).filter(Boolean);

/** A secret shown once, with a button that copies it. */
function secretOnce(secret, what) {
  const value = h('code', { class: 'secret', 'data-secret': '' }, secret);
  const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy');
  copy.addEventListener('click', () => navigator.clipboard?.writeText(secret).then(() => {
    copy.textContent = 'Copied';
  }, () => {
    copy.textContent = 'Select it and copy';
  }));
  return notice('success', h('p', {}, `${what} Copy the signing secret now: it is not shown again.`), h('p', {}, value, ' ', copy));
}

async function setState(id, enable, out, after) {
  try {
    const answer = await api('POST', `/admin/subscriptions/${segment(id)}/${enable ? 'enable' : 'disable'}`);
    out.replaceChildren(notice('success', `${id} is ${answer.state}.`));
    after();
  } catch (error) {
    out.replaceChildren(failure(error));
  }
}

async function rotate(id, out) {
  const keep = input('keepPreviousFor', { id: 'rotate-keep', placeholder: '24h' });
  const confirmed = await ask(`Rotate the secret of ${id}?`, [
    h('p', {}, 'A new secret signs every attempt from now on. The previous one can sign beside it for a while, so the receiver can switch over.'),
    field('Keep the previous secret for', keep, 'A duration such as 24h; empty: stop using it now.')], 'Rotate');
  if (!confirmed) {
    return;
  }
  try {
    const body = keep.value.trim() ? { keepPreviousFor: keep.value.trim() } : {};
    const answer = await api('POST', `/admin/subscriptions/${segment(id)}/secret`, { body });
    out.replaceChildren(secretOnce(answer.secret, `The secret of ${id} was rotated.`));
  } catch (error) {
    out.replaceChildren(failure(error));
  }
}

function actions(subscription, out, after) {
  const enabled = subscription.state === 'enabled';
  const toggle = h('button', { type: 'button', class: 'secondary', 'data-action': enabled ? 'disable' : 'enable' }, enabled ? 'Disable' : 'Enable');
  toggle.setAttribute('aria-label', `${enabled ? 'Disable' : 'Enable'} ${subscription.id}`);
  toggle.addEventListener('click', () => setState(subscription.id, !enabled, out, after));
  const rotation = h('button', { type: 'button', class: 'secondary', 'data-action': 'rotate', 'aria-label': `Rotate the secret of ${subscription.id}` },
    'Rotate secret');
  rotation.addEventListener('click', () => rotate(subscription.id, out));
  return h('div', { class: 'row-actions' }, toggle, rotation);
}

export async function list(main) {
  const out = h('div', { 'aria-live': 'polite' });
  const results = h('section', { 'aria-label': 'Subscriptions' });
  fill(main, heading('Subscriptions'), h('p', { class: 'lead' }, 'Where verified events are delivered. Those declared in the configuration ',
    'file can be disabled and enabled here; change their fields in the file.'),
  h('p', {}, h('a', { href: route('subscriptions/new'), class: 'button primary', 'data-action': 'new' }, 'New subscription')), out, results);
  const refresh = () => list(main);
  try {
    const { entries } = await api('GET', '/admin/subscriptions');
    const health = await Promise.all(entries.map((s) => api('GET', `/admin/subscriptions/${segment(s.id)}/health`).catch(() => null)));
    const rows = entries.map((subscription, at) => ({ ...subscription, health: health[at] }));
    fill(results, table('Subscriptions', [
      { label: 'Id', value: (s) => h('a', { href: route(`subscriptions/${segment(s.id)}`), 'data-subscription': s.id }, s.id) },
      { label: 'URL', value: (s) => h('code', { class: 'clip' }, s.url) },
      { label: 'Sources', value: (s) => s.sources.join(', ') },
      { label: 'State', value: (s) => h('span', { class: `tag ${s.state}`, 'data-state': s.state }, s.state) },
      { label: 'Origin', value: (s) => s.origin },
      { label: 'Breaker', value: (s) => h('span', { class: `tag breaker-${s.health?.breaker}` }, s.health?.breaker ?? '—') },
      { label: 'Success 5 min', value: (s) => percent(s.health?.windows?.['5m']?.successRate) },
      { label: 'Actions', value: (s) => actions(s, out, refresh) },
    ], rows, 'No subscriptions yet.'));
  } catch (error) {
    fill(results, failure(error));
  }
}

const FIELDS = [
  ['id', 'Id', 'Letters, digits, - and _; left empty, one is made up.'],
  ['url', 'URL', 'https, and not a private address unless insecure URLs are allowed.'],
  ['sources', 'Sources', 'Source ids, separated by commas.'],
  ['eventTypes', 'Event types', 'Patterns such as invoice.*, separated by commas; empty: every type.'],
  ['timeout', 'Timeout', 'A duration such as 10s.'],
  ['rateLimitPerSecond', 'Rate limit per second', 'Empty: the default.'],
  ['maxInFlight', 'Most attempts in flight', 'Empty: the default.'],
  ['tenant', 'Tenant', 'A tenant token creates subscriptions of its own tenant.'],
  ['description', 'Description', ''],
  ['secret', 'Secret', 'whsec_ and base64; left empty, a fresh one is made and shown once.'],
];

/** The API body of the form: what was entered, lists split, numbers as numbers, empty as null (or left out on create). */
function body(form, before) {
  const entered = values(form);
  const answer = {};
  for (const [name] of FIELDS) {
    if (!(name in entered)) {
      continue;
    }
    let value = entered[name];
    if (name === 'sources' || name === 'eventTypes') {
      value = list2(value);
    } else if ((name === 'rateLimitPerSecond' || name === 'maxInFlight') && value !== '') {
      value = Number(value);
    }
    if (value === '') {
      value = null;
    }
    if (before) {
      if (JSON.stringify(value) !== JSON.stringify(before[name] ?? null)) {
        answer[name] = value;
      }
    } else if (value !== null && !(Array.isArray(value) && !value.length && name !== 'sources')) {
      answer[name] = value;
    }
  }
  if (!before || entered.allowInsecureUrl !== Boolean(before.allowInsecureUrl)) {
    answer.allowInsecureUrl = entered.allowInsecureUrl;
  }
  return answer;
}

function form(subscription) {
  const controls = FIELDS.filter(([name]) => !subscription || (name !== 'id' && name !== 'secret')).map(([name, label, hint]) => {
    const current = subscription?.[name];
    const value = Array.isArray(current) ? current.join(', ') : current ?? '';
    const type = name === 'rateLimitPerSecond' || name === 'maxInFlight' ? 'number' : name === 'url' ? 'url' : 'text';
    return field(label, input(name, { id: `s-${name}`, value, type, required: name === 'url' || name === 'sources',
      autocomplete: 'off', min: type === 'number' ? 1 : undefined }), hint);
  });
  const insecure = h('input', { type: 'checkbox', name: 'allowInsecureUrl', id: 's-allowInsecureUrl', checked: Boolean(subscription?.allowInsecureUrl) });
  return h('form', { class: 'edit', novalidate: true, 'aria-label': subscription ? `Edit ${subscription.id}` : 'New subscription' },
    controls,
    h('div', { class: 'field', 'data-field': 'allowInsecureUrl' }, h('label', { class: 'check', for: insecure.id }, insecure,
      ' Allow an insecure URL (plain http, or a private or loopback address: for internal receivers)'),
    h('small', { class: 'problem', id: 's-allowInsecureUrl-problem' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, subscription ? 'Save' : 'Create'),
      h('a', { href: route('subscriptions'), class: 'button secondary' }, 'Cancel')));
}

async function submit(node, before, out, main) {
  try {
    const answer = before
      ? await api('PATCH', `/admin/subscriptions/${segment(before.id)}`, { body: body(node, before) })
      : await api('POST', '/admin/subscriptions', { body: body(node, null) });
    showProblems(node, []);
    if (before) {
      out.replaceChildren(notice('success', `Saved ${answer.id}.`));
      return;
    }
    fill(main, heading(`Created ${answer.id}`), secretOnce(answer.secret, `Subscription ${answer.id} was created.`),
      h('p', {}, h('a', { href: route(`subscriptions/${segment(answer.id)}`) }, `Open ${answer.id}`), ' · ',
        h('a', { href: route('subscriptions') }, 'All subscriptions')));
    main.querySelector('h1').focus();
  } catch (error) {
    const unplaced = showProblems(node, error.field ? [{ path: error.field, message: error.message }, ...error.problems] : error.problems);
    out.replaceChildren(failure(error), ...unplaced.map((problem) => notice('error', `${problem.path || 'request'}: ${problem.message}`)));
    node.querySelector('[aria-invalid="true"]')?.focus();
  }
}

export async function edit(main, id) {
  const out = h('div', { 'aria-live': 'polite' });
  if (id === 'new') {
    const node = form(null);
    node.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(node, null, out, main);
    });
    fill(main, heading('New subscription'), h('p', {}, h('a', { href: route('subscriptions') }, '← Subscriptions')), out, node);
    return;
  }
  let subscription;
  let health = null;
  try {
    subscription = await api('GET', `/admin/subscriptions/${segment(id)}`);
    health = await api('GET', `/admin/subscriptions/${segment(id)}/health`).catch(() => null);
  } catch (error) {
    fill(main, heading(`Subscription ${id}`), failure(error));
    return;
  }
  const node = form(subscription);
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(node, subscription, out, main);
  });
  const windows = health?.windows || {};
  fill(main, heading(`Subscription ${id}`), h('p', {}, h('a', { href: route('subscriptions') }, '← Subscriptions')),
    facts([
      ['State', h('span', { class: `tag ${subscription.state}`, 'data-state': subscription.state }, subscription.state)],
      ['Origin', subscription.origin],
      ['Breaker', health?.breaker ?? '—'],
      ['Success 5 min / 24 h', `${percent(windows['5m']?.successRate)} / ${percent(windows['24h']?.successRate)}`],
      ['Latency p50 / p99 (5 min)', windows['5m'] ? `${windows['5m'].p50Ms ?? '—'} / ${windows['5m'].p99Ms ?? '—'} ms` : '—'],
      ['Last error', health?.lastError ? [health.lastError.status ?? health.lastError.error, ' ', time(health.lastError.at)] : undefined],
      ['Created', time(subscription.createdAt)],
      ['Updated', time(subscription.updatedAt)],
    ]),
    h('p', {}, h('a', { href: route('deliveries', { subscription: id }) }, 'Its deliveries'), ' · ',
      h('a', { href: route('dlq', { subscription: id }) }, 'Its DLQ entries')),
    actions(subscription, out, () => edit(main, id)), out,
    h('h2', {}, 'Edit'),
    subscription.origin === 'config' ? notice('info', 'Declared in the configuration file: change its fields there.') : null,
    node);
}
