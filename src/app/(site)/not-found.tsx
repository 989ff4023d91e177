import Link from 'next/link'

export default function NotFound() {
  return (
    <main id="main" className="not-found">
      <h1>Page not found</h1>
      <p>There is no story at this address.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </main>
  )
}
