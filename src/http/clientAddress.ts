import type { PayloadRequest } from 'payload'

/** Set by src/server.ts from the TCP connection, overwriting anything a client sends under that name. */
export const SOCKET_ADDRESS_HEADER = 'x-newsroom-socket-address'

/**
 * The reader's address: the first X-Forwarded-For hop when the app runs behind a trusted proxy (TRUSTED_PROXY),
 * otherwise the connection's own address. A client cannot choose it by sending headers.
 */
export function clientAddress(req: Pick<PayloadRequest, 'headers'>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  return req.headers.get(SOCKET_ADDRESS_HEADER) ?? 'unknown'
}
