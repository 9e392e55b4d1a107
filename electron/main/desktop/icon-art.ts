import { encodePng } from '../../common/png';

export { encodePng };

/**
 * The app's logo drawn in code: a white speech bubble with three dots on a rounded indigo-to-sky
 * square. Used for the generated build icons (scripts/generate-icons.ts) and at runtime for the
 * tray and the Windows taskbar overlay, so no binary image has to ship inside app.asar.
 */

type Rgba = readonly [number, number, number, number];

const INDIGO: Rgba = [79, 70, 229, 255];
const SKY: Rgba = [14, 165, 233, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [220, 38, 38, 255];

/** Signed distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const circle = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) - r;

/** Inside the triangle (a, b, c)? Used for the bubble's tail. */
function inTriangle(x: number, y: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const s = (p: [number, number], q: [number, number]) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = s(a, b);
  const d2 = s(b, c);
  const d3 = s(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

export interface LogoOptions {
  /** A red dot in the top-right corner (tray icon while there are unread messages). */
  unreadDot?: boolean;
  /** Leave a transparent margin around the square (macOS icons are drawn at ~80% of the canvas). */
  margin?: number;
}

/** The colour of one point of the logo in unit coordinates (0..1), or null for transparent. */
function logoColour(u: number, v: number, { unreadDot = false, margin = 0.04 }: LogoOptions): Rgba | null {
  if (unreadDot && circle(u, v, 0.8, 0.2, 0.18) < 0) return circle(u, v, 0.8, 0.2, 0.13) < 0 ? RED : WHITE;
  const half = 0.5 - margin;
  if (roundedRect(u, v, 0.5, 0.5, half, half, half * 0.45) > 0) return null;
  const inBubble = roundedRect(u, v, 0.5, 0.45, 0.3, 0.21, 0.12) < 0 || inTriangle(u, v, [0.3, 0.58], [0.46, 0.62], [0.25, 0.8]);
  if (inBubble) {
    const dot = [0.37, 0.5, 0.63].some((cx) => circle(u, v, cx, 0.45, 0.05) < 0);
    return dot ? INDIGO : WHITE;
  }
  const t = Math.min(1, Math.max(0, (u + v) / 2));
  return [0, 1, 2, 3].map((i) => Math.round((INDIGO[i] as number) * (1 - t) + (SKY[i] as number) * t)) as unknown as Rgba;
}

/** RGBA pixels of the logo at `size`×`size`, anti-aliased by 4×4 supersampling. */
export function drawLogo(size: number, options: LogoOptions = {}): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = logoColour((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size, options);
          if (!c) continue;
          // Premultiplied sums so edges blend towards transparent, not towards black.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round(a / (samples * samples));
    }
  }
  return pixels;
}

/** A plain red disc: the Windows taskbar overlay that says "unread messages". */
export function drawUnreadOverlay(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = circle((x + 0.5) / size, (y + 0.5) / size, 0.5, 0.5, 0.46) * size;
      const coverage = Math.min(1, Math.max(0, 0.5 - d));
      const o = (y * size + x) * 4;
      pixels.set([RED[0], RED[1], RED[2], Math.round(255 * coverage)], o);
    }
  }
  return pixels;
}

export const logoPng = (size: number, options?: LogoOptions): Buffer => encodePng(size, size, drawLogo(size, options));

/** Windows .ico holding PNG images (allowed since Vista; every size up to 256). */
export function encodeIco(pngs: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

/** macOS .icns of PNG entries; the OSType says which size (and @2x) each one is. */
export const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic13', size: 256 },
  { type: 'ic14', size: 512 },
];

export function encodeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const entries = ICNS_TYPES.flatMap(({ type, size }) => {
    const png = pngBySize.get(size);
    if (!png) return [];
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return [head, png];
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
