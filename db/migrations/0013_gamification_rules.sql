-- The points ledger is append-only: a paid event cannot be rewritten or taken back through SQL either.
CREATE TRIGGER `points_ledger_no_update` BEFORE UPDATE ON `points_ledger`
BEGIN
	SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `points_ledger_no_delete` BEFORE DELETE ON `points_ledger`
BEGIN
	SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
-- Default price list (issue 7); HR edits it at /admin/gamification. Caps are points per person, source and day.
INSERT INTO `point_rules` (`source`,`points`,`daily_cap`) VALUES
	('lesson_completed',10,100),
	('exam_passed',50,NULL),
	('exam_first_try',20,NULL),
	('exam_perfect',20,NULL),
	('kb_helpful',5,50),
	('indicator_on_target',30,NULL),
	('coaching_mentor',20,60),
	('coaching_mentee',10,30),
	('session_presented',100,NULL),
	('session_attended',10,NULL);
--> statement-breakpoint
-- 高价值客户开发奖: one revenue record of at least this many yuan.
INSERT INTO `badge_settings` (`key`,`value`) VALUES ('high_value_amount',150000);
--> statement-breakpoint
-- The source document's promotion rule to 销售主管.
INSERT INTO `promotion_rules` (`id`,`consecutive_quarters`,`min_score`,`require_core_exams`,`capability_mins`,`min_tenure_months`,`violation_free_months`,`target_title`)
VALUES (1,3,100,1,'{"product_knowledge_score":80}',12,12,'销售主管');
