-- Ids are never reused: every table's id becomes AUTOINCREMENT, so a deleted row's id
-- (still named in the history, or held by an open window) never comes back for a new row.
-- SQLite cannot add AUTOINCREMENT to a table, so each is rebuilt: create, copy, drop,
-- rename, recreate its indexes. The runner switches foreign keys off around this (a DROP
-- of a parent would otherwise delete its children) and checks them before COMMIT.

CREATE TABLE new_bodies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    short_name TEXT,
    email TEXT
);
INSERT INTO new_bodies (id, name, short_name, email) SELECT id, name, short_name, email FROM bodies;
DROP TABLE bodies;
ALTER TABLE new_bodies RENAME TO bodies;

CREATE TABLE new_body_spellings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    spelling TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (body_id, spelling)
);
INSERT INTO new_body_spellings (id, body_id, spelling) SELECT id, body_id, spelling FROM body_spellings;
DROP TABLE body_spellings;
ALTER TABLE new_body_spellings RENAME TO body_spellings;

CREATE TABLE new_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    audit_year INTEGER,
    report_date TEXT,
    author TEXT,
    organisation TEXT,
    diary_number TEXT,
    assessment TEXT,
    reply_deadline TEXT,
    source_file TEXT
);
INSERT INTO new_reports (id, title, audit_year, report_date, author, organisation, diary_number, assessment,
                         reply_deadline, source_file)
SELECT id, title, audit_year, report_date, author, organisation, diary_number, assessment, reply_deadline,
       source_file FROM reports;
DROP TABLE reports;
ALTER TABLE new_reports RENAME TO reports;

CREATE TABLE new_recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    -- Overrides the report's reply deadline when a sheet gave one per row.
    reply_deadline TEXT
);
INSERT INTO new_recommendations (id, report_id, number, text, reply_deadline)
SELECT id, report_id, number, text, reply_deadline FROM recommendations;
DROP TABLE recommendations;
ALTER TABLE new_recommendations RENAME TO recommendations;
CREATE INDEX recommendations_report ON recommendations(report_id, number);

CREATE TABLE new_recommendation_bodies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    UNIQUE (recommendation_id, body_id)
);
INSERT INTO new_recommendation_bodies (id, recommendation_id, body_id)
SELECT id, recommendation_id, body_id FROM recommendation_bodies;
DROP TABLE recommendation_bodies;
ALTER TABLE new_recommendation_bodies RENAME TO recommendation_bodies;
CREATE INDEX recommendation_bodies_body ON recommendation_bodies(body_id);

CREATE TABLE new_replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    text TEXT,
    action TEXT,
    due TEXT,
    -- What the committee typed when it was not a readable date: never thrown away.
    due_text TEXT,
    reply_date TEXT,
    minute_ref TEXT,
    contact TEXT,
    body_status TEXT,
    UNIQUE (recommendation_id, body_id)
);
INSERT INTO new_replies (id, recommendation_id, body_id, text, action, due, due_text, reply_date, minute_ref,
                         contact, body_status)
SELECT id, recommendation_id, body_id, text, action, due, due_text, reply_date, minute_ref, contact, body_status
FROM replies;
DROP TABLE replies;
ALTER TABLE new_replies RENAME TO replies;

CREATE TABLE new_follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    -- One of the register's statuses, or NULL when the word could not be mapped;
    -- status_raw keeps the word as written.
    status TEXT,
    status_raw TEXT,
    comment TEXT
);
INSERT INTO new_follow_ups (id, recommendation_id, date, status, status_raw, comment)
SELECT id, recommendation_id, date, status, status_raw, comment FROM follow_ups;
DROP TABLE follow_ups;
ALTER TABLE new_follow_ups RENAME TO follow_ups;
CREATE INDEX follow_ups_recommendation ON follow_ups(recommendation_id, date);

CREATE TABLE new_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    recommendation_id INTEGER,
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    source TEXT
);
INSERT INTO new_history (id, at, user, table_name, row_id, recommendation_id, action, field, old_value, new_value,
                         source)
SELECT id, at, user, table_name, row_id, recommendation_id, action, field, old_value, new_value, source FROM history;
DROP TABLE history;
ALTER TABLE new_history RENAME TO history;
CREATE INDEX history_recommendation ON history(recommendation_id, at);

CREATE TABLE new_register_layouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- The headings' keys joined in order: how a returning sheet is recognised.
    signature TEXT NOT NULL,
    -- JSON: [[heading as written, field or null], ...] in column order.
    columns TEXT NOT NULL,
    -- JSON: {register status: the office's own word}.
    status_words TEXT NOT NULL DEFAULT '{}',
    -- JSON: {office word: register status}, as the user mapped unknown words.
    status_map TEXT NOT NULL DEFAULT '{}',
    sheet_name TEXT,
    -- The lines above the header (title, date), separated by line breaks.
    title_line TEXT,
    header_row INTEGER NOT NULL DEFAULT 1,
    merge_reports INTEGER NOT NULL DEFAULT 0,
    short_bodies INTEGER NOT NULL DEFAULT 0,
    last_used TEXT
);
INSERT INTO new_register_layouts (id, name, signature, columns, status_words, status_map, sheet_name, title_line,
                                  header_row, merge_reports, short_bodies, last_used)
SELECT id, name, signature, columns, status_words, status_map, sheet_name, title_line, header_row, merge_reports,
       short_bodies, last_used FROM register_layouts;
DROP TABLE register_layouts;
ALTER TABLE new_register_layouts RENAME TO register_layouts;
CREATE INDEX register_layouts_signature ON register_layouts(signature);

-- Rows deleted before this migration are named in the history: their ids are not
-- handed out again either. Each table counts from the larger of its rows and its history.
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence (name, seq)
SELECT name, max(seq) FROM (
    SELECT 'bodies' AS name, max(id) AS seq FROM bodies
    UNION ALL SELECT 'body_spellings', max(id) FROM body_spellings
    UNION ALL SELECT 'reports', max(id) FROM reports
    UNION ALL SELECT 'recommendations', max(id) FROM recommendations
    UNION ALL SELECT 'recommendation_bodies', max(id) FROM recommendation_bodies
    UNION ALL SELECT 'replies', max(id) FROM replies
    UNION ALL SELECT 'follow_ups', max(id) FROM follow_ups
    UNION ALL SELECT 'history', max(id) FROM history
    UNION ALL SELECT 'register_layouts', max(id) FROM register_layouts
    UNION ALL SELECT table_name, max(row_id) FROM history GROUP BY table_name
)
WHERE seq IS NOT NULL AND name IN ('bodies', 'body_spellings', 'reports', 'recommendations', 'recommendation_bodies',
                                   'replies', 'follow_ups', 'history', 'register_layouts')
GROUP BY name;
