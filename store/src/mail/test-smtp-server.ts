import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface DeliveredMail {
  from: string;
  to: string[];
  subject: string;
  /** the text body, transfer encoding undone */
  text: string;
  raw: string;
}

/** Undoes quoted-printable (soft line breaks and =XX bytes) as nodemailer writes it. */
export function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const text = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** Splits a raw RFC 5322 message into a few headers and a decoded text body (single-part text only). */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): DeliveredMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return {
    from: envelope.from,
    to: envelope.to,
    subject: decodeHeader(header('Subject')),
    text: text.replace(/\r\n/g, '\n'),
    raw,
  };
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT` for SMTP_URL */
  url: string;
  messages: DeliveredMail[];
  /** the first message to `to` (lower-cased) that arrives after `after` messages to it, waiting up to timeoutMs */
  waitFor(to: string, options?: { after?: number; timeoutMs?: number }): Promise<DeliveredMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port for tests: accepts any sender and recipient without TLS
 * or authentication, keeps every delivered message, and (with `dir`) also writes each one to a file
 * `<n>.json` so another process (a browser test) can read it.
 */
export async function startTestSmtpServer(options: { dir?: string } = {}): Promise<TestSmtpServer> {
  const messages: DeliveredMail[] = [];
  const waiters = new Set<() => void>();
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), envelope);
        messages.push(mail);
        if (options.dir) writeFileSync(join(options.dir, `${messages.length}.json`), JSON.stringify(mail));
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(address, { after = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = to(address)[after];
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${address} within ${timeoutMs} ms (${messages.length} delivered in all)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text whose path starts with `path` (e.g. `/account/verify`). */
export function linkIn(mail: DeliveredMail, path: string): URL {
  for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(path)) return url;
  }
  throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
}
