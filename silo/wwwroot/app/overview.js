import { get } from './api.js';
import { fields, show } from './fields.js';
import { reference, judge } from './reference.js';
import { escapeHtml, percent, duration } from './format.js';
import { alertsPanel } from './alerts.js';

// The overview: the published reference points, then every brand's headline figures over all
// time, sortable, updated in place as brands push.

// cannedShare and the other figures of the text are on each brand's page: the board keeps to what fits a screen.
const columns = ['opened', 'responseRate', 'slaRate', 'frtP50', 'frtP90', 'backlog', 'oldestWaitSeconds', 'engagementGap', 'complaintSlaRate', 'expectedUnfollows', 'expectedAmplification'];

// In live mode these move every second with the clock alone: flashing them would flash all the time.
const clockDriven = new Set(['oldestWaitSeconds', 'expectedUnfollows', 'engagementGap']);

// Sorting survives leaving the page and coming back.
const sort = { field: 'expectedUnfollows', descending: true };

export function overview(view, live) {
  view.innerHTML = `
    <section class="refs" aria-label="Published reference points">
      <div class="ref">
        <div class="ref-num">${percent(reference.expectReplyWithinHour).replace('.0', '')}</div>
        <div class="ref-text">of customers expect a reply within 1 hour, <b>${percent(reference.expectReplyWithinHourComplaints).replace('.0', '')}</b> when they complain</div>
        <div class="ref-ours">Here: <b data-overall="slaRate">–</b> answered within the SLA <span class="field">slaRate</span>,
          <b data-overall="complaintSlaRate">–</b> of complaints <span class="field">complaintSlaRate</span></div>
      </div>
      <div class="ref">
        <div class="ref-num">22 · 53 · 88%</div>
        <div class="ref-text">expect a reply within minutes · an hour · a day: the engagement gap is the share whose expectation the reply missed</div>
        <div class="ref-ours">Here: <b data-overall="engagementGap">–</b> missed <span class="field">engagementGap</span></div>
      </div>
      <div class="ref">
        <div class="ref-num">${percent(reference.averageResponseRate).replace('.0', '')}</div>
        <div class="ref-text">average brand response rate: most mentions go unanswered</div>
        <div class="ref-ours">Here: <b data-overall="responseRate">–</b> answered <span class="field">responseRate</span></div>
      </div>
      <div class="ref">
        <div class="ref-num">&gt; 4 h</div>
        <div class="ref-text">average brand reply time</div>
        <div class="ref-ours">Here: <b data-overall="responseTimeMeanSeconds">–</b> mean reply time <span class="field">responseTimeMeanSeconds</span></div>
      </div>
    </section>
    <section class="card">
      <div class="card-head">
        <h1>Brands</h1>
        <span class="muted" id="board-note"></span>
      </div>
      <div id="board-body"><p class="muted">Loading brands…</p></div>
    </section>
    <section class="card">
      <h2>Alerts <span class="hint">every brand, newest first, live</span></h2>
      <div id="alerts"></div>
    </section>`;
  const alerts = alertsPanel(view.querySelector('#alerts'), live);
  const body = view.querySelector('#board-body');
  const note = view.querySelector('#board-note');
  const previous = new Map();
  let frame = 0;
  let loadError = null;

  function render() {
    frame = 0;
    const rows = [...live.brands.values()];
    renderOverall(view, rows);
    if (rows.length === 0) {
      body.innerHTML = loadError
        ? `<div class="error" role="alert">Could not load the brands: ${escapeHtml(loadError)}. Retrying…</div>`
        : `<div class="empty" data-empty="brands">
             <p><b>No brands yet.</b> Figures appear here within a second of the first event.</p>
             <p class="muted">Send events with <code>POST /api/events</code> (NDJSON, one event a line), replay a file with the client,
             or start the silo with the demo feed on (the default of <code>dotnet run --project silo -c Release</code>).</p>
           </div>`;
      note.textContent = '';
      return;
    }
    rows.sort(compare);
    note.textContent = `${rows.length} brand${rows.length === 1 ? '' : 's'} · all time · sorted by ${sort.field}${sort.descending ? ' (highest first)' : ''} · click a brand for its page`;
    body.innerHTML = `<div class="scroll"><table class="board">
      <thead><tr><th scope="col" class="name">brand</th>${columns.map(header).join('')}</tr></thead>
      <tbody>${rows.map(row).join('')}</tbody></table></div>`;
    for (const b of body.querySelectorAll('th button')) {
      b.addEventListener('click', () => {
        const field = b.dataset.sort;
        sort.descending = sort.field === field ? !sort.descending : true;
        sort.field = field;
        render();
      });
    }
  }

  function header(f) {
    const active = sort.field === f ? (sort.descending ? ' ▼' : ' ▲') : '';
    const aria = sort.field === f ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return `<th scope="col" aria-sort="${aria}"><button data-sort="${f}" title="${escapeHtml(fields[f].hint)}">
      <span class="field">${f}${active}</span><span class="hint">${escapeHtml(fields[f].hint)}</span></button></th>`;
  }

  function row(s) {
    const before = previous.get(s.brand);
    previous.set(s.brand, s.metrics);
    const cells = columns.map(f => {
      const v = s.metrics[f];
      const changed = before && before[f] !== v && !clockDriven.has(f) ? ' flash' : '';
      return `<td data-field="${f}" data-value="${v ?? ''}" class="num ${judge(f, v)}${changed}">${show(f, v)}</td>`;
    }).join('');
    return `<tr data-brand="${escapeHtml(s.brand)}"><th scope="row" class="name"><a href="#/brand/${encodeURIComponent(s.brand)}">${escapeHtml(s.brand)}</a></th>${cells}</tr>`;
  }

  const schedule = () => { if (!frame) frame = requestAnimationFrame(render); };
  const offBrand = live.on('brand', schedule);
  const offSeed = live.on('seeded', schedule);

  // The first paint does not wait for the push: the brand list is one request away.
  let retry = 0;
  async function load() {
    try {
      live.seed(await get('/api/brands'));
      loadError = null;
    } catch (e) {
      loadError = e.message;
      schedule();
      retry = setTimeout(load, 3000);
    }
  }
  load();
  render();

  return { dispose() { offBrand(); offSeed(); alerts.dispose(); clearTimeout(retry); cancelAnimationFrame(frame); } };
}

function compare(a, b) {
  const x = a.metrics[sort.field], y = b.metrics[sort.field];
  // Missing values (no figure yet) go last whichever the direction.
  if (x == null || y == null) return x == null && y == null ? a.brand.localeCompare(b.brand) : x == null ? 1 : -1;
  const order = x < y ? -1 : x > y ? 1 : a.brand.localeCompare(b.brand);
  return sort.descending ? -order : order;
}

// All brands together, from the rows: ratios from summed counts, the mean reply time weighted by responses.
function renderOverall(view, rows) {
  const sum = f => rows.reduce((t, r) => t + (r.metrics[f] ?? 0), 0);
  const opened = sum('opened'), responses = sum('responses');
  const replySeconds = rows.reduce((t, r) => t + (r.metrics.responseTimeMeanSeconds ?? 0) * r.metrics.responses, 0);
  const set = (f, text) => { const el = view.querySelector(`[data-overall="${f}"]`); if (el) el.textContent = text; };
  set('slaRate', opened ? percent(sum('withinSla') / opened) : '–');
  set('responseRate', opened ? percent(sum('responded') / opened) : '–');
  set('responseTimeMeanSeconds', responses ? duration(replySeconds / responses) : '–');
  // Weighted back into sums: each brand's ratio times its denominator.
  const complaints = sum('complaints');
  const weighted = (f, weight) => rows.reduce((t, r) => t + (r.metrics[f] ?? 0) * (r.metrics[weight] ?? 0), 0);
  set('complaintSlaRate', complaints ? percent(weighted('complaintSlaRate', 'complaints') / complaints) : '–');
  set('engagementGap', opened ? percent(weighted('engagementGap', 'opened') / opened) : '–');
}

