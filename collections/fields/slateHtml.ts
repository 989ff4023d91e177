import { Element, Node, Text, type Descendant } from 'slate'

/** What a rendered figure needs from a media document. */
export type FigureMedia = { url?: string | null; alt?: string | null; caption?: string | null; credit?: string | null }
/** What a link to another article needs. */
export type LinkedArticle = { slug?: string | null; title?: string | null }

export type RenderContext = {
  media: ReadonlyMap<string, FigureMedia>
  /** Only articles the reader may see; links to any other article are dropped. */
  articles: ReadonlyMap<string, LinkedArticle>
  articlePath?: (slug: string) => string
}

type SlateElement = Element & {
  type?: string
  url?: string
  newTab?: boolean
  linkType?: 'custom' | 'internal'
  doc?: { relationTo?: string; value?: unknown }
  relationTo?: string
  value?: unknown
}
type SlateText = Text & {
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strikethrough?: boolean
  code?: boolean
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/** Returns the URL when it is http(s), mailto or relative; anything else (javascript:, data:, ...) is refused. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  const trimmed = url.trim()
  if (!trimmed) return undefined
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge without them.
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(trimmed.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))?.[1]
  if (scheme && !SAFE_SCHEMES.has(scheme.toLowerCase())) return undefined
  return trimmed
}

/** The id of a relationship value, whether it is populated (`{ id }`) or not. */
export function relationId(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return relationId((value as { id: unknown }).id)
  return undefined
}

const BLOCK_TAGS: Record<string, string> = {
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
}

function renderText(leaf: SlateText): string {
  let html = escapeHtml(leaf.text).replace(/\n/g, '<br>')
  if (leaf.code) html = `<code>${html}</code>`
  if (leaf.bold) html = `<strong>${html}</strong>`
  if (leaf.italic) html = `<em>${html}</em>`
  if (leaf.underline) html = `<u>${html}</u>`
  if (leaf.strikethrough) html = `<s>${html}</s>`
  return html
}

function renderFigure(media: FigureMedia | undefined): string {
  if (!media) return ''
  const src = safeUrl(media.url)
  if (!src) return ''
  const caption = media.caption ? `<span class="caption">${escapeHtml(media.caption)}</span>` : ''
  const credit = media.credit ? `<span class="credit">${escapeHtml(media.credit)}</span>` : ''
  const figcaption = caption || credit ? `<figcaption>${[caption, credit].filter(Boolean).join(' ')}</figcaption>` : ''
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(media.alt ?? '')}">${figcaption}</figure>`
}

function renderNode(node: Descendant, context: RenderContext): string {
  if (Text.isText(node)) return renderText(node as SlateText)
  if (!Element.isElement(node)) return ''
  const element = node as SlateElement
  const children = () => element.children.map((child) => renderNode(child, context)).join('')
  const articleHref = (value: unknown) => {
    const article = context.articles.get(relationId(value) ?? '')
    return article?.slug ? (context.articlePath ?? ((slug) => `/articles/${slug}`))(article.slug) : undefined
  }

  switch (element.type) {
    case undefined:
    case 'p':
      return `<p>${children()}</p>`
    case 'link': {
      const href = element.linkType === 'internal' ? articleHref(element.doc?.value) : safeUrl(element.url)
      if (!href) return children()
      const target = element.newTab ? ' target="_blank" rel="noopener noreferrer"' : ''
      return `<a href="${escapeHtml(href)}"${target}>${children()}</a>`
    }
    case 'upload':
      return element.relationTo === 'media' ? renderFigure(context.media.get(relationId(element.value) ?? '')) : ''
    case 'relationship': {
      if (element.relationTo !== 'articles') return ''
      const article = context.articles.get(relationId(element.value) ?? '')
      const href = articleHref(element.value)
      if (!article || !href) return ''
      const link = `<a href="${escapeHtml(href)}">${escapeHtml(article.title ?? '')}</a>`
      return `<aside class="related-article">${link}</aside>`
    }
    default: {
      const tag = BLOCK_TAGS[element.type]
      return tag ? `<${tag}>${children()}</${tag}>` : children()
    }
  }
}

export function slateToHtml(value: unknown, context: RenderContext): string {
  if (!Array.isArray(value)) return ''
  return (value as Descendant[]).map((node) => renderNode(node, context)).join('')
}

/** Plain text: one paragraph per top-level block, separated by a blank line. */
export function slateToText(value: unknown): string {
  if (!Array.isArray(value)) return ''
  return (value as Descendant[])
    .filter((node) => Text.isText(node) || Element.isElement(node))
    .map((node) => Node.string(node).trim())
    .filter(Boolean)
    .join('\n\n')
}

/** Ids referenced by a body, so the caller can load them in one query per collection. */
export function collectReferences(value: unknown): { media: string[]; articles: string[] } {
  const media = new Set<string>()
  const articles = new Set<string>()
  if (Array.isArray(value)) {
    for (const [node] of Node.nodes({ children: value as Descendant[] } as unknown as Node)) {
      if (!Element.isElement(node)) continue
      const element = node as SlateElement
      if (element.type === 'upload' && element.relationTo === 'media') addId(media, element.value)
      if (element.type === 'relationship' && element.relationTo === 'articles') addId(articles, element.value)
      if (element.type === 'link' && element.linkType === 'internal' && element.doc?.relationTo === 'articles') {
        addId(articles, element.doc.value)
      }
    }
  }
  return { media: [...media], articles: [...articles] }
}

function addId(ids: Set<string>, value: unknown) {
  const id = relationId(value)
  if (id) ids.add(id)
}
