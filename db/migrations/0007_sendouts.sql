-- Send-outs on record: every reply sheet (svarsmall) and reminder (påminnelse) that left
-- the program, to which body, with which recommendations, the file, the deadline given
-- and who sent it. AUTOINCREMENT: an id named in the history never comes back.
CREATE TABLE sendouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('svarsmall', 'påminnelse')),
    sent_at TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    -- The "Svar senast" the sheet asked for.
    deadline TEXT,
    -- The addresses the e-mail draft was made out to, or NULL when none was made.
    recipients TEXT,
    user TEXT NOT NULL
);

-- The recommendations one send-out asked about. answered_on is set when a reply read
-- back closes the chase for that recommendation.
CREATE TABLE sendout_recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sendout_id INTEGER NOT NULL REFERENCES sendouts(id) ON DELETE CASCADE,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    answered_on TEXT,
    UNIQUE (sendout_id, recommendation_id)
);
CREATE INDEX sendout_recommendations_recommendation ON sendout_recommendations(recommendation_id);
