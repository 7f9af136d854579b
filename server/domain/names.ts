/**
 * The one form a human-typed name is stored and compared in: NFKC (fullwidth letters and digits and
 * look-alike spaces such as U+3000 become their plain forms), invisible characters dropped
 * (zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator), runs of
 * whitespace one space, trimmed. Without it "东漖北" and "东漖\u200b北" are two different names that
 * look the same on every screen.
 */
export function normaliseName(raw: string): string {
  return raw.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/g, '').replace(/\s+/g, ' ').trim();
}
