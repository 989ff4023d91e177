import { describe, expect, it } from '@jest/globals'

import { collectReferences, safeUrl, slateToHtml, slateToText } from '../../collections/fields/slateHtml'

const none = { media: new Map(), articles: new Map() }
const link = (url: string, text = 'link') => [{ children: [{ type: 'link', url, children: [{ text }] }] }]

describe('safeUrl', () => {
  it.each([
    'https://example.com',
    'http://example.com/a?b=c',
    'mailto:desk@example.com',
    '/articles/x',
    '#notes',
    '?page=2',
    'page.html',
    '//cdn.example.com/x',
  ])('keeps %s', (url) => expect(safeUrl(url)).toBe(url))

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:x',
    'data:text/html,<script>',
    'vbscript:x',
    'file:///etc/passwd',
    '',
  ])('refuses %j', (url) => expect(safeUrl(url)).toBeUndefined())
})

describe('slateToHtml', () => {
  it('escapes every text', () => {
    expect(slateToHtml([{ children: [{ text: `<img src=x onerror="alert('1')">&` }] }], none)).toBe(
      '<p>&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>',
    )
  })

  it('renders subheads, quotes, lists and marks', () => {
    const html = slateToHtml(
      [
        { type: 'h2', children: [{ text: 'Two' }] },
        { type: 'h3', children: [{ text: 'Three' }] },
        { type: 'blockquote', children: [{ text: 'Said' }] },
        {
          type: 'ul',
          children: [
            { type: 'li', children: [{ text: 'a' }] },
            { type: 'li', children: [{ text: 'b', bold: true, italic: true }] },
          ],
        },
        { type: 'ol', children: [{ type: 'li', children: [{ text: 'one', code: true }] }] },
        { children: [{ text: 'line\nbreak', underline: true, strikethrough: true }] },
      ],
      none,
    )
    expect(html).toBe(
      '<h2>Two</h2><h3>Three</h3><blockquote>Said</blockquote><ul><li>a</li><li><em><strong>b</strong></em></li></ul>' +
        '<ol><li><code>one</code></li></ol><p><s><u>line<br>break</u></s></p>',
    )
  })

  it('drops unsafe links but keeps their text', () => {
    expect(slateToHtml(link('javascript:alert(1)', 'x'), none)).toBe('<p>x</p>')
  })

  it('opens new-tab links safely', () => {
    const nodes = [
      { children: [{ type: 'link', url: 'https://example.com', newTab: true, children: [{ text: 'x' }] }] },
    ]
    expect(slateToHtml(nodes, none)).toBe(
      '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a></p>',
    )
  })

  it('links internal and related articles only when the reader may see them', () => {
    const nodes = [
      {
        children: [
          {
            type: 'link',
            linkType: 'internal',
            doc: { relationTo: 'articles', value: 7 },
            children: [{ text: 'seen' }],
          },
        ],
      },
      {
        children: [
          {
            type: 'link',
            linkType: 'internal',
            doc: { relationTo: 'articles', value: 8 },
            children: [{ text: 'hidden' }],
          },
        ],
      },
      { type: 'relationship', relationTo: 'articles', value: { id: 7 }, children: [{ text: '' }] },
      { type: 'relationship', relationTo: 'articles', value: { id: 8 }, children: [{ text: '' }] },
    ]
    const context = { media: new Map(), articles: new Map([['7', { slug: 'seen-story', title: 'Seen <story>' }]]) }
    expect(slateToHtml(nodes, context)).toBe(
      '<p><a href="/articles/seen-story">seen</a></p><p>hidden</p>' +
        '<aside class="related-article"><a href="/articles/seen-story">Seen &lt;story&gt;</a></aside>',
    )
  })

  it('drops a figure whose media is missing or has an unsafe URL', () => {
    const nodes = [{ type: 'upload', relationTo: 'media', value: 3, children: [{ text: '' }] }]
    expect(slateToHtml(nodes, none)).toBe('')
    expect(
      slateToHtml(nodes, { media: new Map([['3', { url: 'javascript:x', alt: 'a' }]]), articles: new Map() }),
    ).toBe('')
  })

  it('ignores anything that is not a Slate value', () => {
    expect(slateToHtml(null, none)).toBe('')
    expect(slateToHtml({ root: {} }, none)).toBe('')
  })
})

describe('slateToText', () => {
  it('gives one paragraph per block', () => {
    expect(
      slateToText([
        { children: [{ text: 'One ' }, { text: 'two', bold: true }] },
        { type: 'h2', children: [{ text: 'Sub' }] },
        { children: [{ text: ' ' }] },
      ]),
    ).toBe('One two\n\nSub')
  })
})

describe('collectReferences', () => {
  it('finds media and article ids anywhere in the tree', () => {
    const nodes = [
      { type: 'upload', relationTo: 'media', value: { id: 1 }, children: [{ text: '' }] },
      {
        type: 'ul',
        children: [
          {
            type: 'li',
            children: [
              {
                type: 'link',
                linkType: 'internal',
                doc: { relationTo: 'articles', value: 5 },
                children: [{ text: 'x' }],
              },
            ],
          },
        ],
      },
      { type: 'relationship', relationTo: 'articles', value: 6, children: [{ text: '' }] },
      { type: 'relationship', relationTo: 'tags', value: 9, children: [{ text: '' }] },
    ]
    expect(collectReferences(nodes)).toEqual({ media: ['1'], articles: ['5', '6'] })
  })
})
