/*
 * Kept apart from my-list.ts, which reads listing ids with the core schema's pattern: the list page's
 * browser code needs only this, and the schema module would bring TypeBox (13 KB gzip) along.
 */

/** Share links that phones open in the right app: WhatsApp, SMS and e-mail, with the list's address. */
export function shareLinks(
  url: string,
  text: string,
  subject: string,
): { whatsapp: string; sms: string; email: string } {
  const message = `${text} ${url}`;
  return {
    whatsapp: `https://wa.me/?text=${encodeURIComponent(message)}`,
    // `sms:?&body=` is the form both iOS and Android read.
    sms: `sms:?&body=${encodeURIComponent(message)}`,
    email: `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(message)}`,
  };
}
