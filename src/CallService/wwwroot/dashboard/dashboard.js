// The manager dashboard: fetches /api/stats (docs/dashboard-api.md) and draws the figures, the
// charts (inline SVG) and the agent table. Texts come from /api/texts. Everything the server or a
// record supplies is set with textContent or as an SVG attribute value, never parsed as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
let texts = {};
let filters = { targetRings: 2, lines: [], desks: [], agents: [] };

const t = (key, ...args) => (texts[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

const pct = (x) => (x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%');
const dec = (x, d = 1) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (response.status === 401) { location.href = '/signin?returnUrl=' + encodeURIComponent(location.pathname + location.search); throw new Error('401'); }
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return response.json();
}

function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function addDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

function params(withRange = true) {
  const p = new URLSearchParams();
  if (withRange) { p.set('from', $('from').value); p.set('to', $('to').value); }
  for (const name of ['line', 'desk', 'agent']) if ($(name).value) p.set(name, $(name).value);
  return p;
}

function fillSelect(id, options) {
  const select = $(id);
  select.replaceChildren(el('option', { value: '' }, t('dashboard.all')));
  for (const [value, label] of options) select.append(el('option', { value }, label));
}

function agentLabel(key) {
  if (key === 'auto') return t('dashboard.agentAuto');
  if (key === '(none)') return t('dashboard.agentNone');
  const agent = filters.agents.find((a) => a.id === key);
  return agent && agent.displayName ? `${agent.displayName} (${key})` : key;
}

function figure(container, prefix, key, label, value, shown, cls) {
  const box = el('div', { class: 'figure' + (cls ? ' ' + cls : ''), id: `${prefix}-${key}` });
  box.append(el('div', { class: 'label' }, label));
  const v = el('div', { class: 'value', 'data-value': value === null || value === undefined ? '' : value }, shown);
  box.append(v);
  container.append(box);
}

function figures(containerId, prefix, s) {
  const box = $(containerId);
  box.replaceChildren();
  const level = s.serviceLevel;
  figure(box, prefix, 'offered', t('dashboard.offered'), s.offered, s.offered);
  figure(box, prefix, 'answered-by-agent', t('dashboard.answeredByAgent'), s.answeredByAgent, s.answeredByAgent);
  figure(box, prefix, 'within-target', t('dashboard.withinTarget'), s.answeredByAgentWithinTarget, s.answeredByAgentWithinTarget);
  const target = (filters.serviceLevelTarget ?? 0.8);
  figure(box, prefix, 'service-level', t('dashboard.serviceLevel'), level, pct(level), level === null ? '' : (level >= target ? 'good' : 'bad'));
  figure(box, prefix, 'auto-answered', t('dashboard.autoAnswered'), s.autoAnswered, s.autoAnswered);
  figure(box, prefix, 'abandoned', t('dashboard.abandoned'), s.abandoned, s.abandoned);
  figure(box, prefix, 'short-abandons', t('dashboard.shortAbandons'), s.shortAbandons, s.shortAbandons);
  figure(box, prefix, 'avg-answer', t('dashboard.avgAnswer'), s.timeToAnswerSeconds.average, dec(s.timeToAnswerSeconds.average));
  figure(box, prefix, 'p90-answer', t('dashboard.p90Answer'), s.timeToAnswerSeconds.p90, dec(s.timeToAnswerSeconds.p90));
  box.setAttribute('title', t('dashboard.serviceLevelHint', filters.targetRings));
}

// Ring distribution: one bar per band, the bands over the target in another colour.
function ringsChart(s) {
  const r = s.ringsToAnswer;
  const bands = [['0-1', r.upTo1, 1], ['1-2', r.from1To2, 2], ['2-3', r.from2To3, 3], ['3-4', r.from3To4, 4], ['>4', r.over4, 5]];
  const W = 480, H = 220, left = 40, bottom = 30, top = 16;
  const max = Math.max(1, ...bands.map((b) => b[1]));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('dashboard.ringsHistogram') });
  chart.append(svg('line', { class: 'axis', x1: left, y1: H - bottom, x2: W - 8, y2: H - bottom }));
  const slot = (W - left - 8) / bands.length;
  bands.forEach(([label, count, upper], i) => {
    const h = ((H - bottom - top) * count) / max;
    const x = left + i * slot + slot * 0.15;
    const bar = svg('rect', { class: 'bar' + (upper > filters.targetRings ? ' over' : ''), x, y: H - bottom - h, width: slot * 0.7, height: Math.max(h, 0), 'data-band': label, 'data-count': count });
    bar.append(svg('title', {}, `${t('dashboard.ringsBand', label)}: ${count}`));
    chart.append(bar);
    chart.append(svg('text', { x: x + slot * 0.35, y: H - bottom - h - 4, 'text-anchor': 'middle' }, count));
    chart.append(svg('text', { x: x + slot * 0.35, y: H - 10, 'text-anchor': 'middle' }, t('dashboard.ringsBand', label)));
  });
  $('chart-rings').replaceChildren(chart);
}

// Daily service level as a line, the target (the service-level goal) as a dashed line.
function trendChart(days) {
  const W = 480, H = 220, left = 40, right = 8, top = 12, bottom = 30;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('dashboard.trend') });
  const y = (v) => top + (H - top - bottom) * (1 - v);
  for (const v of [0, 0.5, 1]) {
    chart.append(svg('line', { class: 'axis', x1: left, y1: y(v), x2: W - right, y2: y(v) }));
    chart.append(svg('text', { x: left - 4, y: y(v) + 4, 'text-anchor': 'end' }, `${v * 100}%`));
  }
  const target = filters.serviceLevelTarget ?? 0.8;
  chart.append(svg('line', { class: 'target', x1: left, y1: y(target), x2: W - right, y2: y(target) }));
  chart.append(svg('text', { x: W - right, y: y(target) - 4, 'text-anchor': 'end' }, t('dashboard.target', pct(target))));
  const groups = days.groups;
  const step = groups.length > 1 ? (W - left - right) / (groups.length - 1) : 0;
  const points = [];
  // A weekly tick label (centred) is left out when it would run into the label drawn before it or the
  // last day's label (end-anchored): "MM-DD" at the chart's 11px font is about 32 units wide.
  const labelWidth = 32, labelGap = 6;
  const lastX = left + (groups.length - 1) * step;
  let drawnRight = left + labelWidth; // the first day's label is start-anchored
  const clear = (x) => x - labelWidth / 2 >= drawnRight + labelGap && x + labelWidth / 2 + labelGap <= lastX - labelWidth;
  groups.forEach((g, i) => {
    const x = left + (groups.length > 1 ? i * step : (W - left - right) / 2);
    const level = g.statistics.serviceLevel;
    if (level !== null) {
      points.push(`${x.toFixed(1)},${y(level).toFixed(1)}`);
      const dot = svg('circle', { class: 'dot', cx: x, cy: y(level), r: 3, 'data-day': g.key, 'data-value': level });
      dot.append(svg('title', {}, `${g.key}: ${pct(level)} (${g.statistics.offered})`));
      chart.append(dot);
    }
    if (i === 0 || i === groups.length - 1 || (groups.length > 10 && i % 7 === 0 && clear(x))) {
      const anchor = groups.length === 1 ? 'middle' : i === 0 ? 'start' : i === groups.length - 1 ? 'end' : 'middle';
      chart.append(svg('text', { x, y: H - 10, 'text-anchor': anchor }, g.key.slice(5)));
      if (anchor === 'middle') drawnRight = x + labelWidth / 2;
    }
  });
  if (points.length > 1) chart.insertBefore(svg('polyline', { class: 'line', points: points.join(' ') }), chart.firstChild.nextSibling);
  $('chart-trend').replaceChildren(chart);
}

// Offered calls per weekday x hour: darker is busier; each cell's title has the count and level.
function heatmap(report) {
  const W = 960, H = 250, left = 40, top = 20, cw = (W - left - 4) / 24, ch = (H - top - 6) / 7;
  const names = t('dashboard.weekdays').split(',');
  const cells = new Map(report.groups.map((g) => [g.key, g.statistics]));
  const max = Math.max(1, ...report.groups.map((g) => g.statistics.offered));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('dashboard.heatmap') });
  for (let h = 0; h < 24; h++) chart.append(svg('text', { x: left + h * cw + cw / 2, y: 14, 'text-anchor': 'middle' }, String(h).padStart(2, '0')));
  for (let d = 0; d < 7; d++) {
    chart.append(svg('text', { x: left - 6, y: top + d * ch + ch / 2 + 4, 'text-anchor': 'end' }, names[d] ?? d + 1));
    for (let h = 0; h < 24; h++) {
      const key = `${d + 1}-${String(h).padStart(2, '0')}`;
      const s = cells.get(key);
      const n = s ? s.offered : 0;
      const share = n / max;
      const fill = n === 0 ? '#eef1f4' : `rgba(11, 110, 79, ${(0.12 + 0.88 * share).toFixed(3)})`;
      const cell = svg('rect', { x: left + h * cw + 1, y: top + d * ch + 1, width: cw - 2, height: ch - 2, rx: 3, fill, 'data-key': key, 'data-count': n });
      cell.append(svg('title', {}, `${names[d] ?? ''} ${String(h).padStart(2, '0')}:00 — ${t('dashboard.offered')} ${n}, ${t('dashboard.serviceLevel')} ${pct(s ? s.serviceLevel : null)}`));
      chart.append(cell);
      if (n > 0 && share >= 0.5) chart.append(svg('text', { class: 'cell-label', x: left + h * cw + cw / 2, y: top + d * ch + ch / 2 + 4, 'text-anchor': 'middle', fill: '#fff' }, n));
    }
  }
  $('chart-heatmap').replaceChildren(chart);
}

function agentTable(report) {
  const body = $('agents').tBodies[0];
  body.replaceChildren();
  if (report.groups.length === 0) {
    const row = el('tr');
    row.append(el('td', { colspan: 6 }, t('dashboard.noCalls')));
    body.append(row);
    return;
  }
  for (const g of report.groups) {
    const s = g.statistics;
    const row = el('tr', { 'data-agent': g.key });
    row.append(el('td', {}, agentLabel(g.key)));
    row.append(el('td', {}, s.offered));
    row.append(el('td', {}, pct(s.serviceLevel)));
    row.append(el('td', {}, dec(s.timeToAnswerRings.average)));
    row.append(el('td', {}, s.holds.holds));
    row.append(el('td', {}, `${s.callbacks.offered} / ${s.callbacks.accepted} / ${s.callbacks.completed}`));
    body.append(row);
  }
}

async function loadPeriod() {
  const status = $('status');
  status.classList.remove('error');
  status.textContent = t('dashboard.loading');
  try {
    const p = params();
    const data = await getJson('/api/stats/dashboard?' + p);
    const overall = data.agents.overall;
    figures('period', 'period', overall);
    $('period-range').textContent = `${$('from').value} — ${$('to').value} (${data.agents.timeZone})`;
    ringsChart(overall);
    trendChart(data.days);
    heatmap(data.weekdayHours);
    agentTable(data.agents);
    const table = new URLSearchParams(p); table.set('by', 'agent'); table.set('format', 'csv');
    $('export-table').href = '/api/stats/report?' + table;
    $('export-calls').href = '/api/stats/calls.csv?' + p;
    history.replaceState(null, '', '?' + p);
    status.textContent = overall.received === 0 ? t('dashboard.noCalls') : '';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.classList.add('error');
    status.textContent = t('dashboard.failed', e.message);
  }
}

async function loadToday() {
  try {
    const report = await getJson('/api/stats/today?' + params(false));
    figures('today', 'today', report.overall);
    $('today-updated').textContent = t('dashboard.updated', new Date().toLocaleTimeString(document.documentElement.lang));
  } catch (e) {
    $('today-updated').textContent = t('dashboard.failed', e.message);
  }
}

async function start() {
  const [session, textMap, filterData] = await Promise.all([getJson('/api/session'), getJson('/api/texts'), getJson('/api/stats/filters')]);
  texts = textMap;
  filters = filterData;
  document.documentElement.lang = session.language;
  document.title = t('dashboard.title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  $('user').textContent = t('session.signedInAs', session.displayName || session.userName);
  $('signout-token').value = session.antiforgeryToken;
  fillSelect('line', filters.lines.map((l) => [l.number, l.displayName ? `${l.displayName} (${l.number})` : l.number]));
  fillSelect('desk', filters.desks.map((d) => [d, d]));
  fillSelect('agent', [...filters.agents.map((a) => [a.id, agentLabel(a.id)]), ['auto', t('dashboard.agentAuto')], ['(none)', t('dashboard.agentNone')]]);

  const query = new URLSearchParams(location.search);
  $('to').value = query.get('to') || filters.today;
  $('from').value = query.get('from') || addDays($('to').value, -29);
  for (const name of ['line', 'desk', 'agent']) {
    const value = query.get(name);
    if (value) {
      if (![...$(name).options].some((o) => o.value === value)) $(name).append(el('option', { value }, value));
      $(name).value = value;
    }
  }
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadPeriod(); loadToday(); });
  await Promise.all([loadPeriod(), loadToday()]);
  setInterval(loadToday, 30000);
}

start().catch((e) => {
  const status = $('status');
  status.classList.add('error');
  status.textContent = t('dashboard.failed', e.message);
});
