/**
 * How cost grows with the archive: one benchmark run per size, as a table (Markdown) and a plot (SVG) of read,
 * publish and rebuild cost against the number of articles, each beside the baseline measured in the same run.
 */

export type ScalingPoint = {
  articles: number
  read: { moreOn: number; plain: number }
  publish: { moreOn: number; plain: number }
  rebuild: { seconds: number; peakRssMb: number }
}

const formatCount = (count: number) =>
  count >= 1_000_000 ? `${count / 1_000_000}M` : count >= 1000 ? `${count / 1000}k` : String(count)

export function scalingTable(points: readonly ScalingPoint[]): string {
  const rows = points.map((point) =>
    [
      formatCount(point.articles),
      `${point.read.moreOn} / ${point.read.plain} ms (${(point.read.moreOn / point.read.plain).toFixed(2)})`,
      `${point.publish.moreOn} / ${point.publish.plain} ms ` +
        `(${(point.publish.moreOn / point.publish.plain).toFixed(2)})`,
      `${point.rebuild.seconds} s`,
      `${point.rebuild.peakRssMb} MB`,
    ].join(' | '),
  )
  return [
    '| Articles | Read p50, block / plain (ratio) | Publish p50, with / without (ratio) | Rebuild | Rebuild peak RSS |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n')
}

type Series = { label: string; color: string; dashed?: boolean; values: number[] }

const WIDTH = 300
const HEIGHT = 220
const MARGIN = { left: 52, right: 12, top: 28, bottom: 40 }

/** One panel: series against the article counts, both axes logarithmic. */
function panel(title: string, unit: string, counts: readonly number[], series: readonly Series[], offsetX: number) {
  const values = series.flatMap((line) => line.values).filter((value) => value > 0)
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)))
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)))
  const [first, last] = [Math.min(...counts), Math.max(...counts)]
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (count: number) =>
    MARGIN.left + (last === first ? innerWidth / 2 : (Math.log(count / first) / Math.log(last / first)) * innerWidth)
  const y = (value: number) =>
    MARGIN.top + innerHeight - (Math.log(Math.max(value, low) / low) / Math.log(high / low)) * innerHeight
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`]
  parts.push(`<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-weight="bold">${title}</text>`)
  for (let tick = low; tick <= high * 1.0001; tick = Number((tick * 10).toPrecision(1))) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 4}" y="${y(tick) + 4}" text-anchor="end">${tick} ${unit}</text>`,
    )
  }
  for (const count of counts) {
    parts.push(
      `<text x="${x(count)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${formatCount(count)}</text>`,
    )
  }
  parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT - 6}" text-anchor="middle">articles</text>`)
  for (const [index, line] of series.entries()) {
    const points = line.values.map((value, at) => `${x(counts[at]!).toFixed(1)},${y(value).toFixed(1)}`).join(' ')
    parts.push(
      `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="2"` +
        `${line.dashed ? ' stroke-dasharray="5,4"' : ''}/>`,
      ...line.values.map(
        (value, at) =>
          `<circle cx="${x(counts[at]!).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${line.color}"/>`,
      ),
      `<text x="${MARGIN.left + 6}" y="${MARGIN.top + 12 + index * 14}" fill="${line.color}">${line.label}</text>`,
    )
  }
  parts.push('</g>')
  return parts.join('\n')
}

export function scalingPlot(points: readonly ScalingPoint[]): string {
  const counts = points.map((point) => point.articles)
  const panels: [title: string, unit: string, series: Series[]][] = [
    [
      'Read p50',
      'ms',
      [
        { label: '"More on" block', color: '#c0392b', values: points.map((point) => point.read.moreOn) },
        { label: 'plain article', color: '#7f8c8d', dashed: true, values: points.map((point) => point.read.plain) },
      ],
    ],
    [
      'Publish p50',
      'ms',
      [
        { label: 'with the plugin', color: '#c0392b', values: points.map((point) => point.publish.moreOn) },
        { label: 'without', color: '#7f8c8d', dashed: true, values: points.map((point) => point.publish.plain) },
      ],
    ],
    [
      'Full rebuild',
      's',
      [{ label: 'seconds', color: '#2c3e50', values: points.map((point) => point.rebuild.seconds) }],
    ],
  ]
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * panels.length}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH * panels.length} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="white"/>',
    ...panels.map(([title, unit, series], index) => panel(title, unit, counts, series, index * WIDTH)),
    '</svg>',
    '',
  ].join('\n')
}
