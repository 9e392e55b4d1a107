import { encodePng } from '../../common/png';

export type Rgb = readonly [number, number, number];

/**
 * A small valid PNG in `background` with a diagonal band in `accent`, so seeded
 * "photos" are real images any viewer decodes, made without shipping binary files.
 */
export function placeholderPng(width: number, height: number, background: Rgb, accent: Rgb): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onBand = Math.abs(x - (y * width) / height) < width / 8;
      pixels.set([...(onBand ? accent : background), 255], (y * width + x) * 4);
    }
  }
  return encodePng(width, height, pixels);
}
