'use client'
import { useState, type FormEvent } from 'react'

type Answer = {
  errors?: { message?: string; field?: string; data?: { errors?: { path?: string; message?: string }[] } }[]
}
type State =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; published: boolean }
  | { kind: 'refused'; fields: Record<string, string>; message?: string }
  | { kind: 'limited'; retryAfter: number }

type Field = 'authorName' | 'authorEmail' | 'body'

/** The errors of a refusal, by field: Payload's validation shape and our own (`{ field, message }`). */
function fieldErrors(answer: Answer): { fields: Record<string, string>; message?: string } {
  const fields: Record<string, string> = {}
  let message: string | undefined
  for (const error of answer.errors ?? []) {
    for (const detail of error.data?.errors ?? []) if (detail.path) fields[detail.path] = detail.message ?? 'Invalid'
    if (error.field) fields[error.field] = error.message ?? 'Invalid'
    else if (!error.data?.errors?.length) message = error.message
  }
  return { fields, message }
}

/** Posts to the comments API; says whether the comment awaits moderation, which field is wrong, or to wait. */
export function CommentForm({ articleId }: { articleId: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const data = Object.fromEntries(new FormData(form))
    setState({ kind: 'sending' })
    try {
      const response = await fetch('/api/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...data, article: articleId }),
      })
      const answer = (await response.json().catch(() => ({}))) as Answer & { doc?: { status?: string } }
      if (response.status === 429) {
        setState({ kind: 'limited', retryAfter: Number(response.headers.get('retry-after')) || 60 })
      } else if (response.ok) {
        // The name and email stay for the reader's next comment.
        form.querySelector('textarea')!.value = ''
        setState({ kind: 'sent', published: answer.doc?.status === 'approved' })
      } else {
        setState({ kind: 'refused', ...fieldErrors(answer) })
      }
    } catch {
      setState({ kind: 'refused', fields: {}, message: 'Your comment could not be sent. Please try again.' })
    }
  }
  const errors = state.kind === 'refused' ? state.fields : {}
  const described = (field: Field) => ({
    'aria-invalid': Boolean(errors[field]),
    'aria-describedby': errors[field] ? `${field}-error` : undefined,
  })
  const errorOf = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${field}-error`}>
        {errors[field]}
      </p>
    ) : null
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <h3>Join the discussion</h3>
      <p className="hint">Comments are moderated. Your email is never shown.</p>
      <label>
        Name
        <input name="authorName" required maxLength={80} {...described('authorName')} />
      </label>
      {errorOf('authorName')}
      <label>
        Email
        <input name="authorEmail" type="email" required {...described('authorEmail')} />
      </label>
      {errorOf('authorEmail')}
      <label>
        Comment
        <textarea name="body" required maxLength={3000} rows={5} {...described('body')} />
      </label>
      {errorOf('body')}
      <label className="trap" aria-hidden="true">
        Leave this empty
        <input name="website" tabIndex={-1} autoComplete="off" />
      </label>
      <button type="submit" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Post comment'}
      </button>
      <div role="status" aria-live="polite">
        {state.kind === 'sent' ? (
          <p className="notice">
            {state.published
              ? 'Thank you: your comment is published.'
              : 'Thank you: your comment is awaiting moderation and will appear once approved.'}
          </p>
        ) : null}
        {state.kind === 'limited' ? (
          <p className="notice">
            You are commenting a little fast. Please wait {Math.ceil(state.retryAfter / 60)} minute
            {state.retryAfter > 60 ? 's' : ''} and try again: your text is still here.
          </p>
        ) : null}
        {state.kind === 'refused' && state.message ? <p className="field-error">{state.message}</p> : null}
      </div>
    </form>
  )
}
