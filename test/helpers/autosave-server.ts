/**
 * A minimal HTTP front for the real `saveAnswers`, run as a child process by the crash-durability
 * test. Booting the Remix app per test is too heavy (and the suite runs before the build); what the
 * test is about — acknowledge an autosave only after its transaction committed, on a connection with
 * the real pragmas (WAL, synchronous=FULL) — is all in `saveAnswers` and `openDatabase`, used here
 * unchanged. Like the real route, it replies only after `saveAnswers` returned.
 *
 *   DATABASE_PATH=<file> node --import tsx test/helpers/autosave-server.ts   → prints "listening <port>"
 *
 * POST /attempts/:id/answers  { userId, seq, position, chosen }  → 200 { seq } | 4xx { error, seq? }
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getDb } from '#db/client.server.ts'
import { saveAnswers } from '#app/modules/exams/attempts.server.ts'

type Body = { userId: number; seq: number; position: number; chosen: string[] }

getDb()

const server = http.createServer((req, res) => {
	const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
	const attemptId = /^\/attempts\/(\d+)\/answers$/.exec(req.url ?? '')?.[1]
	if (req.method !== 'POST' || !attemptId) return send(404, { error: 'not_found' })
	let text = ''
	req.setEncoding('utf8')
	req.on('data', (chunk: string) => (text += chunk))
	req.on('end', () => {
		let body: Body
		try {
			body = JSON.parse(text) as Body
		} catch {
			return send(400, { error: 'malformed' })
		}
		const result = saveAnswers(Number(attemptId), body.userId, body.seq, [{ position: body.position, chosen: body.chosen }])
		if (result.ok) send(200, { seq: result.seq })
		else send(result.status, { error: result.reason, ...('seq' in result ? { seq: result.seq } : {}) })
	})
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`))
