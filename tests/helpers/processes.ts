import { readdir, readFile } from 'node:fs/promises'

/** Pids of the processes whose command line mentions `text` (read from /proc, so no `ps` is needed). */
export async function pidsMentioning(text: string): Promise<number[]> {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const commandLine = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replace(/\0/g, ' ')
      if (commandLine.includes(text)) pids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return pids
}

/** Postmaster and backends of the embedded server on this data directory. */
export async function postgresPidsFor(dataDir: string): Promise<number[]> {
  return (await pidsMentioning(`postgres -D ${dataDir}`)).sort()
}
