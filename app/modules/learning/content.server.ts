import { and, eq, notInArray } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { lessons, trackModules } from '#db/schema/learning.ts'
import type { Tier } from './tier.ts'

export type ModuleInput = Omit<typeof trackModules.$inferInsert, 'id'>
export type LessonInput = Omit<typeof lessons.$inferInsert, 'id' | 'moduleId'> & { moduleSlug: string }

/** Writes a tier's modules and lessons as the content sync found them; ids survive, so progress does. */
export function replaceTrack(tx: Tx, tier: Tier, modules: ModuleInput[], lessonInputs: LessonInput[], changed: Set<string>) {
	const moduleIds = new Map<string, number>()
	for (const m of modules) {
		const row = tx
			.insert(trackModules)
			.values(m)
			.onConflictDoUpdate({ target: [trackModules.tier, trackModules.slug], set: m })
			.returning({ id: trackModules.id })
			.get()
		moduleIds.set(m.slug, row.id)
	}
	const slugs = modules.map((m) => m.slug)
	tx.delete(trackModules)
		.where(and(eq(trackModules.tier, tier), slugs.length ? notInArray(trackModules.slug, slugs) : undefined))
		.run()
	for (const { moduleSlug, ...lesson } of lessonInputs) {
		const moduleId = moduleIds.get(moduleSlug)!
		if (!changed.has(lesson.slug)) {
			// Unchanged file: only where it sits may have moved.
			tx.update(lessons)
				.set({ moduleId })
				.where(and(eq(lessons.tier, tier), eq(lessons.slug, lesson.slug)))
				.run()
			continue
		}
		const values = { ...lesson, moduleId }
		tx.insert(lessons)
			.values(values)
			.onConflictDoUpdate({ target: [lessons.tier, lessons.slug], set: values })
			.run()
	}
	const lessonSlugs = lessonInputs.map((l) => l.slug)
	tx.delete(lessons)
		.where(and(eq(lessons.tier, tier), lessonSlugs.length ? notInArray(lessons.slug, lessonSlugs) : undefined))
		.run()
}
