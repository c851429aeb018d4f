export { BadgeList, type BadgeItem } from './badge-list.tsx'
export { LevelCard, useLevelName } from './level-card.tsx'
export { PointsHistory, type HistoryItem } from './points-history.tsx'
export { NominationsTable, type NominationRow } from './nominations-table.tsx'
