import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { makeArticle, makeSection, makeTag, paragraph } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let token: string
let sectionId: number
beforeAll(async () => {
  newsroom = await startTestNewsroom()
  token = await newsroom.tokenFor('editor')
  sectionId = (await makeSection(newsroom.payload)).id
})
afterAll(() => newsroom?.destroy())

const post = (collection: string, body: Record<string, unknown>) =>
  newsroom.rest('POST', `/${collection}`, { token, body })
const article = (body: Record<string, unknown>) =>
  post('articles', { standfirst: 'Dek', section: sectionId, _status: 'published', ...body })
const errorsOf = (body: { errors?: Array<{ data?: { errors?: Array<{ path: string; message: string }> } }> }) =>
  body.errors?.flatMap((error) => error.data?.errors ?? []) ?? []

describe('slugs', () => {
  it('are generated from the headline', async () => {
    const created = await article({ title: 'Crème brûlée & the “Budget” of 2026!' })
    expect(created.status).toBe(201)
    expect(created.body.doc.slug).toBe('creme-brulee-and-the-budget-of-2026')
  })

  it('a generated slug that is taken gets a numeric suffix', async () => {
    await article({ title: 'Same headline twice' })
    const second = await article({ title: 'Same headline twice' })
    expect(second.status).toBe(201)
    expect(second.body.doc.slug).toBe('same-headline-twice-2')
  })

  it('are editable and normalised', async () => {
    const created = await article({ title: 'Editable slug', slug: 'My Custom Slug' })
    expect(created.body.doc.slug).toBe('my-custom-slug')
    const changed = await newsroom.rest('PATCH', `/articles/${created.body.doc.id}`, {
      token,
      body: { slug: 'renamed-slug' },
    })
    expect(changed.body.doc.slug).toBe('renamed-slug')
    const retitled = await newsroom.rest('PATCH', `/articles/${created.body.doc.id}`, {
      token,
      body: { title: 'A new headline' },
    })
    expect(retitled.body.doc.slug).toBe('renamed-slug')
  })

  it('a given slug that is taken is a 400 naming the slug and its holder, and nothing is saved', async () => {
    await article({ title: 'The original', slug: 'taken-slug' })
    const clash = await article({ title: 'The copy', slug: 'taken-slug' })
    expect(clash.status).toBe(400)
    expect(errorsOf(clash.body)).toEqual([
      { path: 'slug', message: 'The slug "taken-slug" is already taken by the article "The original"' },
    ])
    const copies = await newsroom.payload.count({
      collection: 'articles',
      where: { title: { equals: 'The copy' } },
      overrideAccess: true,
    })
    expect(copies.totalDocs).toBe(0)
  })

  it('a draft with a taken slug is refused too', async () => {
    await article({ title: 'Published holder', slug: 'draft-clash' })
    const clash = await article({ title: 'Draft copy', slug: 'draft-clash', _status: 'draft' })
    expect(clash.status).toBe(400)
    expect(JSON.stringify(clash.body)).toContain('The slug \\"draft-clash\\" is already taken')
  })

  it('updating an article to another article’s slug is refused', async () => {
    await article({ title: 'First holder', slug: 'holder-one' })
    const other = await article({ title: 'Second holder', slug: 'holder-two' })
    const clash = await newsroom.rest('PATCH', `/articles/${other.body.doc.id}`, {
      token,
      body: { slug: 'holder-one' },
    })
    expect(clash.status).toBe(400)
    expect(JSON.stringify(clash.body)).toContain('holder-one')
  })
})

describe('tags', () => {
  it('are unique regardless of case: "Haiti" and "haiti" are one tag', async () => {
    const first = await post('tags', { name: 'Haiti', kind: 'place' })
    expect(first.status).toBe(201)
    expect(first.body.doc.slug).toBe('haiti')
    const duplicate = await post('tags', { name: 'haiti', kind: 'place' })
    expect(duplicate.status).toBe(400)
    expect(errorsOf(duplicate.body)[0]).toMatchObject({
      path: 'slug',
      message: 'The slug "haiti" is already taken by the tag "Haiti"',
    })
    const shouting = await post('tags', { name: 'HAITI', kind: 'place', slug: 'HAITI' })
    expect(shouting.status).toBe(400)
    expect((await newsroom.payload.count({ collection: 'tags', where: { slug: { equals: 'haiti' } } })).totalDocs).toBe(
      1,
    )
  })

  it('a kind outside the list is a 400 naming the field', async () => {
    const bad = await post('tags', { name: 'Somewhere', kind: 'planet' })
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).map((error) => error.path)).toContain('kind')
  })

  it('keep the order an editor gives them (the first is the primary tag)', async () => {
    const [a, b, c] = [
      await makeTag(newsroom.payload),
      await makeTag(newsroom.payload),
      await makeTag(newsroom.payload),
    ]
    const created = await article({ title: 'Ordered tags', tags: [c.id, a.id, b.id] })
    const read = await newsroom.rest('GET', `/articles/${created.body.doc.id}?depth=0`)
    expect(read.body.tags).toEqual([c.id, a.id, b.id])
  })
})

describe('required fields', () => {
  it('a headline is required, even for a draft', async () => {
    for (const status of ['published', 'draft']) {
      const missing = await article({ title: '', _status: status })
      expect(missing.status).toBe(400)
      expect(errorsOf(missing.body).map((error) => error.path)).toContain('title')
    }
  })

  it('a standfirst and a section are required to publish, not to save a draft', async () => {
    const published = await post('articles', { title: 'No standfirst', _status: 'published' })
    expect(published.status).toBe(400)
    expect(
      errorsOf(published.body)
        .map((error) => error.path)
        .sort(),
    ).toEqual(['section', 'standfirst'])
    const draft = await newsroom.rest('POST', '/articles?draft=true', {
      token,
      body: { title: 'Early draft', _status: 'draft' },
    })
    expect(draft.status).toBe(201)
  })

  it('a correction needs a date and a text', async () => {
    const bad = await article({ title: 'With a correction', corrections: [{ text: 'We got the date wrong.' }] })
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).map((error) => error.path)).toContain('corrections.0.date')
  })
})

describe('publishedAt', () => {
  it('is stamped on first publish and kept on later saves', async () => {
    const draft = await newsroom.rest('POST', '/articles?draft=true', {
      token,
      body: { title: 'To be published', standfirst: 'Dek', section: sectionId, _status: 'draft' },
    })
    expect(draft.body.doc.publishedAt ?? null).toBeNull()
    const before = Date.now()
    const published = await newsroom.rest('PATCH', `/articles/${draft.body.doc.id}`, {
      token,
      body: { _status: 'published' },
    })
    const stamped = Date.parse(published.body.doc.publishedAt)
    expect(stamped).toBeGreaterThanOrEqual(before - 1000)
    const edited = await newsroom.rest('PATCH', `/articles/${draft.body.doc.id}`, { token, body: { kicker: 'Update' } })
    expect(Date.parse(edited.body.doc.publishedAt)).toBe(stamped)
  })

  it('an editor may set it, e.g. to backdate or schedule', async () => {
    const when = '2025-03-01T09:00:00.000Z'
    const created = await article({ title: 'Backdated', publishedAt: when })
    expect(created.body.doc.publishedAt).toBe(when)
  })
})

describe('scheduled publishing through the jobs queue', () => {
  it('publishes a draft when its time comes, stamping publishedAt', async () => {
    const draft = await newsroom.rest('POST', '/articles?draft=true', {
      token,
      body: { title: 'Scheduled by job', standfirst: 'Dek', section: sectionId, _status: 'draft' },
    })
    const id = draft.body.doc.id
    await newsroom.payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'articles', value: id } },
      waitUntil: new Date(Date.now() + 60_000),
    })
    await newsroom.payload.jobs.run()
    expect((await newsroom.rest('GET', `/articles/${id}`)).status).toBe(404)

    await newsroom.payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'articles', value: id } },
      waitUntil: new Date(Date.now() - 1000),
    })
    await newsroom.payload.jobs.run()
    const read = await newsroom.rest('GET', `/articles/${id}`)
    expect(read.status).toBe(200)
    expect(read.body._status).toBe('published')
    expect(Date.parse(read.body.publishedAt)).toBeLessThanOrEqual(Date.now())
  })
})

describe('bodyHtml and bodyText', () => {
  it('escape injected markup and drop javascript: links', async () => {
    const created = await makeArticle(newsroom.payload, {
      title: 'Hostile body',
      body: [
        paragraph('<script>alert("x")</script>'),
        { children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ text: 'click me' }] }] },
        { children: [{ type: 'link', url: 'https://example.com/?a=1&b="2"', children: [{ text: 'safe' }] }] },
        { type: 'h2', children: [{ text: 'Subhead' }] },
      ],
    })
    const read = await newsroom.rest('GET', `/articles/${created.id}`)
    expect(read.body.bodyHtml).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>' +
        '<p>click me</p>' +
        '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;">safe</a></p>' +
        '<h2>Subhead</h2>',
    )
    expect(read.body.bodyText).toBe('<script>alert("x")</script>\n\nclick me\n\nsafe\n\nSubhead')
    const gql = await newsroom.graphql('query($id: Int!) { Article(id: $id) { bodyHtml bodyText } }', {
      id: created.id,
    })
    expect(gql.body.data.Article.bodyHtml).toBe(read.body.bodyHtml)
  })

  it('render uploads as figures with alt, caption and credit', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    const media = await newsroom.payload.create({
      collection: 'media',
      data: { alt: 'Flooded street', caption: 'High water <b>today</b>', credit: 'FILE' },
      file: { data: svg, mimetype: 'image/svg+xml', name: 'flood.svg', size: svg.length },
      overrideAccess: true,
    })
    const created = await makeArticle(newsroom.payload, {
      title: 'With a picture',
      body: [{ type: 'upload', relationTo: 'media', value: { id: media.id }, children: [{ text: '' }] }],
    })
    const read = await newsroom.rest('GET', `/articles/${created.id}`)
    expect(read.body.bodyHtml).toBe(
      `<figure><img src="${media.url}" alt="Flooded street"><figcaption>` +
        '<span class="caption">High water &lt;b&gt;today&lt;/b&gt;</span> <span class="credit">FILE</span>' +
        '</figcaption></figure>',
    )
  })

  it('cannot be written by a caller', async () => {
    const created = await article({
      title: 'Derived fields',
      bodyHtml: '<script>evil()</script>',
      body: [paragraph('Real body')],
    })
    expect(created.body.doc.bodyHtml).toBe('<p>Real body</p>')
  })
})
