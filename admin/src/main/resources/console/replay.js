// Replays of DLQ entries and rejected requests, one or by filter: a dry run first, its counts shown
// in a dialog, and only then the replay, entry by entry with progress (as `hookgate ... replay` does).
import { api, listAll, segment, ApiError } from './api.js';
import { ask, h, notice, failure } from './dom.js';

const IGNORE_WARNING = 'ignoreTimestamp skips the replay-window check: a request signed long ago verifies again. '
  + 'Use it only for requests you know are genuine (for instance ones that went stale while the gateway was down).';

/** The replay options of `kind` (`force`, and `ignoreTimestamp` for rejected requests), with their warning. */
export function replayOptions(kind) {
  const force = h('input', { type: 'checkbox', name: 'force', id: `${kind}-force` });
  const controls = [h('label', { class: 'check' }, force, ' Replay entries already replayed (force)')];
  let ignore = null;
  if (kind === 'rejected') {
    ignore = h('input', { type: 'checkbox', name: 'ignoreTimestamp', id: `${kind}-ignore-timestamp` });
    const warning = notice('warning', IGNORE_WARNING);
    warning.hidden = true;
    warning.dataset.warning = 'ignoreTimestamp';
    ignore.addEventListener('change', () => {
      warning.hidden = !ignore.checked;
    });
    controls.push(h('label', { class: 'check' }, ignore, ' Ignore the signed timestamp (ignoreTimestamp)'), warning);
  }
  return {
    node: h('fieldset', { class: 'options' }, h('legend', {}, 'Replay options'), controls),
    flags: () => ({ force: force.checked, ...(ignore ? { ignoreTimestamp: ignore.checked } : {}) }),
  };
}

function flagWarnings(flags) {
  return [
    flags.force ? notice('warning', 'force: entries replayed before are replayed again.') : null,
    flags.ignoreTimestamp ? notice('warning', IGNORE_WARNING) : null,
  ];
}

/** Replays entry `id` of `kind` after a confirmation; a 409 offers to force it. Answers whether it was replayed. */
export async function replayOne(kind, id, flags, out) {
  const confirmed = await ask(`Replay ${id}?`, [
    h('p', {}, kind === 'dlq' ? 'Its delivery is handed to the dispatcher again.' : 'The original request is verified again.'),
    ...flagWarnings(flags)], 'Replay');
  if (!confirmed) {
    return false;
  }
  try {
    const answer = await api('POST', `/admin/${kind}/${segment(id)}/replay`, { query: flags });
    out.replaceChildren(notice('success', `Replayed ${answer.id}${answer.forced ? ' (again, forced)' : ''}.`));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const again = h('button', { type: 'button', class: 'secondary', 'data-action': 'force-replay' }, 'Replay again (force)');
      out.replaceChildren(notice('warning', `${error.message} `, again));
      again.addEventListener('click', () => replayOne(kind, id, { ...flags, force: true }, out));
      return false;
    }
    out.replaceChildren(failure(error));
    return false;
  }
}

/**
 * Replays every entry of `kind` that `filter` matches: a dry run answers the counts, a dialog shows
 * them, then each entry is replayed with a progress bar (already replayed ones are skipped unless
 * forced; ones whose original Kafka no longer holds are counted as gone).
 */
export async function replayMatching(kind, filter, flags, out) {
  const body = Object.keys(filter).length ? { ...filter } : { all: true };
  let dry;
  try {
    dry = await api('POST', `/admin/${kind}/replay`, { body: { ...body, ...flags, dryRun: true } });
  } catch (error) {
    out.replaceChildren(failure(error));
    return;
  }
  const counts = h('ul', { class: 'counts', 'data-dry-run': '' },
    h('li', {}, h('strong', { 'data-count': 'matched' }, dry.matched), ' match'),
    h('li', {}, h('strong', { 'data-count': 'replayed' }, dry.replayed), ' would be replayed'),
    h('li', {}, h('strong', { 'data-count': 'skipped' }, dry.skipped), ' skipped (replayed before; force replays them)'));
  if (!dry.replayed) {
    out.replaceChildren(notice('info', 'Dry run: nothing to replay. ', counts));
    return;
  }
  const confirmed = await ask(`Replay ${dry.replayed} of ${dry.matched}?`, [
    h('p', {}, body.all ? 'No filter: this is every entry.' : 'Entries matching the filter, up to now:'), counts, ...flagWarnings(flags)],
    `Replay ${dry.replayed}`);
  if (!confirmed) {
    out.replaceChildren(notice('info', 'Nothing replayed.'));
    return;
  }
  const entries = await listAll(`/admin/${kind}`, { ...filter, until: dry.until });
  const bar = h('progress', { max: entries.length || 1, value: 0, 'aria-label': 'Replay progress' });
  const said = h('span', { 'aria-live': 'polite' }, `0 of ${entries.length}`);
  out.replaceChildren(h('div', { class: 'progress' }, bar, ' ', said));
  let replayed = 0;
  let skipped = 0;
  let gone = 0;
  for (const [done, entry] of entries.entries()) {
    try {
      await api('POST', `/admin/${kind}/${segment(entry.id)}/replay`, { query: flags });
      replayed += 1;
    } catch (error) {
      if (error.status === 409) {
        skipped += 1;
      } else if (error.status === 410) {
        gone += 1;
      } else {
        out.append(failure(error), notice('info', `Stopped after ${replayed} replayed, ${skipped} skipped, ${gone} gone.`));
        return;
      }
    }
    bar.value = done + 1;
    said.textContent = `${done + 1} of ${entries.length}`;
  }
  out.append(notice(gone ? 'warning' : 'success', h('span', { 'data-result': '' },
    `Replayed ${replayed}, skipped ${skipped}, gone ${gone} (originals no longer in Kafka).`)));
}
