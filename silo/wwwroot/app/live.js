// Live push for the whole page: one EventSource on /api/live (server-sent events). The server
// sends a 'brand' event whenever a brand's figures change (at most once a second per brand) and a
// 'heartbeat' every 15 s, and an 'alert' for each alert a brand fires or resolves; a connection
// silent for longer than that is treated as lost. The browser reconnects by itself after a network
// error; when it gives up (the silo answered with an error), this reconnects after a pause. Every
// reconnection starts with every brand's latest figures, so nothing needs replaying.
// A hidden tab lets its stream go and connects again when shown: over plain HTTP a browser opens
// at most six connections to a host, and with five tabs each holding a stream, a sixth tab had one
// left for its stream and none for its figures.

const silentLimitMs = 40_000;
const retryMs = 3_000;

export class Live extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.brands = new Map();
    this.status = 'connecting';
    this.lastMessage = 0;
    if (document.visibilityState === 'hidden') this.pause();
    else this.connect();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.pause();
      else if (this.status === 'paused') { this.setStatus('connecting'); this.connect(); }
    });
    setInterval(() => this.watch(), 5_000);
    // Drops the connection as a network failure would (for diagnostics and the browser tests).
    window.addEventListener('analytics:drop-live', () => this.connect());
  }

  connect() {
    this.source?.close();
    this.setStatus(this.status === 'live' ? 'reconnecting' : this.status);
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => {
      this.lastMessage = Date.now();
      this.setStatus('live');
    };
    source.addEventListener('heartbeat', () => { this.lastMessage = Date.now(); });
    source.addEventListener('brand', e => {
      this.lastMessage = Date.now();
      const summary = JSON.parse(e.data);
      this.brands.set(summary.brand, summary);
      this.dispatchEvent(new CustomEvent('brand', { detail: summary }));
    });
    source.addEventListener('alert', e => {
      this.lastMessage = Date.now();
      this.dispatchEvent(new CustomEvent('alert', { detail: JSON.parse(e.data) }));
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.setStatus('offline');
        setTimeout(() => { if (this.source === source) this.connect(); }, retryMs);
      } else {
        this.setStatus('reconnecting');
      }
    };
  }

  // While the tab is hidden: no stream, and no reconnecting (watch only revives a 'live' one).
  pause() {
    this.source?.close();
    this.source = null;
    this.setStatus('paused');
  }

  // Figures fetched by a view before the push had them: kept only where the push has nothing newer.
  seed(summaries) {
    for (const s of summaries) if (!this.brands.has(s.brand)) this.brands.set(s.brand, s);
    this.dispatchEvent(new CustomEvent('seeded'));
  }

  watch() {
    if (this.status === 'live' && Date.now() - this.lastMessage > silentLimitMs) this.connect();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }

  // Subscribes a handler; returns its removal, for a view's dispose.
  on(type, handler) {
    const listener = e => handler(e.detail);
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }
}
