-- The checksum of the file a report was read from, so reading the same file again is
-- recognised even when its title or year was changed before saving.
ALTER TABLE reports ADD COLUMN source_checksum TEXT;
CREATE INDEX reports_source_checksum ON reports(source_checksum);
