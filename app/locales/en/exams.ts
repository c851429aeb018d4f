import type zh from '../zh-CN/exams.ts'

type WithEnglishPlurals = typeof zh & {
	facts: { questions_one: string; minutes_one: string }
	rules: { timeLimit_one: string; questions_one: string; cooldownHours_one: string; cooldownMinutes_one: string }
}

const exams: WithEnglishPlurals = {
	title: 'Exams',
	intro: 'Exams by tier. Passing every required new-hire exam clears you for duty.',
	statistics: 'Exam statistics (pass rates, score distribution, per question)',
	examTitle: '{{title}} · Exams',
	tierHeading: '{{tier}} tier',
	tierClosed: 'Not open yet',
	tierEmpty: 'No exams in this tier yet.',
	backToList: 'All exams',
	badges: {
		closedBook: 'Closed book',
		openBook: 'Open book',
		requiredClearance: 'Required for new hires · cleared for duty',
		required: 'Required for the {{tier}} tier',
	},
	facts: {
		label: 'Exam facts',
		questions_one: '{{count}} question',
		questions_other: '{{count}} questions',
		minutes_one: '{{count}}-minute limit',
		minutes_other: '{{count}}-minute limit',
		passMark: 'Pass mark {{mark}}',
	},
	rules: {
		heading: 'Rules',
		timeLimit_one: 'You have {{count}} minute from the start; the exam is submitted automatically when time is up.',
		timeLimit_other: 'You have {{count}} minutes from the start; the exam is submitted automatically when time is up.',
		passMark: 'Scored out of 100; {{mark}} passes.',
		questions_one: '{{count}} question is drawn from the bank for each attempt, in a different order each time.',
		questions_other: '{{count}} questions are drawn from the bank for each attempt, with questions and options in a different order each time.',
		attempts: 'Up to {{max}} attempts; you have {{left}} left.',
		cooldownHours_one: 'After a failed attempt, wait {{count}} hour before trying again.',
		cooldownHours_other: 'After a failed attempt, wait {{count}} hours before trying again.',
		cooldownMinutes_one: 'After a failed attempt, wait {{count}} minute before trying again.',
		cooldownMinutes_other: 'After a failed attempt, wait {{count}} minutes before trying again.',
		noCooldown: 'After a failed attempt you may try again straight away.',
		closedBook: 'Closed book: the knowledge base and lessons are locked during the exam, until you submit or time runs out.',
		openBook: 'Open book: you may use the knowledge base and lessons during the exam.',
	},
	state: {
		label: 'Your status: ',
		ready: 'Ready · {{left}} of {{max}} attempts left',
		open: 'In progress, ends {{time}}',
		busy: 'Finish the exam you are taking first: {{title}}',
		passed: 'Passed · best score {{score}} · {{date}}',
		cooldown: 'Cooling down: you can retake it after {{time}}',
		noAttemptsLeft: 'No attempts left. Please contact your supervisor.',
		tierLocked: 'The {{tier}} tier is not open yet',
		tierOpensOn: 'Your tenure qualifies on {{date}}.',
		tierNeedsExams: 'Pass the required exams of the {{tier}} tier first.',
	},
	actions: {
		open: 'Read the rules and start',
		resume: 'Resume exam',
		result: 'See result',
		goToOpen: 'Go to the exam in progress',
		tracks: 'See training tracks',
	},
	start: {
		heading: 'Take the exam',
		submit: 'Start exam',
		confirmTrigger: 'Start exam',
		confirmTitle:
			'This is a closed-book exam: the clock starts at once, and the knowledge base and lessons are locked until you submit or time runs out. Start now?',
		confirmSubmit: 'Yes, start',
		started: 'Your exam has started. Good luck.',
	},
	refused: {
		tierLocked: 'This exam belongs to the {{tier}} tier, which is not open for you yet.',
		passed: 'You have already passed this exam; there is no need to retake it.',
		noAttemptsLeft: 'You have used all your attempts. Please contact your supervisor.',
		cooldown: 'A failed attempt needs a cooldown: you can retake it after {{time}}.',
	},
	history: {
		heading: 'My attempts',
		empty: 'No attempts yet.',
		number: 'Attempt',
		numberValue: 'No. {{number}}',
		started: 'Started',
		closed: 'Ended',
		closedBy: 'Ended by',
		closedBySubmit: 'Submitted',
		closedByDeadline: 'Time ran out',
		inProgress: 'In progress',
		score: 'Score',
		result: 'Result',
		passed: 'Passed',
		failed: 'Failed',
		focusLosses: 'Times away from the page',
		view: 'View',
		viewLabel: 'View attempt {{number}}',
	},
	locked: {
		title: 'Closed-book exam in progress',
		body: 'A closed-book exam is in progress: the knowledge base and lessons are unavailable until it ends.',
		exam: 'Exam in progress: {{title}}',
		endsAt: 'The exam ends at {{time}}.',
		back: 'Back to the exam',
	},
	focus: {
		banner: 'Exam in progress',
		back: 'Back to the exam',
	},
}

export default exams
