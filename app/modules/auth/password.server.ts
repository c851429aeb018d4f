import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'
import { checkPassword } from './password-policy.ts'

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

let common: Set<string> | undefined
function isCommon(candidate: string) {
	common ??= new Set(dictionary.passwords.map((p) => p.toLowerCase()))
	return common.has(candidate)
}

export function passwordProblem(password: string, email?: string) {
	return checkPassword(password, { email, isCommon })
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}

// Verifying against a real hash when the email is unknown keeps both answers equally slow.
let decoy: Promise<string> | undefined
export async function verifyDecoy(password: string) {
	decoy ??= hashPassword('decoy password that matches nothing')
	await verifyPassword(await decoy, password)
	return false
}
