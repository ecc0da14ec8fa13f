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

// Rounded to the smaller unit shown before it is split, so that 1,199.6 s reads "20 min", not
// "19 min 60 s", and 59.6 s "1 min".
export function duration(seconds) {
  if (seconds == null) return dash;
  const s = Math.round(Math.max(0, seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return units(s, 60, 'min', 's');
  const m = Math.round(seconds / 60);
  if (m < 1440) return units(m, 60, 'h', 'min');
  return units(Math.round(seconds / 3600), 24, 'd', 'h');
}

// `total` small units as large ones and the rest: (90, 60, 'min', 's') is "1 min 30 s".
function units(total, perLarge, large, small) {
  const whole = Math.floor(total / perLarge), rest = total % perLarge;
  return rest ? `${whole} ${large} ${rest} ${small}` : `${whole} ${large}`;
}

export function utc(iso) {
  if (!iso) return dash;
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
