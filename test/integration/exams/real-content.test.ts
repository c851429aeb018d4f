import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { examQuestions, exams } from '#db/schema/exams.ts'
import { lessons, trackModules } from '#db/schema/learning.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

const { db } = withFreshDatabase()

describe('the real tracks and exam banks', () => {
	test('every tier has at least 3 modules, at least 15 lessons compile, and the five banks load', async () => {
		const report = await syncContent({ root: 'content' })
		expect(report.lessons.compiled.length).toBeGreaterThanOrEqual(15)
		for (const tier of ['new', 'intermediate', 'core'] as const)
			expect(db().select().from(trackModules).where(eq(trackModules.tier, tier)).all().length).toBeGreaterThanOrEqual(3)
		for (const lesson of db().select().from(lessons).all()) expect(lesson.code).toContain('function')

		// The five banks: the product exam draws 20 of at least 40; each tier has its exams.
		const bySlug = new Map(db().select().from(exams).all().map((e) => [e.slug, e]))
		expect([...bySlug.keys()].sort()).toEqual(['company-processes', 'core-leadership', 'fabe-basics', 'objection-handling', 'product-knowledge'])
		const product = bySlug.get('product-knowledge')!
		expect(product).toMatchObject({ tier: 'new', closedBook: true, required: true, questionsPerAttempt: 20 })
		expect(db().select().from(examQuestions).where(eq(examQuestions.examId, product.id)).all().length).toBeGreaterThanOrEqual(40)
		expect(['company-processes', 'fabe-basics'].map((s) => bySlug.get(s)!.tier)).toEqual(['new', 'new'])
		expect(bySlug.get('objection-handling')!.tier).toBe('intermediate')
		expect(bySlug.get('core-leadership')!.tier).toBe('core')
	})
})
