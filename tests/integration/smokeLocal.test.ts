import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
beforeAll(async () => {
  newsroom = await startTestNewsroom()
})
afterAll(() => newsroom?.destroy())

describe('smoke', () => {
  it('answers REST and GraphQL', async () => {
    const list = await newsroom.rest('GET', '/articles')
    expect(list.status).toBe(200)
    const gql = await newsroom.graphql('{ Articles { totalDocs } }')
    expect(gql.status).toBe(200)
    expect(gql.body.data.Articles.totalDocs).toBe(0)
  })
})
