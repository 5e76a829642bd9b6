// A small bar chart drawn as inline SVG; bars scale to the largest value.

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * bars: [{key, label, value}]; each bar gets class `bar s-<key>` so CSS colours it.
 * onSelect(key) is called when a bar is clicked.
 */
export function barChart(bars, { height = 120, onSelect, testid } = {}) {
  const width = 700;
  const top = 18;
  const bottom = 22;
  const gap = 14;
  const barWidth = (width - gap * (bars.length + 1)) / bars.length;
  const max = Math.max(1, ...bars.map(b => b.value));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': 'Orders by status' });
  if (testid) svg.setAttribute('data-testid', testid);
  svg.append(s('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }));
  bars.forEach((b, i) => {
    const x = gap + i * (barWidth + gap);
    const h = Math.round(((height - top - bottom) * b.value) / max);
    const g = s('g', { class: 'bar-group', 'data-key': b.key, 'data-value': b.value, tabindex: 0 });
    g.append(s('title', {}, `${b.label}: ${b.value}`));
    g.append(s('rect', { x, y: height - bottom - Math.max(h, 1), width: barWidth, height: Math.max(h, 1), rx: 3, class: `bar s-${b.key}` }));
    g.append(s('text', { x: x + barWidth / 2, y: height - bottom - Math.max(h, 1) - 5, 'text-anchor': 'middle', class: 'value' }, String(b.value)));
    g.append(s('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' }, b.label));
    if (onSelect) {
      g.style.cursor = 'pointer';
      g.addEventListener('click', () => onSelect(b.key));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(b.key); });
    }
    svg.append(g);
  });
  return svg;
}
