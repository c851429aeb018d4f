import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { getDb } from '#db/client.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { parseUserCsv, type ImportProblem } from './user-import.ts'
import { findUserByEmail, insertUser, listTeams } from './users.server.ts'

export type ImportOutcome = { ok: true; count: number } | { ok: false; problems: ImportProblem[] }

/**
 * All or nothing: the whole file is checked first and any problem means no row is written. The
 * people arrive without a password; HR sets one on the edit page before they can log in.
 */
export function importUsers(bytes: Uint8Array, actorId: number): ImportOutcome {
	const { rows, problems } = parseUserCsv(bytes, {
		teams: listTeams(),
		today: businessDate(now()),
		isEmailTaken: (email) => findUserByEmail(email) !== undefined,
	})
	if (problems.length > 0) return { ok: false, problems }

	getDb().transaction((tx) => {
		for (const row of rows) {
			insertUser(
				{
					email: row.email,
					name: row.name,
					positionType: row.positionType,
					teamId: row.teamId,
					hireDate: row.hireDate,
					roles: row.roles,
					passwordHash: null,
				},
				actorId,
				tx,
			)
		}
		recordAudit(tx, {
			actorId,
			action: 'user.import',
			entity: 'user',
			data: { count: rows.length, sha256: encodeHexLowerCase(sha256(bytes)) },
		})
	})
	return { ok: true, count: rows.length }
}
