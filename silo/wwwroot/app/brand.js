import { get, brandPath, query } from './api.js';
import { fields, show } from './fields.js';
import { judge } from './reference.js';
import { Chart } from './charts.js';
import { alertsPanel, rulesEditor } from './alerts.js';
import { escapeHtml, duration, percent, utc } from './format.js';

// A brand's page: the figures of a window (tiles, charts, channels) and who is waiting now.
// The window is the viewer's own (last hour, 24 h, 7 days, custom), so the server cannot push
// it; instead each push of this brand (at most one a second) triggers one refresh of the window,
// never more than one in flight. Windows end at the brand's as-of, so a replayed history shows
// its own last hour rather than the wall clock's.

const windows = { '1h': 60, '24h': 24 * 60, '7d': 7 * 24 * 60 };
// Minutes per bucket: by the minute for the last hour; coarser for longer windows so that a bar
// is wide enough to see (custom windows take the server's default for their length).
const steps = { '1h': 1, '24h': 10, '7d': 60 };
const tileFields = [
  'opened', 'responseRate', 'slaRate', 'frtP50', 'frtP90', 'backlog', 'oldestWaitSeconds', 'expectedUnfollows', 'expectedAmplification',
  'complaints', 'complaintResponseRate', 'complaintSlaRate', 'engagementGap', 'cannedShare', 'followUpRateCanned', 'followUpRatePersonal',
  'observedUnfollows', 'calibratedPUnfollow',
];
const channelFields = ['opened', 'responseRate', 'slaRate', 'frtP50', 'backlog', 'expectedUnfollows'];
const minute = 60_000;
// The longest waits are the ones to act on; the backlog tile has the full count.
const waitingShown = 25;

export function brandPage(view, live, brand, params) {
  const state = {
    window: windows[params.get('window')] || params.get('window') === 'custom' ? params.get('window') : '1h',
    from: params.get('from'),
    to: params.get('to'),
    channel: params.get('channel') ?? '',
  };
  const path = brandPath(brand);
  view.innerHTML = `
    <nav class="crumbs"><a href="#/">Overview</a> › <span>${escapeHtml(brand)}</span></nav>
    <section class="card">
      <div class="card-head">
        <h1 data-brand-title>${escapeHtml(brand)}</h1>
        <span class="muted" id="asof"></span>
      </div>
      <div class="controls">
        <div class="seg" role="group" aria-label="Window">
          <button type="button" data-window="1h">Last hour</button>
          <button type="button" data-window="24h">24 h</button>
          <button type="button" data-window="7d">7 days</button>
          <button type="button" data-window="custom">Custom</button>
        </div>
        <form id="custom" class="custom" hidden>
          <label>from <input type="datetime-local" name="from" step="60" required></label>
          <label>to <input type="datetime-local" name="to" step="60" required></label>
          <span class="muted">UTC</span>
          <button type="submit">Show</button>
        </form>
        <label class="channel">channel <select id="channel"><option value="">all channels</option></select></label>
      </div>
      <div id="error"></div>
      <div class="tiles" id="tiles"></div>
      <p class="muted small" id="window-note"></p>
    </section>
    <section class="charts">
      <div class="card chart"><h2><span class="field">opened</span> vs <span class="field">responded</span> <span class="hint">conversations by time of their first message</span></h2><div data-chart="volume"></div></div>
      <div class="card chart"><h2><span class="field">frtP50</span> · <span class="field">frtP90</span> <span class="hint">first reply time, minutes</span></h2><div data-chart="frt"></div></div>
      <div class="card chart"><h2><span class="field">backlog</span> <span class="hint">customers waiting, sampled by the brand</span></h2><div data-chart="backlog"></div></div>
      <div class="card chart"><h2><span class="field">expectedUnfollows</span> <span class="hint">customers likely lost, by time of first message</span></h2><div data-chart="unfollows"></div></div>
    </section>
    <section class="split">
      <div class="card"><h2>Channels</h2><div id="channels"></div></div>
      <div class="card"><h2>Waiting now <span class="hint">highest unfollow risk first</span></h2><div id="waiting"></div></div>
    </section>
    <section class="split">
      <div class="card"><h2>Alerts <span class="hint">newest first, live</span></h2><div id="alerts"></div></div>
      <div class="card"><h2>Alert rules</h2><div id="rules"></div></div>
    </section>`;
  const $ = s => view.querySelector(s);
  const charts = {
    volume: new Chart($('[data-chart=volume]'), [{ field: 'opened', label: 'opened', stepped: true, fill: true }, { field: 'responded', label: 'responded', stepped: true }], 'conversations'),
    frt: new Chart($('[data-chart=frt]'), [{ field: 'frtP50', label: 'frtP50', unit: 60, points: true }, { field: 'frtP90', label: 'frtP90', unit: 60, points: true }], 'minutes'),
    backlog: new Chart($('[data-chart=backlog]'), [{ field: 'backlog', label: 'backlog', fill: true, spanGaps: true, points: true }], 'waiting'),
    unfollows: new Chart($('[data-chart=unfollows]'), [{ field: 'expectedUnfollows', label: 'expectedUnfollows', stepped: true, fill: true }], 'customers'),
  };

  let inFlight = false, again = false, last = 0, timer = 0, disposed = false, asOf = null;

  function syncControls() {
    for (const b of view.querySelectorAll('[data-window]')) b.setAttribute('aria-pressed', String(b.dataset.window === state.window));
    $('#custom').hidden = state.window !== 'custom';
    const q = new URLSearchParams({ window: state.window });
    if (state.window === 'custom' && state.from && state.to) { q.set('from', state.from); q.set('to', state.to); }
    if (state.channel) q.set('channel', state.channel);
    history.replaceState(null, '', `#/brand/${encodeURIComponent(brand)}?${q}`);
  }

  for (const b of view.querySelectorAll('[data-window]')) {
    b.addEventListener('click', () => {
      state.window = b.dataset.window;
      if (state.window === 'custom' && !(state.from && state.to) && asOf) prefillCustom();
      syncControls();
      if (state.window !== 'custom' || (state.from && state.to)) requestRefresh(true);
    });
  }
  $('#custom').addEventListener('submit', e => {
    e.preventDefault();
    const form = new FormData(e.target);
    const from = `${form.get('from')}:00Z`, to = `${form.get('to')}:00Z`;
    if (!(Date.parse(from) < Date.parse(to))) return showError('The custom window needs a "from" before its "to".');
    state.from = from;
    state.to = to;
    syncControls();
    requestRefresh(true);
  });
  $('#channel').addEventListener('change', e => { state.channel = e.target.value; syncControls(); requestRefresh(true); });

  function prefillCustom() {
    const end = Math.floor(Date.parse(asOf) / minute) * minute + minute;
    $('#custom [name=from]').value = new Date(end - windows['24h'] * minute).toISOString().slice(0, 16);
    $('#custom [name=to]').value = new Date(end).toISOString().slice(0, 16);
  }

  function range() {
    if (state.window === 'custom') return { from: state.from, to: state.to };
    const end = Math.floor(Date.parse(asOf) / minute) * minute + minute;
    return { from: isoMinute(end - windows[state.window] * minute), to: isoMinute(end) };
  }

  // At most one refresh a second and one in flight; a push during a refresh queues one more.
  function requestRefresh(now = false) {
    if (inFlight) { again = true; return; }
    if (timer) { if (!now) return; clearTimeout(timer); }
    timer = setTimeout(() => { timer = 0; refresh(); }, now ? 0 : Math.max(0, last + 1000 - Date.now()));
  }

  async function refresh() {
    inFlight = true;
    last = Date.now();
    try {
      asOf = live.brands.get(brand)?.asOf ?? (await get(`${path}/metrics`)).asOf;
      if (state.window === 'custom' && !(state.from && state.to)) prefillCustom();
      const window = range();
      const q = query({ ...window, channel: state.channel });
      const [metrics, series, waiting] = await Promise.all([
        get(`${path}/metrics${q}`),
        get(`${path}/series${query({ ...window, channel: state.channel, step: steps[state.window] })}`),
        get(`${path}/conversations?status=waiting&limit=${waitingShown}`),
      ]);
      if (disposed) return;
      showError(null);
      renderHead(metrics, window, series.stepSeconds);
      renderTiles(metrics);
      renderChannels(metrics);
      renderWaiting(state.channel ? waiting.filter(w => w.channel === state.channel) : waiting, metrics.backlog);
      for (const c of Object.values(charts)) c.update(series);
    } catch (e) {
      if (!disposed) showError(e.status === 404 ? `No events for brand "${brand}" yet: its page fills as soon as one arrives.` : `Could not load the figures: ${e.message}.`);
    } finally {
      inFlight = false;
      if (again && !disposed) { again = false; requestRefresh(); }
    }
  }

  function showError(message) {
    $('#error').innerHTML = message ? `<div class="error" role="alert">${escapeHtml(message)}</div>` : '';
  }

  function renderHead(m, window, stepSeconds) {
    $('#asof').textContent = `as of ${utc(m.asOf)}`;
    $('#window-note').textContent = `Window ${utc(window.from)} to ${utc(window.to)}${state.channel ? `, channel ${state.channel}` : ''}; ` +
      `charts by ${duration(stepSeconds)}. backlog and oldestWaitSeconds hold at the as-of, whatever the window.`;
    const select = $('#channel');
    const known = [...select.options].map(o => o.value);
    for (const c of Object.keys(m.channels)) {
      if (!known.includes(c)) select.add(new Option(c, c));
    }
    select.value = state.channel;
  }

  function renderTiles(m) {
    const quiet = m.opened === 0 && m.inbound === 0 && m.outbound === 0;
    $('#tiles').innerHTML = (quiet
      ? '<p class="empty tiles-note" data-empty="window">Nothing happened in this window: no conversation started and no message was sent. Try a longer window.</p>'
      : '') + tileFields.map(f => `
      <div class="tile ${judge(f, m[f])}" data-field="${f}" data-value="${m[f] ?? ''}">
        <div class="tile-value">${show(f, m[f])}</div>
        <div class="field">${f}</div>
        <div class="hint">${escapeHtml(hint(f, m))}</div>
      </div>`).join('');
  }

  // The calibrated rate's tile says how sure it is.
  function hint(f, m) {
    return f === 'calibratedPUnfollow' && m.calibratedPUnfollowLow != null
      ? `90% interval ${percent(m.calibratedPUnfollowLow)}–${percent(m.calibratedPUnfollowHigh)}; survey 56%`
      : fields[f].hint;
  }

  function renderChannels(m) {
    const entries = Object.entries(m.channels);
    $('#channels').innerHTML = entries.length === 0
      ? '<p class="empty">No channel has events yet.</p>'
      : `<div class="scroll"><table class="grid"><thead><tr><th scope="col">channel</th>${channelFields.map(f => `<th scope="col" title="${escapeHtml(fields[f].hint)}"><span class="field">${f}</span></th>`).join('')}</tr></thead>
         <tbody>${entries.map(([c, v]) => `<tr data-channel="${escapeHtml(c)}"><th scope="row">${escapeHtml(c)}</th>${channelFields.map(f => `<td class="num ${judge(f, v[f])}" data-field="${f}" data-value="${v[f] ?? ''}">${show(f, v[f])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  }

  function renderWaiting(rows, backlog) {
    const more = backlog > rows.length ? `<p class="muted small">The ${rows.length} longest of ${backlog.toLocaleString('en-US')} waiting${state.channel ? ' (all channels)' : ''}.</p>` : '';
    $('#waiting').innerHTML = rows.length === 0
      ? '<p class="empty" data-empty="waiting">Nobody is waiting right now.</p>'
      : `${more}<div class="scroll waiting-box"><table class="grid waiting"><thead><tr><th scope="col">conversation</th><th scope="col">channel</th><th scope="col">waiting</th><th scope="col">since</th><th scope="col" title="pUnfollow × F(wait), METRICS-SPEC section 5">risk</th></tr></thead>
         <tbody>${rows.map(w => `<tr data-conversation="${escapeHtml(w.conversationId)}">
           <th scope="row" class="id"><a href="#/brand/${encodeURIComponent(brand)}/conversation/${encodeURIComponent(w.conversationId)}" title="${escapeHtml(w.conversationId)}">${escapeHtml(w.conversationId)}</a></th>
           <td>${escapeHtml(w.channel)}</td>
           <td class="num" data-field="waitingSeconds" data-value="${w.waitingSeconds ?? ''}">${duration(w.waitingSeconds)}</td>
           <td class="nowrap" title="${utc(w.waitingSince)}">${clock(w.waitingSince)}</td>
           <td class="num" data-field="risk" data-value="${w.risk}"><span class="bar" style="--w:${(w.risk * 100).toFixed(1)}%"></span>${percent(w.risk)}</td></tr>`).join('')}</tbody></table></div>`;
  }

  const off = live.on('brand', s => { if (s.brand === brand) requestRefresh(); });
  const alerts = alertsPanel($('#alerts'), live, brand);
  rulesEditor($('#rules'), brand);
  syncControls();
  requestRefresh(true);

  return {
    dispose() {
      disposed = true;
      off();
      alerts.dispose();
      clearTimeout(timer);
      for (const c of Object.values(charts)) c.dispose();
    },
  };
}

// A time of day is enough in a list of current waits; the full date is in the cell's title.
function clock(iso) {
  return iso ? iso.slice(11, 19) : '–';
}

function isoMinute(ms) {
  return new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');
}
