/**
 * A full "More on" rebuild in a process of its own, so that its peak memory is measured alone.
 * Prints one JSON line: { sources, links, seconds, peakRssMb }.
 */
import { rebuildMoreOn } from 'payload-plugin-more-on'
import { startBenchNewsroom, stopBenchNewsroom } from './newsroom'

const { payload } = await startBenchNewsroom(process.env.BENCH_DATABASE_URI!, { plugin: true })
try {
  const result = await rebuildMoreOn(payload)
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  console.log(JSON.stringify({ ...result, peakRssMb }))
} finally {
  await stopBenchNewsroom(payload)
}
