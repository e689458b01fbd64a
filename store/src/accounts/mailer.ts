/**
 * Outgoing mail. The API sends through SmtpMailer (mail/smtp.mailer.ts) when SMTP_URL is set; without
 * it, MailOffMailer says a message was not sent. No mailer writes a message's text to a log: the links
 * in it are secrets.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** what the message is for, safe to log (`verify-email`, `reset-password`, …) */
  kind?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailLogger {
  info(object: Record<string, unknown>, message: string): void;
}
