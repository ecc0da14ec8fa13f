import { get, put, brandPath } from './api.js';
import { escapeHtml } from './format.js';

// The alerts panel: the newest alerts (of every brand on the overview, of one on its page), first
// from the history, then live as the server pushes them ('alert' events on /api/live). And the
// rules editor of a brand's page: its rules and webhooks as JSON, saved with PUT; a webhook left
// without "secret" keeps the one the server holds (the server never sends secrets back).

const shown = 20;

export function alertsPanel(element, live, brand = null) {
  let alerts = [];
  const key = a => `${a.id} ${a.state} ${a.at}`;
  const render = () => {
    element.innerHTML = alerts.length
      ? `<ul class="alerts">${alerts.slice(0, shown).map(row).join('')}</ul>`
      : '<p class="empty">No alerts yet.</p>';
  };
  const add = list => {
    const seen = new Set(alerts.map(key));
    // By time, not by text: ISO times carry fractions of a second only when there are some.
    alerts = [...alerts, ...list.filter(a => !seen.has(key(a)))].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    render();
  };
  const off = live.on('alert', a => { if (!brand || a.brand === brand) add([a]); });
  render();
  get(brand ? `${brandPath(brand)}/alerts/history?limit=${shown}` : `/api/alerts?limit=${shown}`)
    .then(add)
    .catch(() => { /* the brand may have no events yet: live alerts still show */ });
  return { dispose: off };
}

function row(a) {
  const customers = a.customers?.length
    ? `<div class="muted small">${a.customers.slice(0, 5).map(c => `${escapeHtml(c.conversationId)} (${Math.round(c.secondsLeft)} s left)`).join(', ')}${a.customers.length > 5 ? ', …' : ''}</div>`
    : '';
  return `<li class="alert alert-${escapeHtml(a.state)}" data-alert-state="${escapeHtml(a.state)}" data-alert-kind="${escapeHtml(a.kind)}">
    <span class="alert-state">${escapeHtml(a.state)}</span>
    <span><a href="#/brand/${encodeURIComponent(a.brand)}">${escapeHtml(a.brand)}</a> <span class="field">${escapeHtml(a.kind)}</span>
    ${escapeHtml(a.message)} <span class="muted nowrap">${escapeHtml(a.at.replace('T', ' ').slice(0, 19))}</span>${customers}</span>
  </li>`;
}

export function rulesEditor(element, brand) {
  element.innerHTML = `
    <form class="rules">
      <textarea name="rules" rows="10" spellcheck="false" aria-label="Alert rules (JSON)"></textarea>
      <div class="rules-actions"><button type="submit">Save rules</button> <span class="muted small" data-rules-status></span></div>
      <p class="muted small">Kinds: <span class="field">slaBreachForecast</span> {withinSeconds},
        <span class="field">responseRateBelow</span> {threshold, windowSeconds, minOpened},
        <span class="field">backlogGrowth</span> {perMinuteAbove, windowSeconds}. Webhooks: {url, secret}.</p>
    </form>`;
  const form = element.querySelector('form');
  const status = element.querySelector('[data-rules-status]');
  const show = (text, bad = false) => { status.textContent = text; status.classList.toggle('rules-error', bad); };
  const fill = view => {
    form.rules.value = JSON.stringify({ rules: view.rules, webhooks: view.webhooks.map(w => ({ url: w.url })) }, null, 2);
  };
  get(`${brandPath(brand)}/alerts`).then(fill).catch(e => show(e.message, true));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    let body;
    try { body = JSON.parse(form.rules.value); } catch (error) { show(`not JSON: ${error.message}`, true); return; }
    try {
      fill(await put(`${brandPath(brand)}/alerts`, body));
      show(`saved ${new Date().toISOString().slice(11, 19)} UTC`);
    } catch (error) {
      show(error.message, true);
    }
  });
}
