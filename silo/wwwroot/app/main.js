import { Live } from './live.js';
import { overview } from './overview.js';
import { brandPage } from './brand.js';
import { conversationPage } from './conversation.js';

// The page: a header with the live connection's state, and one view at a time chosen by the URL
// hash (#/ overview, #/brand/NAME, #/brand/NAME/conversation/ID), so that every view has a link.

const view = document.getElementById('view');
const pill = document.getElementById('connection');
const banner = document.getElementById('banner');
const updated = document.getElementById('updated');
const live = new Live('/api/live');

const statusText = {
  connecting: ['connecting…', 'pill-wait'],
  live: ['live', 'pill-live'],
  reconnecting: ['connection lost, reconnecting…', 'pill-lost'],
  offline: ['offline, retrying…', 'pill-lost'],
  paused: ['paused while hidden', 'pill-wait'],
};

function showStatus(status) {
  const [text, cls] = statusText[status];
  pill.textContent = text;
  pill.className = `pill ${cls}`;
  pill.dataset.status = status;
  const lost = status === 'reconnecting' || status === 'offline';
  banner.hidden = !lost;
  banner.textContent = lost
    ? 'The live connection to the silo is lost. Figures shown may be out of date; the page reconnects by itself.'
    : '';
}
live.on('status', showStatus);
showStatus(live.status);
live.on('brand', () => { updated.textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`; });

let current = null;
function route() {
  current?.dispose();
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search ?? '');
  if (parts[0] === 'brand' && parts.length === 2) current = brandPage(view, live, parts[1], params);
  else if (parts[0] === 'brand' && parts[2] === 'conversation' && parts.length === 4) current = conversationPage(view, live, parts[1], parts[3]);
  else current = overview(view, live);
  window.scrollTo(0, 0);
}
window.addEventListener('hashchange', route);
route();
