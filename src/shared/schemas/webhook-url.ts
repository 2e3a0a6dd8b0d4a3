// The webhook URL rule, declared once: the browser checks it as the user types and the emulator applies it to a
// PATCH. It is an assumption about the real API (docs/api-assumptions.md): Cekura is a Django REST Framework
// service, whose URLField trims surrounding blanks, allows at most max_length characters (200 by default) and
// accepts http(s) URLs whose host is localhost, an IPv4 or IPv6 address or a dotted name ending in a TLD.

export const WEBHOOK_URL_MAX = 200;

/** Django's URLValidator in short: http(s), no blanks, a host that is localhost, an IP or a dotted name with a TLD. */
export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return (
    host === 'localhost' ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.startsWith('[') ||
    /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}\.?$/i.test(host)
  );
}

export type WebhookUrlProblem = 'too-long' | 'invalid';

/** What is wrong with a webhook URL as sent ("" removes it), after trimming surrounding blanks like the API. */
export function webhookUrlProblem(value: string): WebhookUrlProblem | undefined {
  const url = value.trim();
  if (url === '') return undefined;
  if (url.length > WEBHOOK_URL_MAX) return 'too-long';
  return isHttpUrl(url) ? undefined : 'invalid';
}

/** The console's words for a problem (the emulator answers in DRF's words instead). */
export function webhookUrlMessage(value: string): string | undefined {
  const problem = webhookUrlProblem(value);
  if (problem === 'too-long') return `At most ${WEBHOOK_URL_MAX} characters (this one has ${value.trim().length}).`;
  if (problem === 'invalid') {
    return /\S\s+\S/.test(value.trim()) ? 'A URL cannot contain spaces.' : 'Enter a full http:// or https:// URL.';
  }
  return undefined;
}
