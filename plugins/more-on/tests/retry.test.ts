import { describe, expect, it } from '@jest/globals'

import { retryingConflicts } from '../src/hooks/refresh.js'

const failure = (code: string, wrapped = false) => {
  const error = Object.assign(new Error(`failed with ${code}`), { code })
  return wrapped ? Object.assign(new Error('Failed query: …'), { cause: error }) : error
}

describe('retryingConflicts', () => {
  it('tries again after a deadlock or a serialisation conflict, also when the driver wraps the error', async () => {
    const thrown = [failure('40P01'), failure('40001', true)]
    let attempts = 0
    await expect(
      retryingConflicts(async () => {
        attempts++
        const next = thrown.shift()
        if (next) throw next
        return 'done'
      }),
    ).resolves.toBe('done')
    expect(attempts).toBe(3)
  })

  it('gives up after three attempts', async () => {
    let attempts = 0
    await expect(
      retryingConflicts(async () => {
        attempts++
        throw failure('40P01')
      }),
    ).rejects.toThrow('failed with 40P01')
    expect(attempts).toBe(3)
  })

  it('never retries any other failure', async () => {
    let attempts = 0
    await expect(
      retryingConflicts(async () => {
        attempts++
        throw failure('23505')
      }),
    ).rejects.toThrow('failed with 23505')
    expect(attempts).toBe(1)
  })
})
