import { describe, expect, it } from 'vitest';
import { AGENT, deskPerTest, emulatorOf } from './support';

/**
 * Chromium's own multipart encoding of a FormData (what the SDK's media client hands to the
 * browser's XMLHttpRequest for `sendMessage(formData)`; fetch encodes it the same way), accepted by the emulator's media service.
 */
describe('FormData media uploads from Chromium', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('stores the file part of a browser FormData with its type and name, byte-exact', async () => {
    const emulator = emulatorOf(t.desk);
    const url = `${emulator.info.restBaseUrl}/v1/Services/${emulator.info.serviceSid}/Media`;
    const token = emulator.mintToken(AGENT);
    const result = await t.desk.page.evaluate(
      async ({ url, token }) => {
        const bytes = new Uint8Array(4096).map((_, i) => (i * 7) % 256);
        const form = new FormData();
        form.set('note', 'ignored');
        form.set('photo name.png', new File([bytes], 'photo name “1”.png', { type: 'image/png' }));
        // The browser picks the multipart boundary and encodes each part (fetch and XMLHttpRequest alike).
        const res = await fetch(url, { method: 'POST', headers: { 'X-Twilio-Token': token }, body: form });
        const record = (await res.json()) as { content_type: string; filename: string; size: number; links: { content_direct_temporary: string } };
        const back = new Uint8Array(await (await fetch(record.links.content_direct_temporary)).arrayBuffer());
        return { status: res.status, record, same: back.length === bytes.length && back.every((b, i) => b === bytes[i]) };
      },
      { url, token },
    );
    expect(result.status).toBe(201);
    expect(result.record).toMatchObject({ content_type: 'image/png', filename: 'photo name “1”.png', size: 4096 });
    expect(result.same).toBe(true);
  });
});
