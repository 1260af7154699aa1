-- The register: reports, their recommendations, responsible bodies, replies,
-- follow-ups and the history of every change. Dates are ISO text (YYYY-MM-DD).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    short_name TEXT,
    email TEXT
);

CREATE TABLE body_spellings (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    spelling TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (body_id, spelling)
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
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

CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    -- Overrides the report's reply deadline when a sheet gave one per row.
    reply_deadline TEXT
);
CREATE INDEX recommendations_report ON recommendations(report_id, number);

CREATE TABLE recommendation_bodies (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    UNIQUE (recommendation_id, body_id)
);
CREATE INDEX recommendation_bodies_body ON recommendation_bodies(body_id);

CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
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

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    -- One of the register's statuses, or NULL when the word could not be mapped;
    -- status_raw keeps the word as written.
    status TEXT,
    status_raw TEXT,
    comment TEXT
);
CREATE INDEX follow_ups_recommendation ON follow_ups(recommendation_id, date);

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
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
CREATE INDEX history_recommendation ON history(recommendation_id, at);
