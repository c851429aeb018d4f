import { sql } from 'drizzle-orm'
import type { Statement } from 'better-sqlite3'
import { getDb, prepared, type Tx } from '#db/client.server.ts'
import type { PositionType } from '#db/schema/auth.ts'
import { boards, cohorts, leaderboardStale, type Board, type Cohort } from '#db/schema/gamification.ts'
import { ensureFresh } from '#app/modules/performance/scores.server.ts'
import { addDays, isClosed, monthOf, periodRange, previousPeriod, shiftPeriod, type Period } from '#app/modules/performance/periods.ts'
import { tenureMonths } from '#app/modules/learning/tier.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { BOARD_TOP, BOARDS, boardPeriods, COHORTS, cohortAt, parseBoardFilters, type BoardOption, type CohortOption, type ScopeOption } from './leaderboard-filters.ts'
import { rankMovement, visibleRows } from './ranking.ts'

/**
 * Stored leaderboards (ADR 010, 销售龙虎榜). A board-period's entries are rebuilt in one set-based
 * statement (values, the cohort at the period's end, the competition rank per position type and
 * cohort, last period's rank) whenever the board is marked stale or has never been built; reads only
 * ever touch the stored entries, so a page view costs a few index lookups whatever the number of
 * records. Staleness: KPI and revenue boards are marked with the stored scores (stale.server.ts), the
 * points board by `awardPoints`; a rebuilt period marks the next one stale, whose movement depends on it.
 */

/** A prepared statement on the current connection (inside a transaction it is the same connection). */
function stmt(text: string): Statement {
	return prepared(text, (d) => d.$client.prepare(text))
}

/** The latest hire date with at least `months` completed months on `onDate` (tenureMonths never rises as the hire date moves later). */
function latestHireWith(months: number, onDate: string): string {
	const [y, m, d] = onDate.split('-').map(Number) as [number, number, number]
	const index = y * 12 + (m - 1) - months
	// A few days past the same day-of-month `months` earlier, then back until the tenure is reached.
	let candidate = addDays(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, Math.min(d, 28) + 3)
	while (tenureMonths(candidate, onDate) < months) candidate = addDays(candidate, -1)
	return candidate
}

/**
 * The tenure cohort on `onDate` (tenureMonths + tierByTenure in learning/tier.ts: new < 3 months,
 * intermediate 3–12, core ≥ 12) as two hire-date boundaries, so SQL sorts 10,000 people into cohorts
 * by comparing strings. Use with `cohortSql`.
 */
export function cohortBounds(onDate: string): { newAfter: string; coreUpTo: string } {
	return { newAfter: latestHireWith(3, onDate), coreUpTo: latestHireWith(12, onDate) }
}

/** SQL for the cohort of `hireDate` given the `@newAfter` and `@coreUpTo` parameters of `cohortBounds`. */
export function cohortSql(hireDate: string): string {
	return `case when ${hireDate} > @newAfter then 'new' when ${hireDate} > @coreUpTo then 'intermediate' else 'core' end`
}

// ---------------------------------------------------------------------------------------------
// Staleness

/** Marks the KPI and revenue boards of these periods stale (called wherever stored scores go stale). */
export function markKpiBoardsStale(tx: Tx, periods: Iterable<Period>) {
	const since = now()
	const rows = [...periods].flatMap((period) => (['kpi', 'revenue'] as const).map((board) => ({ board, period, since })))
	if (rows.length === 0) return
	tx.insert(leaderboardStale).values(rows).onConflictDoNothing().run()
}

/** Every stored KPI and revenue board period (a template or indicator change touches them all). */
export function markAllKpiBoardsStale(tx: Tx) {
	tx.run(
		sql`insert or ignore into leaderboard_stale (board, period, since)
		    select distinct board, period, ${now().getTime()} from leaderboard_entries where board in ('kpi', 'revenue')`,
	)
}

function isStale(board: Board, period: Period): boolean {
	return stmt(`select 1 from leaderboard_stale where board = ? and period = ?`).get(board, period) !== undefined
}

function hasEntries(board: Board, period: Period): boolean {
	return stmt(`select 1 from leaderboard_entries where board = ? and period = ? limit 1`).get(board, period) !== undefined
}

/**
 * Whether a never-built board-period has anything to show: this is what stops the walk back through
 * earlier periods (each period's movement needs the one before it built first).
 */
function hasSourceData(board: Board, period: Period): boolean {
	const { from, to } = periodRange(period)
	if (board === 'points') return stmt(`select 1 from points_ledger where day between ? and ? and points > 0 limit 1`).get(from, to) !== undefined
	if (board === 'revenue')
		return (
			stmt(`select 1 from kpi_records where indicator_id = (select id from indicators where code = 'revenue') and date between ? and ? limit 1`).get(
				from,
				to,
			) !== undefined
		)
	ensureFresh(period)
	return stmt(`select 1 from kpi_scores where period = ? and weighted_score is not null limit 1`).get(period) !== undefined
}

function needsRecompute(board: Board, period: Period): boolean {
	if (isStale(board, period) || isStale(board, previousPeriod(period))) return true
	return !hasEntries(board, period) && hasSourceData(board, period)
}

/** Rebuilds the board-period when it is stale, its previous period is, or it was never built; cheap otherwise. */
export function ensureBoardFresh(board: Board, period: Period) {
	if (needsRecompute(board, period)) recomputeBoard(board, period)
}

// ---------------------------------------------------------------------------------------------
// Recompute

const PEOPLE = `people as (
	select u.id, u.position_type as pt, u.team_id as team, t.region_id as region, ${cohortSql('u.hire_date')} as cohort
	from users u left join teams t on t.id = u.team_id
	where u.deactivated_at is null and u.position_type is not null and u.hire_date <= @end
)`

/** Per board: the `vals` CTE — one row per person on the board with `value` and `disputed`. */
const VALUES: Record<Board, string> = {
	// The stored weighted score (disputed records are already out of it); people without one are left off.
	kpi: `vals as (
		select p.*, s.weighted_score as value, coalesce(d.n, 0) as disputed
		from people p join kpi_scores s on s.user_id = p.id and s.period = @period
		left join (
			-- A plain scan: on a large table it beats the date index, whose row lookups land all over the file.
			select user_id, count(*) as n from kpi_records where date between @from and @to and status = 'disputed' group by user_id
		) d on d.user_id = p.id
		where s.weighted_score is not null
	)`,
	// Sales reps with revenue records in the period: the valid ones summed, the disputed ones counted.
	revenue: `vals as (
		select p.*, r.value, r.disputed
		from people p join (
			select user_id, coalesce(sum(case when status = 'valid' then value end), 0) as value, sum(status = 'disputed') as disputed
			from kpi_records
			where indicator_id = (select id from indicators where code = 'revenue') and date between @from and @to
			group by user_id
		) r on r.user_id = p.id
		where p.pt = 'sales_rep'
	)`,
	// Points earned on days in the period, by people who earned some (nobody is listed at the bottom with 0).
	points: `vals as (
		select p.*, l.value, 0 as disputed
		from people p join (
			select user_id, sum(points) as value from points_ledger where day between @from and @to group by user_id having sum(points) > 0
		) l on l.user_id = p.id
	)`,
}

/** The board as it should be, computed into a scratch table (one row per person; the connection's temp schema). */
function computeSql(board: Board) {
	return `insert into temp.leaderboard_next (user_id, value, position_type, cohort, team_id, region_id, rank, previous_rank, disputed)
		with ${PEOPLE}, ${VALUES[board]}
		select v.id, v.value, v.pt, v.cohort, v.team, v.region,
		       rank() over (partition by v.pt, v.cohort order by v.value desc),
		       prev.rank, v.disputed
		from vals v
		left join leaderboard_entries prev
		  on prev.board = '${board}' and prev.period = @prev and prev.user_id = v.id and prev.position_type = v.pt and prev.cohort = v.cohort`
}

const COLUMNS_SET = ['value', 'position_type', 'cohort', 'team_id', 'region_id', 'rank', 'previous_rank', 'disputed'] as const

/**
 * Writes the computed board over the stored one: people no longer on it are deleted, the rest upserted,
 * and a row whose figures did not change is not written at all — so a recompute after a change costs
 * the rows that moved, not a rewrite of every row and all four of the table's b-trees.
 */
const MERGE_SQL = `insert into leaderboard_entries (board, period, user_id, ${COLUMNS_SET.join(', ')})
	select @board, @period, user_id, ${COLUMNS_SET.join(', ')} from temp.leaderboard_next where true
	on conflict (board, period, user_id) do update set ${COLUMNS_SET.map((c) => `${c} = excluded.${c}`).join(', ')}
	where ${COLUMNS_SET.map((c) => `leaderboard_entries.${c} is not excluded.${c}`).join(' or ')}`

const scratchReady = new WeakSet<object>()

/** The per-connection scratch table the recompute fills (temp: never written to the database file). */
function ensureScratch() {
	const db = getDb()
	if (scratchReady.has(db)) return
	db.$client.exec(
		`create temp table if not exists leaderboard_next (
			user_id integer primary key, value real not null, position_type text not null, cohort text not null,
			team_id integer, region_id integer, rank integer not null, previous_rank integer, disputed integer not null)`,
	)
	scratchReady.add(db)
}

/**
 * Rebuilds one board-period in one immediate transaction: the KPI board's stored scores and the
 * previous period's board are made fresh first (nested, as savepoints); then the whole board is
 * computed by one `insert … select` with `rank() over (partition by position type, cohort)` and
 * merged into the stored entries. Returns the number of entries.
 */
export function recomputeBoard(board: Board, period: Period): number {
	ensureScratch()
	return getDb().transaction(
		() => {
			if (board === 'kpi') ensureFresh(period)
			const prev = previousPeriod(period)
			ensureBoardFresh(board, prev)
			const { from, to } = periodRange(period)
			stmt(`delete from temp.leaderboard_next`).run()
			const { changes } = stmt(computeSql(board)).run({ period, prev, from, to, end: to, ...cohortBounds(to) })
			stmt(
				`delete from leaderboard_entries where board = ? and period = ? and user_id not in (select user_id from temp.leaderboard_next)`,
			).run(board, period)
			stmt(MERGE_SQL).run({ board, period })
			stmt(`delete from temp.leaderboard_next`).run()
			stmt(`delete from leaderboard_stale where board = ? and period = ?`).run(board, period)
			// The next period's movement was measured against the rows just replaced.
			const next = shiftPeriod(period, -1)
			stmt(
				`insert or ignore into leaderboard_stale (board, period, since)
				 select ?, ?, ? where exists (select 1 from leaderboard_entries where board = ? and period = ?)`,
			).run(board, next, now().getTime(), board, next)
			return changes
		},
		{ behavior: 'immediate' },
	)
}

// ---------------------------------------------------------------------------------------------
// Reads

export type Scope = ScopeOption

// The pure filter lists mirror the schema's; these fail to compile if they drift apart.
const _listsAgree: [readonly Board[], readonly BoardOption[], readonly Cohort[], readonly CohortOption[]] = [BOARDS, boards, COHORTS, cohorts]

export type BoardRow = {
	userId: number
	name: string
	teamId: number | null
	teamZh: string | null
	teamEn: string | null
	value: number
	rank: number
	previousRank: number | null
	/** Places moved since the previous period (positive is up); null when not ranked then. */
	movement: number | null
}

export type BoardQuery = {
	board: Board
	period: Period
	scope: Scope
	/** The team (scope team) or region (scope region) to show; ignored for the company. */
	scopeId?: number | null
	positionType: 'all' | PositionType
	cohort: 'all' | Cohort
	viewerId: number
	top?: number
	around?: number
}

export type BoardView = {
	head: BoardRow[]
	/** The viewer and their neighbours, when the viewer is below the top N. */
	tail: BoardRow[]
	/** The viewer's row under these filters; null when they are not on this board or outside the filter. */
	viewer: BoardRow | null
	/** People ranked under these filters. */
	total: number
	/** The viewer is on the board in this period at all (maybe under other filters). */
	viewerOnBoard: boolean
	/** Records of the viewer's left out of this board because they are disputed. */
	viewerDisputed: number
	/** Ranks are the stored ones (the filters are the stored partition) rather than ranked for this view. */
	stored: boolean
}

type Raw = Omit<BoardRow, 'movement'>

const toRow = (r: Raw): BoardRow => ({ ...r, movement: rankMovement(r.rank, r.previousRank) })

const COLUMNS = `e.user_id as userId, u.name, e.team_id as teamId, t.name_zh as teamZh, t.name_en as teamEn, e.value, e.rank, e.previous_rank as previousRank`
const JOINS = `join users u on u.id = e.user_id left join teams t on t.id = e.team_id`
const PARTITION = `e.board = ? and e.period = ? and e.position_type = ? and e.cohort = ?`

type OwnEntry = { positionType: PositionType; cohort: Cohort; rank: number; previousRank: number | null; disputed: number; row: number }

function ownEntry(board: Board, period: Period, userId: number): OwnEntry | undefined {
	return stmt(
		`select position_type as positionType, cohort, rank, previous_rank as previousRank, disputed, rowid as row
		 from leaderboard_entries where board = ? and period = ? and user_id = ?`,
	).get(board, period, userId) as OwnEntry | undefined
}

/**
 * How many people a stored partition ranks, from its index alone: the last rank, plus the others
 * tied at it (competition ranks: n − 1 people come before rank n). No count over the partition.
 */
function partitionSize(board: Board, period: Period, positionType: PositionType, cohort: Cohort): number {
	const key = [board, period, positionType, cohort] as const
	const last = (stmt(`select max(e.rank) as r from leaderboard_entries e where ${PARTITION}`).get(...key) as { r: number | null }).r
	if (last === null) return 0
	return last - 1 + (stmt(`select count(*) as n from leaderboard_entries e where ${PARTITION} and e.rank = ?`).get(...key, last) as { n: number }).n
}

/**
 * The stored partition, by index only: the top N in (rank, rowid) order, and — when the viewer is below
 * it — the viewer and their neighbours found from their own rank (n − 1 people rank above rank n), so
 * a read never walks the partition however large it is.
 */
function readStored(q: Required<Pick<BoardQuery, 'board' | 'period' | 'viewerId' | 'top' | 'around'>> & { positionType: PositionType; cohort: Cohort }, own: OwnEntry | undefined) {
	const key = [q.board, q.period, q.positionType, q.cohort] as const
	const total = partitionSize(q.board, q.period, q.positionType, q.cohort)
	const head = stmt(`select ${COLUMNS} from leaderboard_entries e ${JOINS} where ${PARTITION} order by e.rank, e.rowid limit ?`).all(...key, q.top) as Raw[]
	if (!own || own.positionType !== q.positionType || own.cohort !== q.cohort) return { list: head, total }
	const tiedBefore = (stmt(`select count(*) as n from leaderboard_entries e where ${PARTITION} and e.rank = ? and e.rowid < ?`).get(...key, own.rank, own.row) as { n: number }).n
	const position = own.rank - 1 + tiedBefore
	if (position < q.top) return { list: head, total }
	const before = Math.min(q.around, position - q.top)
	const above = (
		stmt(`select ${COLUMNS} from leaderboard_entries e ${JOINS} where ${PARTITION} and (e.rank, e.rowid) < (?, ?) order by e.rank desc, e.rowid desc limit ?`).all(
			...key,
			own.rank,
			own.row,
			before,
		) as Raw[]
	).reverse()
	const below = stmt(`select ${COLUMNS} from leaderboard_entries e ${JOINS} where ${PARTITION} and (e.rank, e.rowid) >= (?, ?) order by e.rank, e.rowid limit ?`).all(
		...key,
		own.rank,
		own.row,
		q.around + 1,
	) as Raw[]
	return { list: [...head, ...above, ...below], total }
}

/** Any other filter: ranks computed over the filtered stored rows (this period's and the previous one's). */
function readFiltered(q: Required<Omit<BoardQuery, 'scopeId'>> & { teamId: number | null; regionId: number | null }) {
	const filter = `e.board = @board and e.period = {period} and (@pt is null or e.position_type = @pt) and (@cohort is null or e.cohort = @cohort)
		and (@team is null or e.team_id = @team) and (@region is null or e.region_id = @region)`
	const rows = stmt(
		`with f as materialized (
			select e.user_id, e.value, e.team_id, rank() over (order by e.value desc) as rank, row_number() over (order by e.value desc, e.user_id) as n
			from leaderboard_entries e where ${filter.replace('{period}', '@period')}
		), p as (
			select e.user_id, rank() over (order by e.value desc) as rank from leaderboard_entries e where ${filter.replace('{period}', '@prev')}
		), me as (select n from f where user_id = @viewer)
		select f.user_id as userId, u.name, f.team_id as teamId, t.name_zh as teamZh, t.name_en as teamEn, f.value, f.rank, p.rank as previousRank,
		       (select count(*) from f) as total
		from f join users u on u.id = f.user_id left join teams t on t.id = f.team_id left join p on p.user_id = f.user_id
		where f.n <= @top or f.n between (select n from me) - @around and (select n from me) + @around
		order by f.n`,
	).all({
		board: q.board,
		period: q.period,
		prev: previousPeriod(q.period),
		pt: q.positionType === 'all' ? null : q.positionType,
		cohort: q.cohort === 'all' ? null : q.cohort,
		team: q.scope === 'team' ? q.teamId : null,
		region: q.scope === 'region' ? q.regionId : null,
		viewer: q.viewerId,
		top: q.top,
		around: q.around,
	}) as Array<Raw & { total: number }>
	return { list: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 }
}

/**
 * A board as a person sees it: the top N and — when they are below it — their own row with neighbours,
 * from the stored entries only. The stored partition (company, one position type, one cohort) uses
 * the stored ranks and movement; any other filter ranks the filtered stored rows (and the previous
 * period's, for movement) with a window function.
 */
export function readBoard(query: BoardQuery): BoardView {
	const { board, period, viewerId, top = 10, around = 2 } = query
	ensureBoardFresh(board, period)
	const own = ownEntry(board, period, viewerId)
	const stored = query.scope === 'company' && query.positionType !== 'all' && query.cohort !== 'all'
	let list: Raw[]
	let total: number
	if (stored) ({ list, total } = readStored({ board, period, viewerId, top, around, positionType: query.positionType as PositionType, cohort: query.cohort as Cohort }, own))
	else if (query.scope !== 'company' && !query.scopeId) ({ list, total } = { list: [], total: 0 })
	else
		({ list, total } = readFiltered({
			board,
			period,
			viewerId,
			top,
			around,
			scope: query.scope,
			positionType: query.positionType,
			cohort: query.cohort,
			teamId: query.scope === 'team' ? (query.scopeId ?? null) : null,
			regionId: query.scope === 'region' ? (query.scopeId ?? null) : null,
		}))
	const rows = list.map(toRow)
	const { head, tail } = visibleRows(rows, viewerId, top, around)
	return {
		head,
		tail,
		viewer: rows.find((r) => r.userId === viewerId) ?? null,
		total,
		viewerOnBoard: own !== undefined,
		viewerDisputed: own?.disputed ?? 0,
		stored,
	}
}

/** The person's own team or region id (what scope team/region shows them). */
export function ownScopeId(userId: number, scope: Scope): number | null {
	if (scope === 'company') return null
	const row = stmt(`select u.team_id as teamId, t.region_id as regionId from users u left join teams t on t.id = u.team_id where u.id = ?`).get(userId) as
		| { teamId: number | null; regionId: number | null }
		| undefined
	return (scope === 'team' ? row?.teamId : row?.regionId) ?? null
}

/** The viewer's stored place on a board: their position type and cohort as stored for that period. */
export function storedRank(board: Board, period: Period, userId: number) {
	const own = ownEntry(board, period, userId)
	if (!own) return null
	const { rank, previousRank } = own
	const total = partitionSize(board, period, own.positionType, own.cohort)
	return { board, period, rank, previousRank, movement: rankMovement(rank, previousRank), total, positionType: own.positionType, cohort: own.cohort }
}

export type MyRank = NonNullable<ReturnType<typeof storedRank>>

/**
 * For home: the person's stored rank on the KPI and points boards this month, or last month (closed)
 * when they have no place yet this month; with movement and how many share their board.
 */
export function myRanks(userId: number, today = businessDate(now())): { kpi: MyRank | null; points: MyRank | null } {
	const month = monthOf(today)
	const lastClosed = previousPeriod(month)
	const rankOn = (board: Board) => {
		for (const period of [month, lastClosed]) {
			ensureBoardFresh(board, period)
			const rank = storedRank(board, period, userId)
			if (rank) return rank
		}
		return null
	}
	return { kpi: rankOn('kpi'), points: rankOn('points') }
}


// ---------------------------------------------------------------------------------------------
// The page

type Named = { id: number; nameZh: string; nameEn: string }

/** Teams and regions HR may pick for the team / region scope. */
export function scopeOptions(): { teams: Named[]; regions: Named[] } {
	return {
		teams: stmt(`select id, name_zh as nameZh, name_en as nameEn from teams order by name_zh, id`).all() as Named[],
		regions: stmt(`select id, name_zh as nameZh, name_en as nameEn from regions order by name_zh, id`).all() as Named[],
	}
}

function scopeName(scope: Scope, scopeId: number | null): Named | null {
	if (scope === 'company' || scopeId === null) return null
	const table = scope === 'team' ? 'teams' : 'regions'
	return (stmt(`select id, name_zh as nameZh, name_en as nameEn from ${table} where id = ?`).get(scopeId) as Named | undefined) ?? null
}

export type PageViewer = { id: number; positionType: PositionType | null; hireDate: string; roles: readonly string[] }

/**
 * /leaderboard for a person: the filters from the query (defaults: their own position type and cohort,
 * company-wide, the KPI board, the last closed month), the board as they see it, and the choices.
 * Team / region scope is their own team or region; HR may pick any.
 */
export function leaderboardPage(viewer: PageViewer, params: URLSearchParams, today = businessDate(now())) {
	const isHr = viewer.roles.includes('hr_admin')
	const { filters, notice } = parseBoardFilters(params, { today, viewer, canChooseScope: isHr })
	const scopeId = filters.scope === 'company' ? null : (filters.scopeId ?? ownScopeId(viewer.id, filters.scope))
	const view = readBoard({ ...filters, scopeId, viewerId: viewer.id, top: BOARD_TOP })
	return {
		filters: { ...filters, scopeId },
		notice,
		view,
		top: BOARD_TOP,
		periods: boardPeriods(today, filters.period),
		scopeOptions: isHr ? scopeOptions() : null,
		scopeName: scopeName(filters.scope, scopeId),
		viewer: { positionType: viewer.positionType, cohort: viewer.positionType ? cohortAt(viewer.hireDate, filters.period) : null },
		inProgress: !isClosed(filters.period, today),
	}
}
