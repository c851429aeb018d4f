import type zh from '../zh-CN/leaderboard.ts'

/** English adds the `_one` plural forms Chinese does not need. */
type En = typeof zh & {
	movement: { up_one: string; down_one: string }
	pointsValue_one: string
	mine: { up_one: string; down_one: string; disputed_one: string }
	honours: {
		hidden_one: string
		evidence: { best_newcomer_one: string; fastest_improver_one: string; high_value_account_one: string; visit_champion_one: string; gold_mentor_one: string }
	}
}

const leaderboard: En = {
	metaTitle: 'Leaderboard',
	title: 'Leaderboard',
	intro:
		'See who stood out this period, and how far you have come. People are compared within their position type and tenure stage, so new hires are ranked among new hires; the board lists the top {{top}} and the colleagues around you.',
	tabs: { label: 'Leaderboard pages', board: 'Boards', honours: 'Honours wall' },
	boards: { kpi: 'Overall performance', revenue: 'Sales revenue', points: 'Learning points' },
	boardHints: {
		kpi: 'Ranked by weighted score (100 = exactly on target).',
		revenue: 'Ranked by valid revenue this period, sales reps only; disputed records do not count.',
		points: 'Ranked by learning points earned this period: lessons, exams and sharing all earn points.',
	},
	filters: {
		heading: 'Filter the board',
		board: 'Board',
		period: 'Period',
		months: 'Months',
		quarters: 'Quarters',
		scope: 'Scope',
		type: 'Position',
		cohort: 'Tenure stage',
		team: 'Team',
		region: 'Region',
		allTypes: 'All positions',
		allCohorts: 'All stages',
		choose: 'Choose…',
		submit: 'Show board',
	},
	scopes: { team: 'My team', region: 'My region', company: 'Whole company' },
	scopesHr: { team: 'By team', region: 'By region', company: 'Whole company' },
	cohorts: { new: 'New hires (under 3 months)', intermediate: 'Intermediate (3–12 months)', core: 'Core (12 months or more)' },
	cohortNote: 'Tenure stage is counted at the end of the period: new hires are compared with new hires, intermediate with intermediate, core with core.',
	notice: {
		invalid: '“{{value}}” is not a valid period; showing last month’s board instead.',
		future: '{{value}} has not started yet; showing last month’s board instead.',
	},
	inProgress: '{{period}} is still running: places change as new data comes in.',
	caption: '{{board}} · {{period}} · {{scope}}',
	columns: { rank: 'Place', movement: 'Since last period', name: 'Name', team: 'Team', value: { kpi: 'Weighted score', revenue: 'Revenue', points: 'Points' } },
	you: 'You',
	noTeam: '—',
	near: 'Colleagues around you',
	rankOf: 'Place {{rank}}',
	movement: {
		up_one: 'Up {{count}} place',
		up_other: 'Up {{count}} places',
		down_one: 'Down {{count}} place',
		down_other: 'Down {{count}} places',
		same: 'Same place',
		new: 'New on the board',
	},
	pointsValue_one: '{{count}} pt',
	pointsValue_other: '{{count}} pts',
	home: {
		heading: 'My leaderboard places',
		line: '{{board}} ({{period}}): #{{rank}} of {{total}}',
		cohortNote: 'Compared with colleagues in the same position and tenure stage.',
		link: 'Open the leaderboard',
	},
	mine: {
		heading: 'Your place',
		place: 'You are in place {{rank}} of {{total}} on this board.',
		up_one: 'Up {{count}} place since last period: keep it going!',
		up_other: 'Up {{count}} places since last period: keep it going!',
		down_one: 'Down {{count}} place since last period: next period is a fresh start.',
		down_other: 'Down {{count}} places since last period: next period is a fresh start.',
		same: 'The same place as last period: steady.',
		first: 'Your first time on this board: welcome!',
		notInFilter: 'You are not in the group these filters show; choose your position and tenure stage to see your place.',
		notOnBoard: {
			kpi: 'You have no weighted score this period yet: once your targets are set and data comes in, you will appear here.',
			revenue: 'You have no revenue records this period yet; they put you on the board.',
			points: 'You have not earned points this period yet: lessons, exams and sharing sessions all earn points.',
		},
		notRanked: 'Your position is not ranked; use the filters above to browse the boards of each position.',
		repsOnly: 'The revenue board compares sales reps only; see your place on the overall performance or learning points board.',
		disputed_one: '{{count}} of your records is under dispute and left out of this board; it updates by itself once resolved.',
		disputed_other: '{{count}} of your records are under dispute and left out of this board; it updates by itself once they are resolved.',
	},
	noScope: {
		team: 'You are not in a team yet; try another scope.',
		region: 'You are not in a region yet; try another scope.',
		choose: 'Choose the team or region to show.',
	},
	empty: 'Nobody is on this board for this period yet.',
	emptyHint: 'Try another period, scope or stage.',
	honours: {
		metaTitle: 'Honours wall',
		title: 'Honours wall',
		intro: 'Each month’s and quarter’s award winners, and what earned them the award. Congratulations to all!',
		empty: 'No awards yet. Winners appear here after each month and quarter ends.',
		periodAwards: 'Winners of {{period}}',
		criteria: 'How it is awarded: {{criteria}}',
		hidden_one: '{{count}} more award is not listed.',
		hidden_other: '{{count}} more awards are not listed.',
		team: ' ({{team}})',
		evidence: {
			best_newcomer_one: 'Joined on {{hireDate}}; weighted score {{score}} this quarter, the only newcomer scored.',
			best_newcomer_other: 'Joined on {{hireDate}}; weighted score {{score}} this quarter, the best of {{count}} newcomers scored.',
			fastest_improver_one: 'Weighted score up from {{previous}} in {{previousPeriod}} to {{score}} (+{{increase}}), the only person scored in both quarters.',
			fastest_improver_other:
				'Weighted score up from {{previous}} in {{previousPeriod}} to {{score}} (+{{increase}}), the largest rise of the {{count}} people scored in both quarters.',
			high_value_account_one: 'A single revenue record of {{amount}} on {{date}}, at or above the {{threshold}} high-value threshold.',
			high_value_account_other: 'A single revenue record of {{amount}} on {{date}}; {{count}} records this period at or above the {{threshold}} high-value threshold.',
			visit_champion_one: '{{visits}} visits this month, the only sales rep with visits recorded.',
			visit_champion_other: '{{visits}} visits this month, the most of the {{count}} sales reps with visits recorded.',
			gold_mentor_one:
				'Mentored {{pairings}} pairing(s) this quarter; by {{lastMonth}}, the one measurable focus indicator was better than its mean over the 3 months before the pairing ({{beatPeers}} also beat unpaired peers of the same position and stage).',
			gold_mentor_other:
				'Mentored {{pairings}} pairing(s) this quarter; by {{lastMonth}}, all {{count}} measurable focus indicators were better than their mean over the 3 months before the pairing ({{beatPeers}} of them also beat unpaired peers of the same position and stage).',
			monthly_star: 'Nominated by their manager and confirmed by HR.',
		},
	},
}

export default leaderboard
