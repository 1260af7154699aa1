-- Layouts of the office's own Excel registers, so a sheet with the same headings is
-- read the same way again and the register can be given back in the office's shape.
CREATE TABLE register_layouts (
    id INTEGER PRIMARY KEY,
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
CREATE INDEX register_layouts_signature ON register_layouts(signature);
