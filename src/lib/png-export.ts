// A chart as a PNG: the chart's SVG (or the map's canvas) drawn below a header stating what it
// is, under which filters, when it was made and whether the data is synthetic. Everything is
// drawn locally: no request leaves the page.

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];

/** SVG text with the computed styles written inline, so it renders the same outside the page. */
export function inlineSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i] as SVGElement | undefined;
    if (!target) return;
    target.setAttribute('style', STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = url;
  });
}

export interface PngLegendItem {
  label: string;
  color: string;
}

/** Draws the chart in `container` (its first SVG, else its first canvas) into a PNG. */
export async function chartToPng(container: HTMLElement, header: readonly string[], legend: readonly PngLegendItem[] = []): Promise<Blob> {
  const svg = container.querySelector('svg.recharts-surface, svg') as SVGSVGElement | null;
  const canvasEl = svg ? null : container.querySelector('canvas');
  let source: CanvasImageSource;
  let width: number;
  let height: number;
  let revoke: string | null = null;
  if (svg) {
    const rect = svg.getBoundingClientRect();
    width = rect.width;
    height = rect.height;
    revoke = URL.createObjectURL(new Blob([inlineSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }));
    source = await loadImage(revoke);
  } else if (canvasEl) {
    const rect = canvasEl.getBoundingClientRect();
    width = rect.width;
    height = rect.height;
    source = canvasEl;
  } else throw new Error('There is no chart to export.');

  const scale = 2;
  const lineHeight = 18;
  const pad = 12;
  const headerHeight = pad + header.length * lineHeight + pad;
  const legendHeight = legend.length ? lineHeight + pad : 0;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((width + 2 * pad) * scale);
  canvas.height = Math.ceil((headerHeight + height + legendHeight + pad) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images.');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width + 2 * pad, headerHeight + height + legendHeight + pad);
  ctx.fillStyle = '#1b1f24';
  header.forEach((line, i) => {
    ctx.font = i === 0 ? 'bold 14px system-ui, sans-serif' : '12px system-ui, sans-serif';
    ctx.fillText(line, pad, pad + (i + 1) * lineHeight - 5);
  });
  ctx.drawImage(source, pad, headerHeight, width, height);
  let x = pad;
  const y = headerHeight + height + pad;
  ctx.font = '12px system-ui, sans-serif';
  for (const item of legend) {
    ctx.fillStyle = item.color;
    ctx.fillRect(x, y, 12, 12);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(item.label, x + 16, y + 10);
    x += 16 + ctx.measureText(item.label).width + 16;
  }
  if (revoke) URL.revokeObjectURL(revoke);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be made.'))), 'image/png'));
}
