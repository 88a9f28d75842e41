/**
 * Replaces what looks like personal data in free text (a search query, a vote's comment) with a
 * placeholder, so it is never stored: email addresses, card numbers (13–19 digits passing the Luhn check),
 * phone numbers and any other run of 8 or more digits. Runs in the browser before an event is sent and in
 * the intake before it is stored; pure ES, no DOM, no Node.
 *
 * Over-redaction is accepted (an order number of 8 digits becomes `[number]`); under-redaction is not.
 */
export const REDACTED = { email: '[email]', card: '[card]', phone: '[phone]', number: '[number]' } as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu;
// Digits with the separators people type inside card and phone numbers (space, hyphen, dot, brackets),
// full-width digits included.
const DIGIT_RUN = /[+＋]?[(（]?[0-9０-９](?:[0-9０-９]|[ \-‐－.．()（）](?=[0-9０-９(（]))*/gu;

export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, REDACTED.email).replace(DIGIT_RUN, (run) => {
    const digits = run.normalize('NFKC').replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return REDACTED.card;
    // Digits typed in groups (or after a "+") are a phone number from 9 digits on; fewer are a date, a
    // version or an amount. An unbroken run of 8 or more digits is an account, order or ID number.
    const grouped = /^[+＋(（]/.test(run) || /[ \-‐－.．()（）]/.test(run);
    if (grouped) return digits.length >= 9 && digits.length <= 15 ? REDACTED.phone : run;
    return digits.length >= 8 ? REDACTED.number : run;
  });
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
