'use client'
import { useEffect, useState } from 'react'

import { formatDate, relativeTime } from './format'

/**
 * A time as the reader's clock reads it ("4 hours ago"). The server renders the date, the same for every reader,
 * so a cached page never shows an age that has gone stale.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => formatDate(iso))
  useEffect(() => {
    const update = () => setText(relativeTime(iso, Date.now()))
    update()
    const timer = setInterval(update, 60_000)
    return () => clearInterval(timer)
  }, [iso])
  return (
    <time dateTime={iso} title={new Date(iso).toUTCString()}>
      {text}
    </time>
  )
}
