-- Rules the database holds so that parallel RSVPs can never put more people "going" than there are seats.
CREATE TRIGGER `session_rsvps_capacity_insert` BEFORE INSERT ON `session_rsvps`
WHEN NEW.`status` = 'going' AND (
	SELECT count(*) FROM `session_rsvps` r WHERE r.`session_id` = NEW.`session_id` AND r.`status` = 'going'
) >= (SELECT `capacity` FROM `sharing_sessions` WHERE `id` = NEW.`session_id`)
BEGIN SELECT RAISE(ABORT, 'session_full'); END;--> statement-breakpoint
CREATE TRIGGER `session_rsvps_capacity_update` BEFORE UPDATE OF `status` ON `session_rsvps`
WHEN NEW.`status` = 'going' AND OLD.`status` <> 'going' AND (
	SELECT count(*) FROM `session_rsvps` r WHERE r.`session_id` = NEW.`session_id` AND r.`status` = 'going'
) >= (SELECT `capacity` FROM `sharing_sessions` WHERE `id` = NEW.`session_id`)
BEGIN SELECT RAISE(ABORT, 'session_full'); END;--> statement-breakpoint
-- A session's capacity never drops below the number already going.
CREATE TRIGGER `sharing_sessions_capacity_floor` BEFORE UPDATE OF `capacity` ON `sharing_sessions`
WHEN NEW.`capacity` < (SELECT count(*) FROM `session_rsvps` r WHERE r.`session_id` = NEW.`id` AND r.`status` = 'going')
BEGIN SELECT RAISE(ABORT, 'capacity_below_going'); END;
