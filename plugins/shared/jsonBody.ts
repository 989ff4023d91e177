import type { PayloadRequest } from 'payload'

/** A custom endpoint's JSON body (Payload does not parse it for them); `undefined` when it is not JSON. */
export async function jsonBody(req: PayloadRequest): Promise<unknown> {
  try {
    return req.json ? await req.json() : {}
  } catch {
    return undefined
  }
}
