import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { closeDatabase, getDb, openDatabase, setDatabase } from '#db/client.server.ts'
import { sessionRsvps } from '#db/schema/sharing.ts'
import { respond, waitlistPosition, type RsvpResult } from '#app/modules/sharing/rsvp.server.ts'
import { sessionSchema, type RsvpAnswer, type RsvpState } from '#app/modules/sharing/rules.ts'
import { createSession } from '#app/modules/sharing/sessions.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike } from '#test/integration/performance/helpers.ts'
import { raceSide } from '#test/helpers/race.ts'

/*
 * “Parallel RSVPs never exceed capacity.” `respond` counts the seats in an immediate transaction and
 * the `session_full` trigger of migration 0010 checks them again on write. Several OS processes
 * (test/fixtures/sharing/race-rsvp.ts), each with its own connection to the same file, are released at
 * the same instant, round after round, each round on a fresh session with two seats.
 */

const TEMPLATE_DB = path.resolve('test/.tmp/template.db')
/** The children's clock (pinned, moving on from there); the set-up answers come an hour earlier. */
const RACE_NOW = '2026-11-27T04:00:00Z'
const SETUP_NOW = new Date('2026-11-27T03:00:00Z')
const CAPACITY = 2
const ROUNDS = 6
const GAP_MS = 150

type Answer = { sessionId: number; userId: number; answer: RsvpAnswer }
/** `startedAt`: when the call began (ms since the epoch, sub-millisecond); `ms`: how long it took. */
type Line = { round: number; outcome: RsvpResult; startedAt: number; ms: number }

let dir = ''
const children: ChildProcess[] = []

afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
	closeDatabase()
	setClock(undefined)
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Starts one side (test/helpers/race.ts). */
const side = (env: Record<string, string>) => raceSide<Line>('test/fixtures/sharing/race-rsvp.ts', { ...env, ASCENT_NOW: RACE_NOW }, children)

/** Runs one process per column of `rounds` (round n: the n-th answer of every process); the outcomes by round. */
async function race(file: string, rounds: ReadonlyArray<readonly Answer[]>) {
	const startFile = path.join(dir, 'start')
	const width = rounds[0]!.length
	closeDatabase()
	const sides = Array.from({ length: width }, (_, k) =>
		side({ DATABASE_PATH: file, RACE_START: startFile, RACE_GAP_MS: String(GAP_MS), RACE_ANSWERS: JSON.stringify(rounds.map((answers) => answers[k])) }),
	)
	await Promise.all(sides.map((s) => s.ready))
	// Written whole, then renamed: a side never reads a half-written instant.
	fs.writeFileSync(`${startFile}.tmp`, String(Date.now() + 300))
	fs.renameSync(`${startFile}.tmp`, startFile)
	const lines = await Promise.all(sides.map((s) => s.done))
	setDatabase(openDatabase(file))
	for (const l of lines) expect(l).toHaveLength(rounds.length)
	// The race was real when, in some round, one call began before another had returned.
	const overlapping = rounds.filter((_, n) => {
		const calls = lines.map((l) => l[n]!).sort((p, q) => p.startedAt - q.startedAt)
		return calls.some((call, k) => k > 0 && call.startedAt < calls[k - 1]!.startedAt + calls[k - 1]!.ms)
	}).length
	expect(overlapping).toBeGreaterThan(0)
	return rounds.map((_, n) => lines.map((l) => l[n]!.outcome))
}

async function setUp() {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-rsvp-race-'))
	const file = path.join(dir, 'race.db')
	fs.copyFileSync(TEMPLATE_DB, file)
	setDatabase(openDatabase(file))
	setClock(SETUP_NOW)
	const { id: managerId } = await createTestUser({ name: '陈经理', roles: ['manager'], password: null })
	const user = async (name: string) => (await createTestUser({ name, password: null })).id
	/** A session on 10 December 2026 with two seats. */
	const session = (title: string) => {
		const input = sessionSchema({ indicatorCodes: [] }).parse({ title, topic: '抢座测试', date: '2026-12-10', startTime: '19:00', endTime: '20:30', place: '上海总部', capacity: String(CAPACITY) })
		const result = createSession(input, { id: managerId, roles: ['staff', 'manager'] })
		if (!result.ok) throw new Error(`setup session refused: ${JSON.stringify(result)}`)
		return result.sessionId
	}
	/** An answer in the set-up (before the race), `minute` minutes after SETUP_NOW. */
	const answered = (sessionId: number, userId: number, answer: RsvpAnswer, minute: number) => {
		const result = respond(sessionId, userId, answer, new Date(SETUP_NOW.getTime() + minute * 60_000))
		if (!result.ok) throw new Error(`setup answer refused: ${JSON.stringify(result)}`)
		return result.status
	}
	return { file, user, session, answered }
}

const statusesOf = (sessionId: number) =>
	new Map(
		getDb()
			.select({ userId: sessionRsvps.userId, status: sessionRsvps.status })
			.from(sessionRsvps)
			.where(eq(sessionRsvps.sessionId, sessionId))
			.all()
			.map((r) => [r.userId, r.status]),
	)

const countOf = (sessionId: number, status: RsvpState) =>
	getDb()
		.select({ userId: sessionRsvps.userId })
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.status, status)))
		.all().length

/**
 * Replays the session's audit rows in commit order (one answer, then the promotions its transaction
 * made) and checks the state after every transaction: never more going than seats, never a free seat
 * while someone waits.
 */
function replayHolds(sessionId: number) {
	const rows = [...auditsLike('sharing.rsvp.respond'), ...auditsLike('sharing.rsvp.promote')]
		.filter((r) => r.entityId!.startsWith(`${sessionId}:`))
		.sort((a, b) => a.id - b.id)
	const status = new Map<string, RsvpState>()
	const check = () => {
		const going = [...status.values()].filter((s) => s === 'going').length
		const waiting = [...status.values()].filter((s) => s === 'waitlisted').length
		expect(going).toBeLessThanOrEqual(CAPACITY)
		if (waiting > 0) expect(going).toBe(CAPACITY)
	}
	for (const [n, row] of rows.entries()) {
		status.set(row.entityId!, (row.data.after as { status: RsvpState }).status)
		// A transaction ends where the next answer begins.
		if (rows[n + 1]?.action !== 'sharing.rsvp.promote') check()
	}
	return status
}

test('five people answer "going" at the same instant for two seats: exactly two go, three wait in line', { timeout: 90_000 }, async () => {
	const { file, user, session } = await setUp()
	const PEOPLE = 5
	const people: number[] = []
	for (let k = 0; k < PEOPLE; k++) people.push(await user(`抢座者${k}`))
	const sessions: number[] = []
	for (let n = 0; n < ROUNDS; n++) sessions.push(session(`第 ${n} 轮`))
	const rounds = sessions.map((sessionId) => people.map((userId) => ({ sessionId, userId, answer: 'going' as const })))

	const results = await race(file, rounds)
	for (const [n, outcomes] of results.entries()) {
		const sessionId = sessions[n]!
		expect(outcomes.every((o) => o.ok), `round ${n}`).toBe(true)
		const ok = outcomes.filter((o) => o.ok)
		expect(ok.filter((o) => o.status === 'going'), `round ${n}`).toHaveLength(CAPACITY)
		const waiting = ok.filter((o) => o.status === 'waitlisted')
		expect(waiting, `round ${n}`).toHaveLength(PEOPLE - CAPACITY)
		expect(countOf(sessionId, 'going'), `round ${n}`).toBe(CAPACITY)
		expect(countOf(sessionId, 'waitlisted'), `round ${n}`).toBe(PEOPLE - CAPACITY)
		// The queue is a line: positions 1, 2, 3, each taken once, as stored.
		const positions = people.map((userId) => waitlistPosition(sessionId, userId)).filter((p) => p !== null)
		expect(positions.sort(), `round ${n}`).toEqual([1, 2, 3])
		replayHolds(sessionId)
	}
	expect(auditsLike('sharing.rsvp.respond')).toHaveLength(ROUNDS * PEOPLE)
	expect(auditsLike('sharing.rsvp.promote')).toHaveLength(0)
})

test('a decline racing new answers never leaves more going than seats, nor a free seat while someone waits', { timeout: 90_000 }, async () => {
	const { file, user, session, answered } = await setUp()
	const [leaver, stayer, waiter, ...newcomers] = [await user('退出者'), await user('留下者'), await user('候补者'), await user('新人甲'), await user('新人乙'), await user('新人丙')]
	const sessions: number[] = []
	for (let n = 0; n < ROUNDS; n++) {
		const sessionId = session(`第 ${n} 轮`)
		answered(sessionId, leaver, 'going', 1)
		answered(sessionId, stayer, 'going', 2)
		// Every other round someone is already waiting (longer than any newcomer).
		if (n % 2 === 0) expect(answered(sessionId, waiter, 'going', 3)).toBe('waitlisted')
		sessions.push(sessionId)
	}
	const rounds = sessions.map((sessionId) => [
		{ sessionId, userId: leaver, answer: 'declined' as const },
		...newcomers.map((userId) => ({ sessionId, userId, answer: 'going' as const })),
	])

	const results = await race(file, rounds)
	for (const [n, outcomes] of results.entries()) {
		const sessionId = sessions[n]!
		expect(outcomes.every((o) => o.ok), `round ${n}`).toBe(true)
		expect(outcomes[0], `round ${n}`).toMatchObject({ ok: true, status: 'declined' })
		const statuses = statusesOf(sessionId)
		const waiting = [...statuses.values()].filter((s) => s === 'waitlisted').length
		expect(countOf(sessionId, 'going'), `round ${n}`).toBe(CAPACITY)
		expect(statuses.get(leaver), `round ${n}`).toBe('declined')
		expect(statuses.get(stayer), `round ${n}`).toBe('going')
		if (n % 2 === 0) {
			// The person waiting longest gets the freed seat, whoever's answer landed first; the newcomers queue.
			expect(statuses.get(waiter), `round ${n}`).toBe('going')
			expect(newcomers.map((u) => statuses.get(u)), `round ${n}`).toEqual(['waitlisted', 'waitlisted', 'waitlisted'])
		} else {
			// One newcomer has the seat (taken while free, or promoted if they had queued before the decline).
			expect(newcomers.filter((u) => statuses.get(u) === 'going'), `round ${n}`).toHaveLength(1)
			expect(waiting, `round ${n}`).toBe(2)
		}
		const replayed = replayHolds(sessionId)
		expect(new Map([...replayed].map(([key, s]) => [Number(key.split(':')[1]), s])), `round ${n}`).toEqual(statuses)
	}
})
