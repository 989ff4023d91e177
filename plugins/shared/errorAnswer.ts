/** The JSON every refusal of ours answers with, in Payload's shape: `{ errors: [{ message, field? }] }`. */
export const errorAnswer = (status: number, message: string, field?: string) =>
  Response.json({ errors: [{ message, ...(field ? { field } : {}) }] }, { status })
