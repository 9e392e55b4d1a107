import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { installFetchXhr } from '../../helpers/fetch-xhr';

// Before the SDK loads: its media client picks its XMLHttpRequest once, at load.
installFetchXhr();
const { harnessPerTest, waitForEvent, waitForMatch } = await import('../../helpers/emulator');

describe('media uploads as multipart/form-data (the SDK’s FormData path in browsers)', () => {
  const h = harnessPerTest({ limits: { mediaUploadBytes: 1024 * 1024 } });

  async function pair(): Promise<{ conv: Conversation; bobConv: Conversation }> {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const conv = await alice.createConversation({ friendlyName: 'Forms' });
    await conv.join();
    const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await conv.add('bob');
    return { conv, bobConv: await joined };
  }

  const download = async (m: Message): Promise<{ type: string | null; bytes: Buffer }> => {
    const url = await m.attachedMedia?.[0]?.getContentTemporaryUrl();
    const res = await fetch(url!);
    return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('sendMessage(formData) and addMedia(formData) store the file part with its own type and name', async () => {
    const { conv, bobConv } = await pair();
    const photo = randomBytes(200_000);
    const form = new FormData();
    // Twilio's demo app names the field after the file; any field name will do.
    form.set('receipt.png', new File([photo], 'receipt.png', { type: 'image/png' }), 'receipt.png');
    const gotPhoto = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.attachedMedia?.[0]?.filename === 'receipt.png');
    await conv.sendMessage(form);
    const photoMsg = await gotPhoto;
    expect(photoMsg.attachedMedia?.[0]).toMatchObject({ contentType: 'image/png', filename: 'receipt.png', size: photo.length });
    const fetched = await download(photoMsg);
    expect(fetched.type).toBe('image/png');
    expect(fetched.bytes.equals(photo)).toBe(true);

    const pdf = Buffer.from('%PDF-1.4 invoice');
    const withNote = new FormData();
    withNote.append('note', 'a text field is ignored');
    withNote.append('file', new Blob([pdf], { type: 'application/pdf' }), 'invoice.pdf');
    const gotPdf = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'the invoice');
    await conv.prepareMessage().setBody('the invoice').addMedia(withNote).build().send();
    const pdfMsg = await gotPdf;
    expect(pdfMsg.attachedMedia?.[0]).toMatchObject({ contentType: 'application/pdf', filename: 'invoice.pdf', size: pdf.length });
    expect((await download(pdfMsg)).bytes.equals(pdf)).toBe(true);
  });

  it('keeps the upload limits and refuses a form without a file, as the raw upload does', async () => {
    const { conv } = await pair();
    const big = new FormData();
    big.set('file', new Blob([randomBytes(1024 * 1024 + 1)], { type: 'image/jpeg' }), 'big.jpg');
    // mcs-client's TransportError: the HTTP status is `code`, its text `status`.
    await expect(conv.sendMessage(big)).rejects.toMatchObject({ code: 413, body: { code: 50512 } });

    const url = `${h.emulator.info.restBaseUrl}/v1/Services/${h.emulator.info.serviceSid}/Media`;
    const headers = { 'X-Twilio-Token': h.emulator.mintToken('alice') };
    const fieldsOnly = new FormData();
    fieldsOnly.set('note', 'no file here');
    const noFile = await fetch(url, { method: 'POST', headers, body: fieldsOnly });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { message: string }).message).toMatch(/needs a file part/);

    const mixed = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'multipart/mixed; boundary=x' }, body: '--x--' });
    expect(mixed.status).toBe(415);
    const noBoundary = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
  });
});
