/**
 * Writes the packaging icons into build/ from the logo drawn in electron/main/desktop/icon-art.ts:
 * build/icons/<N>x<N>.png (Linux), build/icon.png, build/icon.ico (Windows), build/icon.icns (macOS).
 * Run with `npm run icons` after changing the drawing; the results are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeIcns, encodeIco, logoPng } from '../electron/main/desktop/icon-art';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const out = resolve(__dirname, '../build');
mkdirSync(join(out, 'icons'), { recursive: true });

const pngs = new Map<number, Buffer>();
for (const size of SIZES) {
  const png = logoPng(size);
  pngs.set(size, png);
  writeFileSync(join(out, 'icons', `${size}x${size}.png`), png);
}
// macOS draws app icons inside a transparent margin; the same artwork with more room around it.
const macPngs = new Map<number, Buffer>([...pngs.keys()].map((size) => [size, logoPng(size, { margin: 0.1 })]));

writeFileSync(join(out, 'icon.png'), pngs.get(1024) as Buffer);
writeFileSync(join(out, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) as Buffer }))));
writeFileSync(join(out, 'icon.icns'), encodeIcns(macPngs));
console.log(`icons written to ${out}`);
