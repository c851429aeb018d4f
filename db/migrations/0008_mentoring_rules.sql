-- Pairing rules the database itself holds, so two racing requests cannot both pass a check made in code.
CREATE TRIGGER `mentor_pairings_not_self` BEFORE INSERT ON `mentor_pairings`
WHEN NEW.`mentor_id` = NEW.`mentee_id`
BEGIN SELECT RAISE(ABORT, 'pairing_self'); END;--> statement-breakpoint
-- A mentee has at most one pairing over any day.
CREATE TRIGGER `mentor_pairings_mentee_once` BEFORE INSERT ON `mentor_pairings`
WHEN EXISTS (
	SELECT 1 FROM `mentor_pairings` p WHERE p.`mentee_id` = NEW.`mentee_id`
	AND (p.`ends_on` IS NULL OR p.`ends_on` > NEW.`starts_on`)
	AND (NEW.`ends_on` IS NULL OR p.`starts_on` < NEW.`ends_on`)
)
BEGIN SELECT RAISE(ABORT, 'pairing_mentee_paired'); END;--> statement-breakpoint
-- A mentor's pairings still running on the new one's first day stay within their capacity (default 3).
CREATE TRIGGER `mentor_pairings_capacity` BEFORE INSERT ON `mentor_pairings`
WHEN (
	SELECT count(*) FROM `mentor_pairings` p WHERE p.`mentor_id` = NEW.`mentor_id`
	AND (p.`ends_on` IS NULL OR p.`ends_on` > NEW.`starts_on`)
) >= coalesce((SELECT `capacity` FROM `mentor_capacities` WHERE `user_id` = NEW.`mentor_id`), 3)
BEGIN SELECT RAISE(ABORT, 'pairing_capacity'); END;--> statement-breakpoint
-- 演练评分: the mean of a drill's or role-play's rubric (1–5), written by the mentor's coaching log.
INSERT INTO `indicators` (`code`,`name_zh`,`name_en`,`category`,`unit`,`direction`,`grain`,`rollup`,`numerator_code`,`denominator_code`,`source`,`exam_slug`,`position`) VALUES ('coaching_score','演练评分','Drill and role-play score','capability','score','higher','day','avg',NULL,NULL,'assessment',NULL,19);
