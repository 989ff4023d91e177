/**
 * Characters a text should never hold: controls below a space (tab, newline and carriage return aside), DEL and the
 * C1 controls, and the invisible marks that change which way text reads (bidirectional overrides, embeddings,
 * isolates and marks), with which a name can be made to look like another.
 */
const HIDDEN = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069'

export const HIDDEN_CHARACTER = new RegExp(`[${HIDDEN}]`)
const EVERY_HIDDEN_CHARACTER = new RegExp(`[${HIDDEN}]`, 'g')

/** The text without hidden characters, trimmed. */
export const plainText = (text: string): string => text.replace(EVERY_HIDDEN_CHARACTER, '').trim()

/** A field hook for names and headlines: what is stored is what a reader sees. */
export const plainTextField = ({ value }: { value?: unknown }) => (typeof value === 'string' ? plainText(value) : value)
