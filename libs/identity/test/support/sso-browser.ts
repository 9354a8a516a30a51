/**
 * A small browser for end-to-end SSO tests: fetch with a cookie jar (RFC 6265 host-only cookies, path
 * matching, Max-Age/Expires), redirects followed one hop at a time, and HTML forms submitted like a user would
 * (hidden inputs kept, fields filled in). Cookies are kept per host, not per port, as browsers do.
 */
export interface Page {
  url: string;
  status: number;
  headers: Headers;
  location: string | null;
  body: string;
}

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expiresAt: number | null;
}

export class SsoBrowser {
  private cookies: StoredCookie[] = [];

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(url, { method: 'GET', headers });
  }

  async postForm(url: string, fields: Record<string, string>): Promise<Page> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects from `page` until a page that is not a redirect, or one whose URL `stopAt` accepts
   * (then that redirect's target is not requested). Answers the last page fetched.
   */
  async follow(page: Page, stopAt: (url: string) => boolean = () => false, maxHops = 20): Promise<Page> {
    let current = page;
    for (let hop = 0; hop < maxHops; hop++) {
      if (!current.location || current.status < 300 || current.status >= 400) return current;
      const next = new URL(current.location, current.url).href;
      if (stopAt(next)) return current;
      current = await this.get(next);
    }
    throw new Error(`More than ${maxHops} redirects from ${page.url}`);
  }

  /** Submits the page's first form: its hidden inputs, then `fields` over them, to its action (POST). */
  async submitForm(page: Page, fields: Record<string, string> = {}): Promise<Page> {
    const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`No form on ${page.url}:\n${page.body.slice(0, 500)}`);
    const action = attribute(form[1], 'action') ?? page.url;
    const values: Record<string, string> = {};
    for (const input of form[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attribute(input[1], 'name');
      if (name && attribute(input[1], 'type')?.toLowerCase() === 'hidden') {
        values[name] = attribute(input[1], 'value') ?? '';
      }
    }
    return this.postForm(new URL(decodeEntities(action), page.url).href, { ...values, ...fields });
  }

  /** The value of a cookie the browser would send to `url`, or undefined. */
  cookie(url: string, name: string): string | undefined {
    return this.matching(new URL(url)).find((cookie) => cookie.name === name)?.value;
  }

  forget(name: string): void {
    this.cookies = this.cookies.filter((cookie) => cookie.name !== name);
  }

  private async request(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Page> {
    const target = new URL(url);
    const cookieHeader = this.matching(target)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookieHeader ? { cookie: cookieHeader } : {}) },
    });
    for (const header of response.headers.getSetCookie()) this.store(target, header);
    return {
      url: target.href,
      status: response.status,
      headers: response.headers,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((cookie) => cookie.expiresAt === null || cookie.expiresAt > now);
    return this.cookies.filter(
      (cookie) =>
        cookie.host === url.hostname &&
        (url.pathname === cookie.path ||
          url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)),
    );
  }

  private store(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const cookie: StoredCookie = {
      name: pair.slice(0, separator).trim(),
      value: pair.slice(separator + 1).trim(),
      host: url.hostname,
      path: url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/',
      expiresAt: null,
    };
    for (const part of attributes) {
      const [key, ...rest] = part.split('=');
      const value = rest.join('=').trim();
      switch (key.trim().toLowerCase()) {
        case 'path':
          if (value.startsWith('/')) cookie.path = value;
          break;
        case 'max-age':
          cookie.expiresAt = Date.now() + Number(value) * 1000;
          break;
        case 'expires':
          if (cookie.expiresAt === null) cookie.expiresAt = Date.parse(value);
          break;
      }
    }
    this.cookies = this.cookies.filter(
      (existing) => !(existing.name === cookie.name && existing.host === cookie.host && existing.path === cookie.path),
    );
    if (cookie.expiresAt === null || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
  }
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? decodeEntities(match[2] ?? match[3]) : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;|&#47;/g, '/')
    .replace(/&amp;/g, '&');
}
