// Lab progress webview. Draws the state the extension host sends and posts the
// learner's actions back. Every piece of notebook text goes through
// textContent, never innerHTML, so markup in a cell shows as text.
// Message shapes: src/vscode/labs/messages.ts.
// @ts-check
(function () {
  'use strict';

  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  const STATUS_TEXT = { 'not-run': 'Not run', ran: 'Ran', failed: 'Failed' };
  const STATUS_ICON = { 'not-run': '○', ran: '✓', failed: '✗' };

  /** Restores the last drawn state at once (after hide/show or a reload), before the host replies to "ready". */
  const saved = vscode.getState();
  if (saved && saved.view) {
    render(saved.view);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'state' || !message.state) {
      return;
    }
    vscode.setState({ labId: message.state.labId, view: message.state });
    render(message.state);
  });

  app.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target);
    const button = target ? /** @type {HTMLButtonElement | null} */ (target.closest('button[data-action]')) : null;
    if (!button || button.disabled) {
      return;
    }

    const action = button.dataset.action;
    const key = button.dataset.key || '';
    if (action === 'open') {
      vscode.postMessage({ type: 'openCell', key });
    } else if (action === 'mark') {
      vscode.postMessage({ type: 'markCell', key, done: button.dataset.done === 'true' });
    } else if (action === 'reset') {
      vscode.postMessage({ type: 'reset' });
    }
  });

  vscode.postMessage({ type: 'ready' });

  /** @param {any} view */
  function render(view) {
    app.replaceChildren();

    const header = element('header', 'lab-header');
    header.append(element('h1', 'lab-title', view.title));
    header.append(element('p', 'lab-path', view.relativePath));
    app.append(header);

    const summary = element('div', 'lab-summary');
    const counts = view.counts;
    let summaryText = `${counts.completed}/${counts.total} cells ran`;
    if (counts.failed > 0) {
      summaryText += ` · ${counts.failed} failed`;
    }
    if (view.completedAt) {
      summaryText += ` · completed ${formatTime(view.completedAt)}`;
    }
    const summaryLabel = element('span', 'lab-counts', summaryText);
    summaryLabel.setAttribute('data-completed', String(counts.completed));
    summaryLabel.setAttribute('data-total', String(counts.total));
    summary.append(summaryLabel);

    const reset = button('Reset Lab', 'reset', '', 'secondary');
    reset.title = 'Clear the progress of every cell of this lab';
    reset.disabled = !view.canEdit || counts.total === 0;
    summary.append(reset);
    app.append(summary);

    if (view.problem) {
      const problem = element('p', 'lab-problem', view.problem);
      problem.setAttribute('role', 'alert');
      app.append(problem);
    }

    if (view.notice) {
      app.append(element('p', 'lab-notice', view.notice));
    }

    if (view.cells.length === 0) {
      if (!view.problem) {
        app.append(element('p', 'lab-empty', 'This notebook has no code cells.'));
      }
      return;
    }

    const table = element('table', 'lab-cells');
    const head = element('thead');
    const headRow = element('tr');
    for (const title of ['#', 'Cell', 'Status', 'Last run', 'Actions']) {
      const cell = element('th', '', title);
      cell.setAttribute('scope', 'col');
      headRow.append(cell);
    }
    head.append(headRow);
    table.append(head);

    const body = element('tbody');
    for (const cell of view.cells) {
      body.append(cellRow(cell, view.canEdit));
    }
    table.append(body);
    app.append(table);
  }

  /**
   * @param {any} cell
   * @param {boolean} canEdit
   */
  function cellRow(cell, canEdit) {
    const row = element('tr', `lab-cell status-${cell.status}`);
    row.dataset.cellKey = cell.key;
    row.dataset.status = cell.status;

    row.append(element('td', 'cell-number', String(cell.number)));

    const source = element('td', 'cell-source');
    source.append(element('code', '', cell.firstLine || '(empty cell)'));
    row.append(source);

    const status = element('td', 'cell-status');
    const icon = element('span', 'status-icon', STATUS_ICON[cell.status] || '?');
    icon.setAttribute('aria-hidden', 'true');
    status.append(icon, document.createTextNode(' ' + (STATUS_TEXT[cell.status] || cell.status)));
    row.append(status);

    row.append(element('td', 'cell-time', cell.executedAt ? formatTime(cell.executedAt) : '—'));

    const actions = element('td', 'cell-actions');
    const open = button('Open', 'open', cell.key, 'secondary');
    open.setAttribute('aria-label', `Open cell ${cell.number} in the notebook`);
    actions.append(open);

    const done = cell.status !== 'ran';
    const mark = button(done ? 'Mark Done' : 'Mark Not Done', 'mark', cell.key, done ? 'primary' : 'secondary');
    mark.dataset.done = String(done);
    mark.setAttribute('aria-label', `${done ? 'Mark done' : 'Mark not done'}: cell ${cell.number}`);
    mark.disabled = !canEdit;
    actions.append(mark);
    row.append(actions);

    return row;
  }

  /**
   * @param {string} label
   * @param {string} action
   * @param {string} key
   * @param {'primary' | 'secondary'} kind
   */
  function button(label, action, key, kind) {
    const result = /** @type {HTMLButtonElement} */ (element('button', `button-${kind}`, label));
    result.type = 'button';
    result.dataset.action = action;
    if (key) {
      result.dataset.key = key;
    }
    return result;
  }

  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   */
  function element(tag, className, text) {
    const result = document.createElement(tag);
    if (className) {
      result.className = className;
    }
    if (text !== undefined) {
      result.textContent = text;
    }
    return result;
  }

  /** @param {string} iso */
  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
  }
})();
