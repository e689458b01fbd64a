/**
 * Outgoing mail. Skillway has no mail server yet: the logging mailer writes messages to the log, so
 * e-mail verification and password reset work end to end in development; a real transport (SMTP, an
 * HTTP mail API) implements the same interface.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailLogger {
  info(object: Record<string, unknown>, message: string): void;
}

export class LoggingMailer implements Mailer {
  constructor(private readonly logger: MailLogger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: message }, `mail to ${message.to}: ${message.subject}`);
  }
}
