import type zh from '../zh-CN/mentoring.ts'

const mentoring: typeof zh = {
	errors: {
		required: 'Required',
		date: 'Enter a valid date (YYYY-MM-DD)',
		number: 'Enter a number of 0 or more',
		mentee: 'Choose a mentee',
		mentor: 'Choose a mentor (an active person with the mentor role)',
		self: 'Nobody can mentor themselves',
		menteeNotYours: 'You can only pair people on your own team',
		alreadyPaired: 'This person already has a mentor over these dates',
		capacityFull: 'This mentor is full (at most {{capacity}} mentees)',
		startTooEarly: 'The start cannot be more than a year ago',
		endBeforeStart: 'The end must be after the start',
		endInPast: 'The end must be after today',
		focusRequired: 'Choose at least one focus indicator',
		focusIndicator: 'Choose an indicator',
		focusTwice: 'Each indicator can be chosen once',
		goalIncomplete: 'A goal needs a from value, a to value and a due date',
		goalSame: 'The goal must differ from the starting value',
		goalBeforeStart: 'The due date must be after the pairing starts',
		goalAfterEnd: 'The due date cannot be after the pairing ends',
		kind: 'Choose the kind of coaching',
		future: 'The date cannot be in the future',
		beforePairing: 'The date cannot be before the pairing started',
		tooLong: 'Too long',
		rubric: 'Score every item from 1 to 5',
		item: 'Choose what to assign',
		alreadyAssigned: 'This has already been assigned',
		dueInPast: 'The due date cannot be in the past',
		dueAfterEnd: 'The due date cannot be after the pairing ends ({{date}})',
		capacity: 'Capacity must be a whole number from 0 to 20',
		forbidden: 'You are not allowed to do this',
		ended: 'This pairing has ended; nothing more can be logged',
	},
}

export default mentoring
