// A clip's waveform on a canvas, with its fade curves drawn over it. Memoized on plain numbers:
// a clip being moved keeps its picture (only its left changes), while a trim, fade or zoom redraws
// it, which is one canvas and a few thousand rects.
import { memo, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import type { TakePeaks } from './peaks';
import { fadeShape, waveColumns } from './waveform-math';

/** Chromium refuses canvases much wider than this; a wider clip is drawn coarser and stretched. */
const MAX_BACKING_PX = 16_384;

interface Props {
  peaks: TakePeaks;
  widthPx: number;
  trimStartSamples: number;
  samples: number;
  gainDb: number;
  fadeInSamples: number;
  fadeOutSamples: number;
  pxPerSec: number;
}

/** The page's theme (html data-theme): a canvas keeps the colours it was drawn with, so a theme switch must redraw. */
function subscribeTheme(fn: () => void): () => void {
  const mo = new MutationObserver(fn);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => mo.disconnect();
}
const themeNow = () => document.documentElement.dataset.theme ?? '';

export const Waveform = memo(function Waveform(p: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useSyncExternalStore(subscribeTheme, themeNow);

  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const cssH = canvas.clientHeight || 44;
    const w = Math.max(1, Math.min(MAX_BACKING_PX, Math.ceil(p.widthPx * dpr)));
    const h = Math.max(1, Math.round(cssH * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    const style = getComputedStyle(canvas);
    const scale = w / Math.max(1, p.widthPx); // backing px per CSS px

    const cols = waveColumns({ ...p, data: p.peaks.data, samplesPerPeak: p.peaks.samplesPerPeak }, w, 1 / scale);
    const mid = h / 2;
    const half = h / 2 - dpr;
    ctx.fillStyle = style.color;
    for (let x = 0; x < w; x++) {
      const lo = cols[x * 2]!;
      const hi = cols[x * 2 + 1]!;
      const top = Math.floor(mid - hi * half);
      ctx.fillRect(x, top, 1, Math.max(1, Math.ceil(mid - lo * half) - top));
    }

    const fadeIn = (p.fadeInSamples / SAMPLE_RATE) * p.pxPerSec * scale;
    const fadeOut = (p.fadeOutSamples / SAMPLE_RATE) * p.pxPerSec * scale;
    const end = (p.samples / SAMPLE_RATE) * p.pxPerSec * scale;
    ctx.fillStyle = style.getPropertyValue('--tl-fade-shade').trim() || 'rgba(0,0,0,0.28)';
    ctx.strokeStyle = style.getPropertyValue('--tl-fade-line').trim() || style.color;
    ctx.lineWidth = dpr;
    // Fades: the part a curve takes away is shaded, and the curve itself drawn as a line.
    const ramps: [from: number, to: number][] = [];
    if (fadeIn > 0) ramps.push([0, fadeIn]);
    if (fadeOut > 0) ramps.push([end, end - fadeOut]);
    for (const [from, to] of ramps) {
      const curve = new Path2D();
      const steps = Math.max(2, Math.min(48, Math.ceil(Math.abs(to - from) / 3)));
      for (let i = 0; i <= steps; i++) {
        const x = from + ((to - from) * i) / steps;
        const y = h - h * fadeShape(i / steps);
        if (i === 0) curve.moveTo(x, y);
        else curve.lineTo(x, y);
      }
      const shade = new Path2D(curve);
      shade.lineTo(from, 0);
      shade.closePath();
      ctx.fill(shade);
      ctx.stroke(curve);
    }
  }, [p.peaks, p.widthPx, p.trimStartSamples, p.samples, p.gainDb, p.fadeInSamples, p.fadeOutSamples, p.pxPerSec, theme]);

  return <canvas ref={ref} className="tl-wave" style={{ width: p.widthPx }} data-testid="clip-wave" data-buckets={p.peaks.data.length / 2} aria-hidden="true" />;
});
