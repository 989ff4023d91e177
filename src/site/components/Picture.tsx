import type { Media } from '../../payload-types'

export function Picture({ media, sizes, eager }: { media: Media; sizes?: string; eager?: boolean }) {
  if (!media.url) return null
  return (
    // Plain <img>: pictures come from Payload's own upload route, already sized by the editor.
    <img
      src={media.url}
      alt={media.alt}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      sizes={sizes}
      loading={eager ? 'eager' : 'lazy'}
    />
  )
}
