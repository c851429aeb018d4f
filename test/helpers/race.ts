import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Starts one side of a multi-process race: `node --import tsx <script>` with `env`. The script prints
 * `ready` once loaded (so every side can be released at the same moment), then one JSON line per
 * outcome. `ready` resolves when it has loaded; `done` with its outcomes when it exits cleanly. The
 * child is pushed to `children` so the test can kill leftovers.
 */
export function raceSide<Line>(script: string, env: Record<string, string>, children: ChildProcess[]) {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	children.push(child)
	let out = ''
	let err = ''
	child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
	const ready = new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString()
			if (out.startsWith('ready\n')) resolve()
		})
		child.on('exit', (code) => reject(new Error(`race side exited ${code} before it was ready:\n${err}`)))
	})
	const done = new Promise<Line[]>((resolve, reject) =>
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`race side exited ${code}:\n${err}`))
			resolve(
				out
					.split('\n')
					.slice(1)
					.filter(Boolean)
					.map((line) => JSON.parse(line) as Line),
			)
		}),
	)
	return { ready, done }
}
