import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { closeDatabase, getDb, openDatabase, setDatabase } from '#db/client.server.ts'
import { mentorPairings } from '#db/schema/mentoring.ts'
import { createPairing, runningCountOf, type Viewer } from '#app/modules/mentoring/pairings.server.ts'
import { MENTOR_CAPACITY_DEFAULT } from '#app/modules/mentoring/rules.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike, indicatorId } from '#test/integration/performance/helpers.ts'
import { raceSide } from '#test/helpers/race.ts'

/*
 * “Two pairings for the last slot → one.” createPairing checks capacity and the mentee's other pairings
 * in an immediate transaction, and the triggers of migration 0008 check them again on insert. Two OS
 * processes (test/fixtures/mentoring/race-pair.ts), each with its own connection to the same file, are
 * released at the same instant, round after round: in each round exactly one pairing may win.
 */

const TEMPLATE_DB = path.resolve('test/.tmp/template.db')
const STARTS_ON = '2026-11-27'
const ROUNDS = 8
const GAP_MS = 150

type Pair = { mentorId: number; menteeId: number }
type Outcome = { ok: true; pairingId: number } | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] }
/** `startedAt`: when the call began (ms since the epoch, sub-millisecond); `ms`: how long it took. */
type Line = { round: number; outcome: Outcome; startedAt: number; ms: number }

let dir = ''
const children: ChildProcess[] = []

afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
	closeDatabase()
	setClock(undefined)
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Starts one side (test/helpers/race.ts). */
const side = (env: Record<string, string>) => raceSide<Line>('test/fixtures/mentoring/race-pair.ts', { ...env }, children)

/** Runs both sides over the same rounds (side one's pair and side two's pair per round); their outcomes by round. */
async function race(file: string, hrId: number, rounds: ReadonlyArray<[Pair, Pair]>) {
	const startFile = path.join(dir, 'start')
	const common = { DATABASE_PATH: file, RACE_START: startFile, RACE_ACTOR: String(hrId), RACE_STARTS_ON: STARTS_ON, RACE_FOCUS: String(indicatorId('weekly_visits')), RACE_GAP_MS: String(GAP_MS) }
	closeDatabase()
	const one = side({ ...common, RACE_PAIRS: JSON.stringify(rounds.map(([pair]) => pair)) })
	const two = side({ ...common, RACE_PAIRS: JSON.stringify(rounds.map(([, pair]) => pair)) })
	await Promise.all([one.ready, two.ready])
	// Written whole, then renamed: a side never reads a half-written instant.
	fs.writeFileSync(`${startFile}.tmp`, String(Date.now() + 300))
	fs.renameSync(`${startFile}.tmp`, startFile)
	const [a, b] = await Promise.all([one.done, two.done])
	setDatabase(openDatabase(file))
	expect(a).toHaveLength(rounds.length)
	expect(b).toHaveLength(rounds.length)
	// The race was real when, in some round, one call began before the other had returned.
	const overlapping = rounds.filter((_, n) => {
		const [x, y] = [a[n]!, b[n]!].sort((p, q) => p.startedAt - q.startedAt)
		return y!.startedAt < x!.startedAt + x!.ms
	}).length
	expect(overlapping).toBeGreaterThan(0)
	return rounds.map((_, n) => [a[n]!.outcome, b[n]!.outcome] as const)
}

async function setUp() {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-pairing-race-'))
	const file = path.join(dir, 'race.db')
	fs.copyFileSync(TEMPLATE_DB, file)
	setDatabase(openDatabase(file))
	setClock(new Date('2026-11-27T04:00:00Z'))
	const { id: hrId } = await createTestUser({ roles: ['hr_admin'], positionType: null, password: null })
	const hr: Viewer = { id: hrId, roles: ['staff', 'hr_admin'] }
	const user = async (name: string, mentor = false) => (await createTestUser({ name, roles: mentor ? ['mentor'] : [], password: null })).id
	const pair = (mentorId: number, menteeId: number) => {
		const result = createPairing({ mentorId, menteeId, startsOn: STARTS_ON, endsOn: null, focus: [{ indicatorId: indicatorId('weekly_visits'), fromValue: null, toValue: null, dueOn: null }] }, hr)
		if (!result.ok) throw new Error(`setup pairing refused: ${JSON.stringify(result)}`)
	}
	return { file, hrId, user, pair }
}

const winners = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.ok).length

test('two pairings for a mentor’s last slot: exactly one wins, the other gets the capacity refusal', { timeout: 60_000 }, async () => {
	const { file, hrId, user, pair } = await setUp()
	// Each round: a mentor with two running mentees (capacity 3, one slot left) and two new mentees.
	const rounds: Array<[Pair, Pair]> = []
	for (let n = 0; n < ROUNDS; n++) {
		const mentorId = await user(`导师${n}`, true)
		for (const k of [1, 2]) pair(mentorId, await user(`在带学员${n}-${k}`))
		rounds.push([
			{ mentorId, menteeId: await user(`甲${n}`) },
			{ mentorId, menteeId: await user(`乙${n}`) },
		])
	}
	const results = await race(file, hrId, rounds)
	for (const [n, outcomes] of results.entries()) {
		expect(winners(outcomes), `round ${n}`).toBe(1)
		expect(outcomes.find((o) => !o.ok), `round ${n}`).toEqual({
			ok: false,
			fieldErrors: { mentorId: [`mentoring.errors.capacityFull?capacity=${MENTOR_CAPACITY_DEFAULT}`] },
			formErrors: [],
		})
		const mentorId = rounds[n]![0].mentorId
		expect(runningCountOf(mentorId, STARTS_ON), `round ${n}`).toBe(MENTOR_CAPACITY_DEFAULT)
	}
	// One audit row per pairing that exists: the loser wrote nothing.
	expect(auditsLike('mentoring.pairing.create')).toHaveLength(ROUNDS * 3)
})

test('one mentee, two mentors at the same instant: one pairing', { timeout: 60_000 }, async () => {
	const { file, hrId, user } = await setUp()
	const rounds: Array<[Pair, Pair]> = []
	for (let n = 0; n < ROUNDS; n++) {
		const menteeId = await user(`学员${n}`)
		rounds.push([
			{ mentorId: await user(`东导师${n}`, true), menteeId },
			{ mentorId: await user(`南导师${n}`, true), menteeId },
		])
	}
	const results = await race(file, hrId, rounds)
	for (const [n, outcomes] of results.entries()) {
		expect(winners(outcomes), `round ${n}`).toBe(1)
		expect(outcomes.find((o) => !o.ok), `round ${n}`).toEqual({ ok: false, fieldErrors: { menteeId: ['mentoring.errors.alreadyPaired'] }, formErrors: [] })
		const menteeId = rounds[n]![0].menteeId
		expect(getDb().select().from(mentorPairings).where(eq(mentorPairings.menteeId, menteeId)).all(), `round ${n}`).toHaveLength(1)
	}
	expect(getDb().select().from(mentorPairings).where(eq(mentorPairings.startsOn, STARTS_ON)).all()).toHaveLength(ROUNDS)
	expect(auditsLike('mentoring.pairing.create')).toHaveLength(ROUNDS)
})
