import type { App } from '../../src/app.ts';
import { csrfToken } from './html.ts';

type SetCookie = string | string[] | number | undefined;

/** The Set-Cookie line, attributes and all, that sets the cookie `name`; undefined when none does. */
export const setCookieLine = (setCookie: SetCookie, name: string): string | undefined =>
  (Array.isArray(setCookie) ? setCookie : [String(setCookie ?? '')]).find((line) => line.startsWith(`${name}=`));

interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/** A cookie-keeping client over app.inject that submits forms the way a browser does, CSRF token included. */
export class TestClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: App) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private remember(setCookie: SetCookie): void {
    if (setCookie === undefined || typeof setCookie === 'number') return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.app.inject({
      method,
      url,
      payload,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response.headers['set-cookie']);
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, headers: response.headers, location: typeof location === 'string' ? location : undefined };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('GET', url, undefined, headers);
  }

  /** Opens the page holding the form, takes its CSRF token, then posts the fields to `action`. */
  async submit(pageUrl: string, action: string, fields: Record<string, string | string[]>): Promise<Response> {
    const page = await this.get(pageUrl);
    const token = csrfToken(page.body);
    if (!token) throw new Error(`No CSRF token on ${pageUrl} (status ${page.status})`);
    return this.post(action, { ...fields, _csrf: token });
  }

  post(url: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.request('POST', url, body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }
}
