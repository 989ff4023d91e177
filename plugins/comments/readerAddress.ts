import { createHmac } from 'node:crypto'

/** A keyed hash of the reader's address: comparable between requests, useless without the site's secret. */
export function hashAddress(secret: string, address: string): string {
  const key = createHmac('sha256', secret).update('newsroom:comment-ip').digest()
  return createHmac('sha256', key).update(address).digest('hex')
}
