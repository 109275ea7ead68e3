-- Full-text search of comments (`q` on the verbatim feed and the export).
--
-- An FTS5 index with external content: it reads the text from `responses`
-- (nothing stored twice) and is keyed by the responses' rowid. The table's
-- primary key is (project_key, id) but it is an ordinary rowid table, and
-- the rowid of a row never changes (VACUUM copies rowids along with the
-- rows; nothing here re-inserts a response). Should the index ever drift,
-- `INSERT INTO responses_search(responses_search) VALUES ('rebuild')`
-- rebuilds it from the comments.
--
-- Tokeniser: unicode61 splits at anything that is not a letter or a digit
-- and folds case; `remove_diacritics 2` folds accents too ("ete" finds
-- "Été", "decu" finds "déçu"), for French as well as English.
-- Prefix indexes of 2 and 3 characters: people type the start of a word
-- ("expor"), and a short prefix would otherwise merge the lists of every
-- word it begins. `columnsize = 0`: no ranking, so no per-row sizes.
CREATE VIRTUAL TABLE responses_search USING fts5(
    comment,
    content = 'responses',
    content_rowid = 'rowid',
    columnsize = 0,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A deleted or edited comment leaves the index for good, not just a
-- tombstone over it: erasing a person (or retention) must erase their words.
INSERT INTO responses_search (responses_search, rank) VALUES ('secure-delete', 1);

-- Only rows with a comment are in the index; the triggers keep it so (an
-- external-content delete must name exactly what was indexed).
INSERT INTO responses_search (rowid, comment)
SELECT rowid, comment FROM responses WHERE comment IS NOT NULL;

CREATE TRIGGER responses_search_insert AFTER INSERT ON responses
WHEN new.comment IS NOT NULL
BEGIN
    INSERT INTO responses_search (rowid, comment) VALUES (new.rowid, new.comment);
END;

CREATE TRIGGER responses_search_delete AFTER DELETE ON responses
WHEN old.comment IS NOT NULL
BEGIN
    INSERT INTO responses_search (responses_search, rowid, comment)
    VALUES ('delete', old.rowid, old.comment);
END;

-- A PATCHed comment, a replay filling one in, retention anonymising it.
CREATE TRIGGER responses_search_update AFTER UPDATE OF comment ON responses
WHEN old.comment IS NOT new.comment
BEGIN
    INSERT INTO responses_search (responses_search, rowid, comment)
    SELECT 'delete', old.rowid, old.comment WHERE old.comment IS NOT NULL;
    INSERT INTO responses_search (rowid, comment)
    SELECT new.rowid, new.comment WHERE new.comment IS NOT NULL;
END;
