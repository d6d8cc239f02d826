// Building the page from data without innerHTML: every value the API answers becomes text, never markup.

/** An element: `attrs` are attributes, except `class`, `text`, `on*` (listeners) and boolean true/false. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** An SVG element (charts). */
export function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) {
      element.setAttribute(name, String(value));
    }
  }
  children.flat().filter(Boolean).forEach((child) => element.append(child));
  return element;
}

/** Replaces what `node` holds with `children`. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** An instant as the reader's local time, with the ISO instant as its title. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }));
}

/** A value from `datetime-local` as an ISO instant, or undefined when empty. */
export function instant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

/** A table in a horizontally scrolling box: `columns` are {label, value: row => node or text}. */
export function table(caption, columns, rows, empty = 'Nothing to show.') {
  if (!rows.length) {
    return h('p', { class: 'empty', 'data-empty': '' }, empty);
  }
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => h('td', { 'data-label': column.label },
        column.value(row) ?? '—')))))));
}

/** A definition list of [term, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== undefined).map(([term, value]) =>
    [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

/** JSON, pretty, as text. */
export function code(value) {
  return h('pre', { class: 'code', tabindex: 0 }, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** A message: `kind` is info, success, warning or error (errors are announced at once). */
export function notice(kind, ...text) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** What a failed call says to a person: its message and stable code. */
export function failure(error) {
  return notice('error', error.message, error.code ? h('code', { class: 'error-code' }, ` (${error.code})`) : null);
}

/** A labelled control; `hint` explains it, and the problem slot under it holds what the API said of it. */
export function field(label, control, hint) {
  const id = control.id || `f-${control.name}`;
  control.id = id;
  const hintNode = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintNode) {
    control.setAttribute('aria-describedby', hintNode.id);
  }
  return h('div', { class: 'field', 'data-field': control.name },
    h('label', { for: id }, label), control, hintNode, h('small', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' }));
}

/** An input: `attrs` as for h(). */
export const input = (name, attrs = {}) => h('input', { name, type: 'text', ...attrs });

/** A select of `options` ([value, label]), with `selected` chosen. */
export function select(name, options, selected) {
  return h('select', { name }, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/**
 * Shows each of `problems` ({path, message}) next to its field in `form` (a path `sources[1]` or
 * `breaker.failures` belongs to the field named by its first part); answers those no field took.
 */
export function showProblems(form, problems) {
  form.querySelectorAll('.field').forEach((node) => {
    node.classList.remove('invalid');
    node.querySelector('.problem').textContent = '';
    node.querySelector('input, select, textarea')?.removeAttribute('aria-invalid');
  });
  const unplaced = [];
  for (const problem of problems) {
    const name = String(problem.path || '').split(/[.[]/)[0];
    const node = name && form.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
    if (!node) {
      unplaced.push(problem);
      continue;
    }
    node.classList.add('invalid');
    const slot = node.querySelector('.problem');
    slot.textContent = [slot.textContent, `${problem.path}: ${problem.message}`].filter(Boolean).join('; ');
    const control = node.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' '));
  }
  return unplaced;
}

/**
 * Asks before something is done: a modal dialog (Escape or Cancel answers false). `body` is nodes;
 * `confirm` the label of the button that goes ahead.
 */
export function ask(title, body, confirm = 'Confirm', danger = false) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: danger ? 'danger' : 'primary', 'data-confirm': '' }, confirm);
    const no = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const dialog = h('dialog', { 'aria-labelledby': 'dialog-title', class: 'dialog' },
      h('h2', { id: 'dialog-title' }, title), h('div', { class: 'dialog-body' }, body), h('div', { class: 'actions' }, yes, no));
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** The query of the current route (`#/page?x=1`) as an object. */
export function routeQuery() {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams(hash.slice(at + 1)));
}

/** `#/page?query` with empty values left out. */
export function route(path, query = {}) {
  const params = new URLSearchParams();
  Object.entries(query).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, value);
    }
  });
  const text = params.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** The values of `form`'s named controls (checkboxes as booleans), trimmed. */
export function values(form) {
  const answer = {};
  for (const control of form.elements) {
    if (!control.name) {
      continue;
    }
    answer[control.name] = control.type === 'checkbox' ? control.checked : control.value.trim();
  }
  return answer;
}

/** A page heading, focused on arrival so keyboard and screen-reader users know where they are. */
export function heading(text) {
  return h('h1', { tabindex: -1, id: 'page-title' }, text);
}

/** `n` things, `more` saying there are further pages: "1 entry", "100+ entries". */
export function counted(n, more, one, many) {
  return `${n}${more ? '+' : ''} ${n === 1 && !more ? one : many}`;
}
