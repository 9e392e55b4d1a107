import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../electron/main/csp';

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  ) as Record<string, string[]>;

describe('buildCsp', () => {
  it('lets the renderer connect only to Twilio and the local emulator', () => {
    const csp = directives(buildCsp({ emulatorOrigin: 'http://127.0.0.1:41234' }));
    expect(csp['connect-src']).toEqual(['https://*.twilio.com', 'wss://*.twilio.com', 'http://127.0.0.1:41234', 'ws://127.0.0.1:41234']);
  });

  it('names no emulator when none runs, and never a bare wildcard', () => {
    const csp = directives(buildCsp());
    expect(csp['connect-src']).toEqual(['https://*.twilio.com', 'wss://*.twilio.com']);
    for (const sources of Object.values(csp)) expect(sources).not.toContain('*');
  });

  it('allows no inline or remote script in production and locks down objects, frames and base', () => {
    const csp = directives(buildCsp({ emulatorOrigin: 'http://127.0.0.1:41234' }));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['img-src']).toContain('http://127.0.0.1:41234');
  });

  it('adds the dev server (scripts, HMR socket) only in development', () => {
    const csp = directives(buildCsp({ devServerUrl: 'http://localhost:5173/' }));
    expect(csp['connect-src']).toEqual(expect.arrayContaining(['http://localhost:5173', 'ws://localhost:5173']));
    expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173']);
  });

  it("adds the browser harness's bridge to connect-src only when given", () => {
    const csp = directives(buildCsp({ emulatorOrigin: 'http://127.0.0.1:41234', bridgeUrl: 'http://127.0.0.1:5999/bridge' }));
    expect(csp['connect-src']).toEqual(['https://*.twilio.com', 'wss://*.twilio.com', 'http://127.0.0.1:41234', 'ws://127.0.0.1:41234', 'http://127.0.0.1:5999']);
  });

  it('refuses origins that are not http(s)', () => {
    expect(() => buildCsp({ emulatorOrigin: 'javascript:alert(1)' })).toThrow(/http/);
  });
});
