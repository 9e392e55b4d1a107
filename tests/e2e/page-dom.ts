/**
 * The little of the DOM that page-side callbacks (page.evaluate) touch. The node tsconfig these
 * tests compile under has no DOM lib, so callbacks read the page's globals through this type:
 * `const { document } = globalThis as unknown as PageDom;`. Types only; nothing runs here.
 */
export interface PageElement {
  textContent: string | null;
  outerHTML: string;
  offsetParent: unknown;
  labels?: { length: number } | null;
  type?: string;
  value?: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  dispatchEvent(event: unknown): boolean;
}

export interface PageDataTransfer {
  items: { add(file: unknown): unknown };
}

export interface PageDom {
  document: {
    body: { innerText: string };
    documentElement: { scrollWidth: number };
    activeElement: PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  };
  innerWidth: number;
  getComputedStyle(element: PageElement): { position: string; boxShadow: string };
  DataTransfer: new () => PageDataTransfer;
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: { clipboardData: PageDataTransfer; bubbles: boolean; cancelable: boolean }) => unknown;
  atob(data: string): string;
}
