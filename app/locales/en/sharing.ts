import type zh from '../zh-CN/sharing.ts'

const sharing: typeof zh = {
	errors: {
		required: 'Required',
		tooLong: 'Too long',
		date: 'Enter a valid date (YYYY-MM-DD)',
		time: 'Enter a time (HH:MM)',
		endBeforeStart: 'The end must be after the start',
		placeOrLink: 'Enter a place or a meeting link (at least one)',
		url: 'The meeting link must start with https://',
		capacity: 'Seats must be a whole number from 1 to 1000',
		capacityBelowGoing: '{{going}} people are already going; seats cannot be fewer',
		indicator: 'Choose valid indicators',
		rating: 'Rate from 1 to 5',
		code: 'The check-in code has 6 digits',
		wrongCode: 'That check-in code is not right',
		checkInClosed: 'Check-in is not open now (from 15 minutes before the start until the end)',
		notAttended: 'Only people who attended can leave feedback',
		cancelled: 'This session was cancelled',
		past: 'This session is over',
		person: 'No such person, or they have left',
		forbidden: 'You are not allowed to do this',
	},
}

export default sharing
