import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { describeTwilioError, testProfileConnection, type ConnectableClient } from '../../../electron/main/profile-test';
import { createMainLocale } from '../../../electron/main/desktop/locale';
import { SECRET, twilioInput } from './fakes';

type Emit = (event: string, ...args: unknown[]) => void;

/** A client whose script runs once listeners are attached, like the SDK emitting after construction. */
function scriptedClient(script: (emit: Emit) => void) {
  const created: { token: string; options: Record<string, unknown> }[] = [];
  let shutdowns = 0;
  const createClient = (token: string, options: Record<string, unknown>): ConnectableClient => {
    created.push({ token, options });
    const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    const emit: Emit = (event, ...args) => listeners.get(event)?.forEach((l) => l(...args));
    // After the caller has attached listeners, as the SDK emits only after network round trips.
    setImmediate(() => script(emit));
    return {
      on(event: string, listener: (...args: never[]) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener as (...args: unknown[]) => void]);
        return this;
      },
      shutdown: async () => {
        shutdowns++;
      },
    };
  };
  return { createClient, created, shutdowns: () => shutdowns };
}

describe('testProfileConnection', () => {
  it('reports success on initialized, with a real token and the given client options', async () => {
    const client = scriptedClient((emit) => emit('initialized'));
    const result = await testProfileConnection(twilioInput, { createClient: client.createClient, clientOptions: { region: 'ie1' } });
    expect(result).toEqual({ ok: true, message: 'Connected to Twilio as "dana@example.com": the profile works.' });
    expect(client.created[0]?.options).toEqual({ logLevel: 'silent', region: 'ie1' });
    const claims = jwt.verify(client.created[0]!.token, SECRET) as { grants: { identity: string } };
    expect(claims.grants.identity).toBe('dana@example.com');
    expect(client.shutdowns()).toBe(1);
  });

  it('explains a refused token', async () => {
    const client = scriptedClient((emit) => emit('initFailed', { error: { terminal: true, message: 'Connection error: Invalid Access Token signature', errorCode: 20107, httpStatusCode: 401 } }));
    const result = await testProfileConnection(twilioInput, { createClient: client.createClient });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Twilio refused the credentials: check the Account SID, API Key SID and API Key Secret/) });
    expect(client.shutdowns()).toBe(1);
  });

  it('treats the denied connection state as refused credentials', async () => {
    const client = scriptedClient((emit) => emit('connectionStateChanged', 'denied'));
    expect((await testProfileConnection(twilioInput, { createClient: client.createClient })).message).toMatch(/^Twilio refused the credentials/);
  });

  it('times out with the last transient error, in words, when Twilio cannot be reached', async () => {
    const client = scriptedClient((emit) => emit('connectionError', { terminal: false, message: 'Socket error: getaddrinfo ENOTFOUND tsock.us1.twilio.com' }));
    const result = await testProfileConnection(twilioInput, { createClient: client.createClient, timeoutMs: 50 });
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'This computer can’t find tsock.us1.twilio.com: it looks offline, or its network (VPN, proxy, DNS) blocks that name. Check the connection, then Retry.',
    );
    expect(client.shutdowns()).toBe(1);
  });

  it('quotes a transient error it has no words for', async () => {
    const client = scriptedClient((emit) => emit('connectionError', { terminal: false, message: 'Socket error: weird' }));
    const result = await testProfileConnection(twilioInput, { createClient: client.createClient, timeoutMs: 50 });
    expect(result.message).toBe('Could not reach Twilio within 1 s: check the network connection, proxy or firewall (last error: Socket error: weird).');
  });

  it('reports a client that cannot even be created', async () => {
    const result = await testProfileConnection(twilioInput, {
      createClient: () => {
        throw new Error('bad options');
      },
    });
    expect(result).toEqual({ ok: false, message: 'Could not start a Twilio connection: bad options' });
  });
});

describe('describeTwilioError', () => {
  const creds = { serviceSid: twilioInput.serviceSid };
  it.each([
    [{ errorCode: 20104 }, /clock/],
    [{ httpStatusCode: 403 }, /^Twilio refused the credentials/],
    [{ httpStatusCode: 404, message: 'Service not found' }, new RegExp(`could not use Conversations Service ${twilioInput.serviceSid}`)],
    [{ httpStatusCode: 503, message: 'Service Unavailable' }, /having trouble right now \(HTTP 503\)/],
    [{ message: 'Something odd' }, /^Twilio could not connect: Something odd$/],
    [{ errorCode: 20003, message: 'Authenticate' }, /^Twilio refused the credentials/],
    [{ message: 'connect ECONNREFUSED 127.0.0.1:4010' }, /^127\.0\.0\.1:4010 refused the connection: nothing is answering there/],
    [{ message: 'connect ETIMEDOUT 54.1.2.3:443' }, /^54\.1\.2\.3:443 did not answer in time/],
    [{ message: 'getaddrinfo ENOTFOUND tsock.us1.twilio.com' }, /^This computer can’t find tsock\.us1\.twilio\.com: it looks offline/],
    [undefined, /no details given/],
  ])('%j → %s', (error, expected) => {
    expect(describeTwilioError(error, creds)).toMatch(expected);
  });

  it('speaks the desk’s language when given its translator', () => {
    let setting: 'es' | 'fr' = 'es';
    const { t } = createMainLocale({ setting: () => setting, systemLanguages: () => [] });
    expect(describeTwilioError({ httpStatusCode: 503 }, creds, t)).toBe(
      'Twilio tiene problemas en este momento (HTTP 503): inténtalo de nuevo dentro de unos minutos.',
    );
    setting = 'fr';
    expect(describeTwilioError({ message: 'Boom' }, creds, t)).toBe('Twilio n’a pas pu se connecter\u00a0: Boom');
  });
});
