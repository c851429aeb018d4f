/**
 * Integrity sanctions (ARCHITECTURE §4, ADR 007), pure. The source document: a first violation (data
 * fraud and the like) is a warning and a score deduction; a second one flags the person for dismissal.
 * The promotion rules read the recorded outcome.
 */
export type ViolationOutcome = 'warning' | 'dismissal'

/**
 * Points taken off the weighted score of the quarter (and month) the violation occurred in. Configurable:
 * change it here; violations already recorded keep the deduction they were recorded with.
 */
export const INTEGRITY_DEDUCTION = 10

/** The outcome of a person's n-th violation (1-based): the first is a warning, any later one dismissal. */
export function violationOutcome(ordinal: number): ViolationOutcome {
	if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError(`not a violation ordinal: ${ordinal}`)
	return ordinal === 1 ? 'warning' : 'dismissal'
}

/** What recording the n-th violation does: its outcome and the points it deducts (every violation deducts). */
export function violationConsequence(ordinal: number, deduction: number = INTEGRITY_DEDUCTION) {
	return { outcome: violationOutcome(ordinal), deduction }
}
