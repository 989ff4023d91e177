import { errorAnswer } from '../../plugins/shared/errorAnswer'

/** A refused request, before it reaches Payload: the status, what was wrong, and the parameter or field at fault. */
export type Refusal = { status: 400 | 413; message: string; field?: string }

export const refusal = (message: string, field?: string, status: 400 | 413 = 400): Refusal => ({
  status,
  message,
  field,
})

export const refusalAnswer = ({ status, message, field }: Refusal) => errorAnswer(status, message, field)
