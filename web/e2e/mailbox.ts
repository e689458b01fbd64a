import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface StoredMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * The messages the test SMTP server (started by global-setup.ts) delivered to `email`, oldest first.
 * They are read from files because the server runs in vitest's main process, not in the test's.
 */
export function mailsTo(mailDir: string, email: string): StoredMail[] {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as StoredMail)
    .filter((m) => m.to.includes(email.toLowerCase()));
}

/** Waits for the `after`-th (0-based) message to `email` and answers its first link to `path`. */
export async function linkFromMail(
  mailDir: string,
  email: string,
  path: string,
  { after = 0, timeoutMs = 10_000 } = {},
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mail = mailsTo(mailDir, email)[after];
    if (mail) {
      for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
        if (new URL(match[0]).pathname.endsWith(path)) return match[0];
      }
      throw new Error(`no ${path} link in "${mail.subject}":\n${mail.text}`);
    }
    if (Date.now() > until) throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
