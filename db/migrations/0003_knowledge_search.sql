-- Two FTS5 indexes over the same normalised text, keyed by kb_articles.id (see ADR 005):
-- trigram for terms of 3+ characters (exact substring), and a unigram+bigram token index for
-- 1-2 character terms, which trigram cannot match. Contentless: the text lives in kb_articles.
CREATE VIRTUAL TABLE `kb_search_tri` USING fts5(title, tags, summary, body, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
CREATE VIRTUAL TABLE `kb_search_short` USING fts5(title, tags, summary, body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
