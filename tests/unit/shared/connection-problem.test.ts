import { describe, expect, it } from 'vitest';
import { classifyConnectionProblem, explainConnectionError } from '../../../shared/domain/connection-problem';
import { createTranslator, englishT } from '../../../shared/i18n/translator';

describe('classifyConnectionProblem', () => {
  it.each([
    ['getaddrinfo ENOTFOUND tsock.us1.twilio.com', { kind: 'host-not-found', host: 'tsock.us1.twilio.com' }],
    ['Socket error: getaddrinfo EAI_AGAIN conversations.twilio.com', { kind: 'host-not-found', host: 'conversations.twilio.com' }],
    ['connect ECONNREFUSED 127.0.0.1:4010', { kind: 'refused', host: '127.0.0.1:4010' }],
    ['net::ERR_CONNECTION_REFUSED', { kind: 'refused', host: null }],
    ['connect ETIMEDOUT 54.1.2.3:443', { kind: 'timed-out', host: '54.1.2.3:443' }],
    ['Request failed with status code 401', { kind: 'credentials' }],
    ['Authenticate (20003)', { kind: 'credentials' }],
  ])('%s', (message, expected) => {
    expect(classifyConnectionProblem(message)).toEqual(expected);
  });

  it('reads Twilio’s code and HTTP status when the message says nothing', () => {
    expect(classifyConnectionProblem('Unauthorized', { errorCode: 20003 })).toEqual({ kind: 'credentials' });
    expect(classifyConnectionProblem('', { httpStatusCode: 401 })).toEqual({ kind: 'credentials' });
  });

  it('leaves other messages alone (a port such as 4010 is no 401)', () => {
    expect(classifyConnectionProblem('Participant not allowed')).toBeNull();
    expect(classifyConnectionProblem('listening on 127.0.0.1:4010')).toBeNull();
    expect(classifyConnectionProblem(null)).toBeNull();
  });
});

describe('explainConnectionError', () => {
  it('says the problem in the given language, with a stand-in when no host is named', () => {
    expect(explainConnectionError('net::ERR_CONNECTION_TIMED_OUT', englishT)).toBe(
      'The server did not answer in time: the network is slow or something blocks it. Check the connection, proxy or firewall, then Retry.',
    );
    const fr = createTranslator('fr').getFixedT('fr');
    expect(explainConnectionError('getaddrinfo ENOTFOUND tsock.us1.twilio.com', fr)).toContain('Cet ordinateur ne trouve pas tsock.us1.twilio.com');
  });
});
