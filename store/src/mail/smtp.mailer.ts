import nodemailer, { type Transporter } from 'nodemailer';
import type { MailLogger, Mailer, MailMessage } from '../accounts/mailer';

export interface SmtpMailerOptions {
  /** e.g. `smtp://user:pass@mail.example.org:587` or `smtps://…:465`; see nodemailer's connection URLs */
  url: string;
  /** the From header, e.g. `Skillway <no-reply@skillway.example>` */
  from: string;
}

/**
 * Sends mail over SMTP with nodemailer. One pooled transport per process; a failed send rejects, and
 * the caller decides whether that is worth a 5xx. Nothing here logs a message's text: links in it are
 * secrets (sign-in, password reset).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = nodemailer.createTransport(options.url, { from: options.from });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * What the API uses when no SMTP_URL is set: says once that mail is off, and for each message only
 * that one was not sent and what kind it was, never to whom or its text (which holds a token).
 */
export class MailOffMailer implements Mailer {
  constructor(private readonly logger: MailLogger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info(
      { mail: { kind: message.kind ?? 'message' } },
      'mail is off (no SMTP_URL): a message was not sent',
    );
  }
}

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
}

/** The mailer the configuration asks for; with no SMTP URL, says at start-up that mail is off. */
export function createMailer(
  config: MailConfig,
  logger: MailLogger & { warn(o: object, m: string): void },
): Mailer & { close?(): void } {
  if (!config.smtpUrl) {
    logger.warn(
      {},
      'mail is off: SMTP_URL is not set, so sign-up confirmations, password resets and reminders are not sent',
    );
    return new MailOffMailer(logger);
  }
  return new SmtpMailer({ url: config.smtpUrl, from: config.from });
}
