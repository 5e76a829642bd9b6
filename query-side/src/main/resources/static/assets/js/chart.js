// Small charts drawn as inline SVG: a bar chart that scales to the largest value, and a live multi-series line chart.
// Colours come from CSS classes and custom properties, so charts follow the light or dark theme.
import { dateFormat, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * bars: [{key, label, value}]; each bar gets class `bar s-<key>` so CSS colours it.
 * onSelect(key) is called when a bar is clicked; label names the chart for assistive technology.
 */
export function barChart(bars, { height = 120, onSelect, testid, label = t('orders.chart') } = {}) {
  const width = 700;
  const top = 18;
  const bottom = 22;
  const gap = 14;
  const barWidth = (width - gap * (bars.length + 1)) / bars.length;
  const max = Math.max(1, ...bars.map(b => b.value));
  // bars that can be chosen are buttons, so the chart is a group of them rather than one image
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: onSelect ? 'group' : 'img', 'aria-label': label });
  if (testid) svg.setAttribute('data-testid', testid);
  svg.append(s('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }));
  bars.forEach((b, i) => {
    const x = gap + i * (barWidth + gap);
    const h = Math.round(((height - top - bottom) * b.value) / max);
    const g = s('g', { class: 'bar-group', 'data-key': b.key, 'data-value': b.value });
    g.append(s('title', {}, `${b.label}: ${b.value}`));
    g.append(s('rect', { x, y: height - bottom - Math.max(h, 1), width: barWidth, height: Math.max(h, 1), rx: 3, class: `bar s-${b.key}` }));
    g.append(s('text', { x: x + barWidth / 2, y: height - bottom - Math.max(h, 1) - 5, 'text-anchor': 'middle', class: 'value' }, String(b.value)));
    g.append(s('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' }, b.label));
    if (onSelect) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `${b.label}: ${b.value}`);
      g.style.cursor = 'pointer';
      g.addEventListener('click', () => onSelect(b.key));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(b.key); });
    }
    svg.append(g);
  });
  return svg;
}

const timeOfDay = () => dateFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Round tick values covering min..max in about `count` steps, and the decimals they need. */
function niceScale(min, max, count = 4) {
  if (!(max > min)) {
    const pad = Math.abs(min) > 1 ? Math.abs(min) * 0.05 : 1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const norm = rough / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks = [];
  for (let i = 0; lo + i * step <= hi + step / 2; i++) ticks.push(lo + i * step);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return { lo, hi, ticks, digits };
}

function millis(t) {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  return new Date(t).getTime();
}

/**
 * A line chart with one series per key that grows as points arrive: add(key, time, value) keeps the points of each
 * series in time order, at most maxPoints of them (the oldest go), and redraws at most once every minRedrawMs however
 * many points came, so a fast stream costs a few draws a second. Series get colour classes `series c-<n>` in order of
 * appearance; the legend shows each series' latest value. The container carries data-series-count and
 * data-point-count, each series path data-series and data-points.
 * With onZoom(fromMs, toMs), dragging across the plot chooses a time range (the keyboard way is the caller's: preset
 * buttons or inputs); setDomain(fromMs, toMs) fixes the time axis to a range instead of the points' extent.
 * Answers {el, add, clear, redraw, size, setDomain, destroy}.
 */
export function lineChart({ label = 'Chart', unit = '', height = 220, maxPoints = 300, minRedrawMs = 250, digits = 1,
  testid, seriesLabel = (key) => key, emptyText = t('run.waiting'), onZoom } = {}) {
  const margin = { top: 22, right: 14, bottom: 24, left: 48 };
  const series = new Map();
  const svg = s('svg', { viewBox: `0 0 700 ${height}`, class: 'chart lines', role: 'img', 'aria-label': label });
  const legend = document.createElement('ul');
  legend.className = 'legend';
  const empty = document.createElement('p');
  empty.className = 'chart-empty muted';
  empty.textContent = emptyText;
  const el = document.createElement('div');
  el.className = 'line-chart';
  if (testid) {
    el.setAttribute('data-testid', testid);
    legend.setAttribute('data-testid', `${testid}-legend`);
  }
  el.append(svg, legend, empty);

  let timer = null;
  let lastDraw = 0;
  let points = 0;
  let drawnWidth = 0;
  let domain = null;
  let scale = null;
  // Drawn at the width it is shown at, so text keeps its size; a new width means a new drawing.
  const resized = typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => { if (el.clientWidth && el.clientWidth !== drawnWidth) schedule(); })
    : null;
  if (resized) resized.observe(el);

  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      draw();
    }, Math.max(0, minRedrawMs - (Date.now() - lastDraw)));
  }

  function add(key, time, value) {
    const t = millis(time);
    const v = Number(value);
    if (value === null || value === undefined || !Number.isFinite(t) || !Number.isFinite(v)) return;
    let entry = series.get(key);
    if (!entry) {
      entry = { key, index: series.size, points: [] };
      series.set(key, entry);
    }
    const list = entry.points;
    if (!list.length || list[list.length - 1][0] <= t) {
      list.push([t, v]);
    } else {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid][0] <= t) lo = mid + 1; else hi = mid;
      }
      list.splice(lo, 0, [t, v]);
    }
    points += 1;
    if (list.length > maxPoints) {
      points -= list.length - maxPoints;
      list.splice(0, list.length - maxPoints);
    }
    schedule();
  }

  function draw() {
    lastDraw = Date.now();
    const width = el.clientWidth || 700;
    drawnWidth = el.clientWidth;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const all = [...series.values()].filter(e => e.points.length);
    el.dataset.seriesCount = String(all.length);
    el.dataset.pointCount = String(points);
    empty.hidden = all.length > 0;
    svg.replaceChildren();
    legend.replaceChildren();
    if (!all.length) return;

    let tMin = Infinity;
    let tMax = -Infinity;
    let vMin = Infinity;
    let vMax = -Infinity;
    for (const e of all) {
      tMin = Math.min(tMin, e.points[0][0]);
      tMax = Math.max(tMax, e.points[e.points.length - 1][0]);
      for (const [, v] of e.points) {
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
    }
    if (domain) [tMin, tMax] = domain;
    if (tMax === tMin) { tMin -= 1000; tMax += 1000; }
    const y = niceScale(vMin, vMax);
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const xOf = (t) => margin.left + ((t - tMin) / (tMax - tMin)) * plotW;
    scale = { tMin, tMax, plotW, width };
    const yOf = (v) => margin.top + plotH - ((v - y.lo) / (y.hi - y.lo)) * plotH;

    const grid = s('g', { class: 'grid' });
    for (const tick of y.ticks) {
      const py = yOf(tick).toFixed(1);
      grid.append(s('line', { x1: margin.left, x2: width - margin.right, y1: py, y2: py, class: 'gridline' }));
      grid.append(s('text', { x: margin.left - 6, y: Number(py) + 4, 'text-anchor': 'end' }, tick.toFixed(y.digits)));
    }
    const xTicks = Math.max(1, Math.min(5, Math.floor(plotW / 110)));
    for (let i = 0; i <= xTicks; i++) {
      const t = tMin + ((tMax - tMin) * i) / xTicks;
      grid.append(s('text', { x: xOf(t).toFixed(1), y: height - 6, 'text-anchor': i === 0 ? 'start' : i === xTicks ? 'end' : 'middle' },
        timeOfDay().format(new Date(t))));
    }
    grid.append(s('line', { x1: margin.left, x2: width - margin.right, y1: margin.top + plotH, y2: margin.top + plotH, class: 'axis' }));
    if (unit) grid.append(s('text', { x: margin.left - 6, y: 11, 'text-anchor': 'end', class: 'unit' }, unit));
    svg.append(grid);

    const ordered = [...all].sort((a, b) => String(a.key).localeCompare(String(b.key), undefined, { numeric: true }));
    for (const e of ordered) {
      const colour = `c-${e.index % 8}`;
      const shown = domain ? e.points.filter(([t]) => t >= tMin && t <= tMax) : e.points;
      if (!shown.length) continue;
      const d = shown.map(([t, v], i) => `${i ? 'L' : 'M'}${xOf(t).toFixed(1)} ${yOf(v).toFixed(1)}`).join('');
      const [lastT, lastV] = shown[shown.length - 1];
      const name = seriesLabel(e.key);
      const path = s('path', { d, class: `series ${colour}`, 'data-series': e.key, 'data-points': shown.length });
      path.append(s('title', {}, `${name}: ${lastV.toFixed(digits)}${unit ? ` ${unit}` : ''}`));
      svg.append(path, s('circle', { cx: xOf(lastT).toFixed(1), cy: yOf(lastV).toFixed(1), r: 3, class: `last ${colour}` }));

      const item = document.createElement('li');
      item.dataset.series = e.key;
      const swatch = document.createElement('span');
      swatch.className = `swatch ${colour}`;
      const value = document.createElement('span');
      value.className = 'latest';
      value.textContent = `${lastV.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
      item.append(swatch, document.createTextNode(name), value);
      legend.append(item);
    }
  }

  /** The time under a pointer event, within the time axis last drawn. */
  function timeAt(event) {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * scale.width;
    const share = Math.min(1, Math.max(0, (x - margin.left) / scale.plotW));
    return scale.tMin + share * (scale.tMax - scale.tMin);
  }

  if (onZoom) {
    el.classList.add('zoomable');
    let start = null;
    let band = null;
    svg.addEventListener('pointerdown', (e) => {
      if (!scale || e.button !== 0) return;
      start = timeAt(e);
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener('pointermove', (e) => {
      if (start === null) return;
      const [a, b] = [start, timeAt(e)].sort((x, y) => x - y);
      const x1 = margin.left + ((a - scale.tMin) / (scale.tMax - scale.tMin)) * scale.plotW;
      const x2 = margin.left + ((b - scale.tMin) / (scale.tMax - scale.tMin)) * scale.plotW;
      if (!band || !band.isConnected) {
        band = s('rect', { class: 'zoom-band', y: margin.top, height: height - margin.top - margin.bottom });
        svg.append(band);
      }
      band.setAttribute('x', x1.toFixed(1));
      band.setAttribute('width', Math.max(0, x2 - x1).toFixed(1));
    });
    const end = (e) => {
      if (start === null) return;
      const [a, b] = [start, timeAt(e)].sort((x, y) => x - y);
      start = null;
      if (band) band.remove();
      band = null;
      // a click, or a drag narrower than a hundredth of the axis, is no choice of range
      if (b - a > (scale.tMax - scale.tMin) / 100) onZoom(Math.floor(a), Math.ceil(b));
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', () => { start = null; if (band) band.remove(); band = null; });
  }

  draw();
  return {
    el,
    add,
    /** Fixes the time axis to fromMs..toMs; no arguments go back to the extent of the points. */
    setDomain(fromMs, toMs) {
      domain = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs ? [fromMs, toMs] : null;
      schedule();
    },
    /** How many points are held, over all series. */
    size: () => points,
    clear() { series.clear(); points = 0; schedule(); },
    redraw: draw,
    destroy() {
      clearTimeout(timer);
      timer = null;
      if (resized) resized.disconnect();
    },
  };
}

/**
 * A step chart of a value that holds until it changes (a price): points [{at, value, label}] in time order, each
 * step drawn flat until the next and the last one up to now, with format(value) written where it starts. label names
 * the chart; each point's label is its title.
 */
export function stepChart(points, { label, format = String, height = 160, testid } = {}) {
  const width = 700;
  const pad = { top: 14, right: 14, bottom: 22, left: 14 };
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart steps', role: 'img', 'aria-label': label });
  if (testid) svg.setAttribute('data-testid', testid);
  if (!points.length) return svg;
  const times = points.map(p => millis(p.at));
  const start = times[0];
  const end = Math.max(Date.now(), times[times.length - 1] + 1);
  const values = points.map(p => Number(p.value));
  const { lo, hi } = niceScale(Math.min(0, ...values), Math.max(...values));
  const x = (time) => pad.left + ((time - start) / (end - start)) * (width - pad.left - pad.right);
  const y = (value) => height - pad.bottom - ((value - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom, class: 'axis' }));
  let d = `M ${x(times[0])} ${y(values[0])}`;
  for (let i = 1; i < points.length; i++) d += ` H ${x(times[i])} V ${y(values[i])}`;
  d += ` H ${x(end)}`;
  svg.append(s('path', { d, class: 'step' }));
  points.forEach((p, i) => {
    const dot = s('circle', { cx: x(times[i]), cy: y(values[i]), r: 4, class: 'dot', 'data-value': values[i] });
    dot.append(s('title', {}, p.label));
    svg.append(dot, s('text', { x: x(times[i]) + 6, y: y(values[i]) - 8, class: 'value' }, format(values[i])));
  });
  const day = dateFormat({ dateStyle: 'medium' });
  svg.append(s('text', { x: pad.left, y: height - 6 }, day.format(new Date(start))));
  svg.append(s('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end' }, day.format(new Date(end))));
  return svg;
}
