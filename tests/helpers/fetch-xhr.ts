/**
 * A browser-like XMLHttpRequest over Node's fetch, for the SDK's media client in Node tests.
 *
 * @twilio/mcs-client sends uploads with the global XMLHttpRequest when there is one (a browser)
 * and otherwise with the `xmlhttprequest` package, which cannot send a FormData ("Posting FormData
 * supported only with browser engine's FormData"). Node's fetch encodes a FormData exactly as a
 * browser does (multipart/form-data, its own boundary, each file part's type and name), so with
 * this installed the SDK's documented browser path — `sendMessage(formData)` — runs unmodified.
 * It must be installed before the SDK is first imported: the client reads the global at load.
 */
export class FetchXMLHttpRequest {
  readyState = 0;
  status = 0;
  statusText = '';
  responseText = '';
  onreadystatechange: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers = new Headers();
  private responseHeaders = new Headers();
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  getAllResponseHeaders(): string {
    return [...this.responseHeaders].map(([k, v]) => `${k}: ${v}\r\n`).join('');
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: RequestInit['body']): void {
    fetch(this.url, { method: this.method, headers: this.headers, body: body ?? undefined, signal: this.controller.signal })
      .then(async (res) => {
        this.status = res.status;
        this.statusText = res.statusText;
        this.responseHeaders = res.headers;
        this.responseText = await res.text();
      })
      .catch(() => {
        this.status = 0;
      })
      .finally(() => {
        this.readyState = 4;
        this.onreadystatechange?.();
      });
  }
}

export function installFetchXhr(): void {
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FetchXMLHttpRequest;
}
