/**
 * The URL form of a name: lowercase letters, digits and hyphens, so "Haiti" and "haiti" share one. Latin letters lose
 * their accents ("Élysée" is "elysee"); letters of other scripts stay as they are ("Путин" is "путин").
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/g, '')
}
