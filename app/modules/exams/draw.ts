import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

type Rng = ReturnType<typeof xoroshiro128plus>

export type DrawableQuestion = { key: string; topic: string; type: string; optionKeys: string[] }
export type DrawnQuestion = { key: string; options: Array<{ id: string; key: string }> }

/** A fresh seed for an attempt: any 32-bit integer. */
export function newSeed(random: () => number = Math.random): number {
	return Math.floor(random() * 0x1_0000_0000) - 0x8000_0000
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
	const out = [...items]
	for (let i = out.length - 1; i > 0; i--) {
		const j = uniformInt(rng, 0, i)
		;[out[i], out[j]] = [out[j]!, out[i]!]
	}
	return out
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

function opaqueId(rng: Rng): string {
	let id = ''
	for (let i = 0; i < 8; i++) id += ALPHABET[uniformInt(rng, 0, ALPHABET.length - 1)]
	return id
}

/**
 * Draws one attempt's questions: each topic's quota from that topic's whole pool (questions the
 * person has not yet seen first, so retakes vary, but the pool never shrinks below the quota),
 * then the questions and each question's options are shuffled and the options get ids that mean
 * nothing outside this attempt. The same seed and inputs give the same attempt.
 */
export function drawAttempt(
	questions: readonly DrawableQuestion[],
	quotas: ReadonlyArray<{ code: string; draw: number }>,
	seed: number,
	seen: ReadonlySet<string> = new Set(),
): DrawnQuestion[] {
	const rng = xoroshiro128plus(seed)
	const picked: DrawableQuestion[] = []
	for (const { code, draw } of quotas) {
		const pool = shuffle(
			rng,
			questions.filter((q) => q.topic === code),
		)
		if (pool.length < draw) throw new Error(`Topic "${code}" has ${pool.length} questions; the exam draws ${draw}`)
		const fresh = pool.filter((q) => !seen.has(q.key))
		const again = pool.filter((q) => seen.has(q.key))
		picked.push(...[...fresh, ...again].slice(0, draw))
	}
	const used = new Set<string>()
	return shuffle(rng, picked).map((q) => {
		const keys = q.type === 'true_false' ? q.optionKeys : shuffle(rng, q.optionKeys)
		return {
			key: q.key,
			options: keys.map((key) => {
				let id = opaqueId(rng)
				while (used.has(id)) id = opaqueId(rng)
				used.add(id)
				return { id, key }
			}),
		}
	})
}
