import { get, brandPath } from './api.js';
import { escapeHtml, duration, percent, utc } from './format.js';

// One conversation: its summary at the brand's as-of and its messages in (timestamp, id) order,
// customer on the left, brand on the right, with the wait before each brand reply. Refreshed on
// each push of its brand, like the brand page.

export function conversationPage(view, live, brand, conversationId) {
  view.innerHTML = `
    <nav class="crumbs"><a href="#/">Overview</a> › <a href="#/brand/${encodeURIComponent(brand)}">${escapeHtml(brand)}</a> › <span>${escapeHtml(conversationId)}</span></nav>
    <section class="card">
      <div class="card-head"><h1>Conversation <span class="mono">${escapeHtml(conversationId)}</span></h1><span class="muted" id="asof"></span></div>
      <div id="error"></div>
      <div id="summary"></div>
    </section>
    <section class="card"><h2>Messages <span class="hint">in order</span></h2><ol class="thread" id="thread"></ol></section>`;
  const $ = s => view.querySelector(s);
  let disposed = false, inFlight = false;

  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    try {
      const c = await get(`${brandPath(brand)}/conversations/${encodeURIComponent(conversationId)}`);
      if (disposed) return;
      $('#error').innerHTML = '';
      $('#asof').textContent = `as of ${utc(c.asOf)}`;
      renderSummary(c.summary);
      renderThread(c.events);
    } catch (e) {
      if (!disposed) $('#error').innerHTML = `<div class="error" role="alert">${escapeHtml(e.status === 404 ? `No conversation "${conversationId}" for brand "${brand}".` : `Could not load the conversation: ${e.message}.`)}</div>`;
    } finally {
      inFlight = false;
    }
  }

  function renderSummary(s) {
    if (!s) {
      $('#summary').innerHTML = '<p class="empty">Not a customer conversation (no inbound message): it counts only in message volumes.</p>';
      return;
    }
    const item = (field, value, hint) => `<div class="tile" data-field="${field}"><div class="tile-value${value.length > 12 ? ' tile-long' : ''}">${value}</div><div class="field">${field}</div><div class="hint">${hint}</div></div>`;
    $('#summary').innerHTML = `<div class="tiles">
      ${item('status', escapeHtml(s.status), 'responded, pending or unanswered')}
      ${item('channel', escapeHtml(s.channel), 'of its first customer message')}
      ${item('t0', utc(s.t0), 'first customer message')}
      ${item('frtSeconds', duration(s.frtSeconds), 'first reply time')}
      ${item('waitingSeconds', duration(s.waitingSeconds), s.waitingSince ? `waiting since ${utc(s.waitingSince)}` : 'nobody waiting')}
      ${item('risk', percent(s.risk), 'chance this customer unfollows')}
    </div>`;
  }

  function renderThread(events) {
    let waitingSince = null;
    $('#thread').innerHTML = events.map(e => {
      let wait = '';
      if (e.direction === 'inbound' && waitingSince == null) waitingSince = Date.parse(e.timestamp);
      if (e.direction === 'outbound' && waitingSince != null) {
        wait = `<span class="wait">replied after ${duration((Date.parse(e.timestamp) - waitingSince) / 1000)}</span>`;
        waitingSince = null;
      }
      const who = e.author ?? (e.direction === 'inbound' ? 'customer' : e.direction === 'outbound' ? 'brand' : e.kind);
      const complaint = e.complaint ? ' <span class="badge bad" title="judged a complaint from its words">complaint</span>' : '';
      const text = e.text == null ? '' : `<div class="text">${escapeHtml(e.text)}</div>`;
      return `<li class="msg ${e.direction}" data-event="${escapeHtml(e.id)}">
        <div class="bubble"><b>${escapeHtml(who)}</b> <span class="mono">#${escapeHtml(e.id)}</span> · ${escapeHtml(e.channel)}${complaint}${text}</div>
        <div class="meta">${utc(e.timestamp)} ${wait}</div></li>`;
    }).join('');
  }

  const off = live.on('brand', s => { if (s.brand === brand) refresh(); });
  refresh();
  return { dispose() { disposed = true; off(); } };
}
