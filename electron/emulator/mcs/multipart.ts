import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { badRequest } from '../util/errors';

export interface FilePart {
  /** The part's own Content-Type (what the browser knew of the file: `File.type`, or octet-stream). */
  contentType: string;
  /** The part's `filename` (a File's name; "blob" for a Blob appended without one). */
  filename: string | null;
}

/**
 * The media of a `multipart/form-data` upload: what a browser's XMLHttpRequest sends for the
 * SDK's `FormData` path (`conversation.sendMessage(formData)`, `prepareMessage().addMedia(formData)`;
 * @twilio/mcs-client posts the FormData as is, leaving the Content-Type and boundary to the
 * browser). The media is the form's first file part, whatever its field name (Twilio's demo app
 * names it after the file); text fields and further files are read past and ignored.
 *
 * The file streams straight into `store`, never held whole in memory; `maxFileBytes + 1` bytes at
 * most are passed on, so a larger file reaches `store` over its limit and is refused there.
 */
export function storeFirstFile<T>(
  contentTypeHeader: string,
  body: Readable,
  maxFileBytes: number,
  store: (file: Readable, part: FilePart) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentTypeHeader }, limits: { files: 1, fileSize: maxFileBytes + 1 } });
    } catch (err) {
      body.resume();
      reject(badRequest(`Malformed multipart/form-data request: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    let stored: Promise<T> | null = null;
    parser.on('file', (_field, file, info) => {
      if (stored) {
        file.resume();
        return;
      }
      stored = store(file, { contentType: info.mimeType, filename: info.filename ?? null });
      // A refused file must not stall the parser on the rest of the body.
      stored.catch(() => file.resume());
    });
    parser.on('error', (err: unknown) => {
      body.unpipe(parser);
      body.resume();
      reject(badRequest(`Malformed multipart/form-data body: ${err instanceof Error ? err.message : String(err)}`));
    });
    parser.on('close', () => {
      if (!stored) reject(badRequest('A multipart/form-data upload needs a file part, e.g. formData.append("file", file)'));
      else stored.then(resolve, reject);
    });
    // The body cut off at its limit (413) or aborted: end the file being written with it.
    body.on('error', (err) => {
      parser.destroy(err);
      reject(err);
    });
    body.pipe(parser);
  });
}
