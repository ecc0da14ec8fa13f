// Formatting of the spec's figures for people: ratios as percentages, durations in the largest
// sensible units, missing values (null: nothing to measure yet) as a dash, never as 0.

export const dash = '–';

export function count(v) {
  return v == null ? dash : Math.round(v).toLocaleString('en-US');
}

export function percent(v) {
  return v == null ? dash : `${(v * 100).toFixed(1)}%`;
}

export function decimal(v, digits = 2) {
  return v == null ? dash : v.toFixed(digits);
}

export function duration(seconds) {
  if (seconds == null) return dash;
  const s = Math.max(0, seconds);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60), r = Math.round(s % 60);
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  if (s < 86400) {
    const h = Math.floor(s / 3600), m = Math.round((s % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(s / 86400), h = Math.round((s % 86400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}

export function utc(iso) {
  if (!iso) return dash;
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
