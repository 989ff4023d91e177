import Link from 'next/link'

import type { ArticleView, SiteInfo } from '../content/types'
import { CommentForm } from './CommentForm'
import { formatDate, formatDateTime } from './format'
import { Picture } from './Picture'
import { RelativeTime } from './RelativeTime'
import { Teaser } from './Teaser'

function Byline({ article }: { article: ArticleView }) {
  return (
    <div className="byline">
      {article.authors.length ? (
        <p className="authors">
          By{' '}
          {article.authors.map((author, index) => (
            <span key={author.id}>
              {index > 0 ? (index === article.authors.length - 1 ? ' and ' : ', ') : null}
              <span className="author">{author.name}</span>
              {author.role ? <span className="author-role">, {author.role}</span> : null}
            </span>
          ))}
        </p>
      ) : null}
      <p className="meta">
        Published <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
      </p>
    </div>
  )
}

function Comments({ article }: { article: ArticleView }) {
  const thread = (comments: ArticleView['comments']) => (
    <ol className="comments">
      {comments.map((comment) => (
        <li key={comment.id} className="comment" id={`comment-${comment.id}`}>
          <p className="comment-meta">
            <strong>{comment.authorName}</strong> · <RelativeTime iso={comment.createdAt} />
          </p>
          <p className="comment-body">{comment.body}</p>
          {comment.replies.length ? thread(comment.replies) : null}
        </li>
      ))}
    </ol>
  )
  return (
    <section className="discussion" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        Comments <span className="count">({article.commentCount})</span>
      </h2>
      {article.comments.length ? thread(article.comments) : <p>No comments yet.</p>}
      {article.commentsOpen ? (
        <CommentForm articleId={article.id} />
      ) : (
        <p className="notice">Comments are closed on this article.</p>
      )}
    </section>
  )
}

export function MoreOn({ site, stories }: { site: SiteInfo; stories: ArticleView['moreOn'] }) {
  if (stories.length === 0) return null
  return (
    <section className="more-on" aria-labelledby="more-on-heading">
      <h2 id="more-on-heading">More on {site.name}</h2>
      <div className="cards">
        {stories.map((story) => (
          <Teaser key={story.id} story={story} />
        ))}
      </div>
    </section>
  )
}

/** The article page's body: everything a national news site shows, in its order. */
export function Article({ site, article, preview }: { site: SiteInfo; article: ArticleView; preview?: boolean }) {
  const dateline = [article.dateline.place?.toUpperCase(), article.dateline.date && formatDate(article.dateline.date)]
    .filter(Boolean)
    .join(', ')
  return (
    <>
      <article className="article">
        <header className="article-header">
          {article.section?.slug ? (
            <p className="label">
              <Link href={`/sections/${article.section.slug}`}>{article.kicker || article.section.name}</Link>
            </p>
          ) : null}
          <h1>{article.title}</h1>
          <p className="standfirst">{article.standfirst}</p>
          <Byline article={article} />
        </header>
        {article.image ? (
          <figure className="lead-picture">
            <Picture media={article.image} eager />
            {article.imageCaption || article.imageCredit ? (
              <figcaption>
                {article.imageCaption ? <span className="caption">{article.imageCaption}</span> : null}
                {article.imageCredit ? <span className="credit">{article.imageCredit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <div className="article-body">
          {dateline ? <p className="dateline">{dateline} —</p> : null}
          <div dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        </div>
        {article.corrections.length ? (
          <aside className="corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">Corrections</h2>
            <ul>
              {article.corrections.map((correction) => (
                <li key={`${correction.date}-${correction.text}`}>
                  <time dateTime={correction.date}>{formatDate(correction.date)}</time>: {correction.text}
                </li>
              ))}
            </ul>
          </aside>
        ) : null}
        {article.tags.length ? (
          <nav className="in-this-article" aria-labelledby="tags-heading">
            <h2 id="tags-heading">In this article</h2>
            <ul>
              {article.tags.map((tag) => (
                <li key={tag.id}>{tag.slug ? <Link href={`/tags/${tag.slug}`}>{tag.name}</Link> : tag.name}</li>
              ))}
            </ul>
          </nav>
        ) : null}
      </article>
      {preview ? null : <Comments article={article} />}
      <MoreOn site={site} stories={article.moreOn} />
    </>
  )
}
