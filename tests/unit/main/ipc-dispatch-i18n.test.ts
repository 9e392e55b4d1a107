/** Validation messages leave main in the desk's language; the contract's messages are all catalogue keys. */
import { describe, expect, it } from 'vitest';
import { createMainLocale } from '../../../electron/main/desktop/locale';
import { DeskError } from '../../../electron/main/errors';
import { dispatch, type Handlers } from '../../../electron/main/ipc-dispatch';
import { CATALOGUES } from '../../../shared/i18n/catalogues';
import { ISSUE_KEY_PREFIX } from '../../../shared/i18n/issue-text';
import { profileInputSchema, simulateInboundSchema } from '../../../shared/ipc/contract';
import { twilioInput } from './fakes';

const spanish = createMainLocale({ setting: () => 'es', systemLanguages: () => [] }).t;
const badProfile = { ...twilioInput, accountSid: 'AC123', name: ' ' };

describe('dispatch in the desk’s language', () => {
  it('words the contract’s validation messages with main’s t', async () => {
    const result = await dispatch({} as Handlers, 'profiles:save', badProfile, () => {}, spanish);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/^Corrige 2 campos: /),
        fields: { name: 'El nombre es obligatorio', accountSid: 'El Account SID debe ser «AC» seguido de 32 caracteres hexadecimales' },
      },
    });
  });

  it('words a handler’s DeskError given as a key (profiles.ts), message and fields', async () => {
    const handlers = {
      'profiles:save': () => Promise.reject(new DeskError('invalid-input', 'validation.newKeySecret', { apiKeySecret: 'validation.newKeySecret' })),
    } as unknown as Handlers;
    const input = { ...twilioInput };
    const result = await dispatch(handlers, 'profiles:save', input, () => {}, spanish);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Escribe el secreto del nuevo API Key SID', fields: { apiKeySecret: 'Escribe el secreto del nuevo API Key SID' } },
    });
  });

  it('uses only keys the English catalogue has', () => {
    const issues = [
      ...(profileInputSchema.safeParse({ name: '', accountSid: 'x', apiKeySid: 'x', apiKeySecret: '', serviceSid: 'x', identity: '' }).error?.issues ?? []),
      ...(simulateInboundSchema.safeParse({ channel: 'sms', from: '', body: 'x'.repeat(1601) }).error?.issues ?? []),
    ];
    const keys = issues.map((i) => i.message).filter((m) => m.startsWith(ISSUE_KEY_PREFIX));
    expect(keys.length).toBeGreaterThanOrEqual(7);
    const validation = CATALOGUES.en.validation as Record<string, string>;
    expect(keys.filter((k) => !(k.slice(ISSUE_KEY_PREFIX.length) in validation))).toEqual([]);
  });
});
