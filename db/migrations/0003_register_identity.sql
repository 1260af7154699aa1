-- Reply sheets carry the register's identity, so a sheet filled in for another
-- register is recognised and refused instead of being matched by chance.
INSERT OR IGNORE INTO settings (key, value) VALUES ('register_id', lower(hex(randomblob(16))));
