/** "pending" → "Pending". */
export const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

/** A select field's options from its values, each labelled with its value capitalized. */
export const selectOptions = (values: readonly string[]) => values.map((value) => ({ label: capitalize(value), value }))
