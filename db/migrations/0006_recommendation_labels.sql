-- A recommendation's number as written when it is more than a whole number ("1.1",
-- "2a", "1,5"): shown, exported and sent in place of the number, which stays the sort
-- key (its leading digits). NULL means the number itself is the label.
ALTER TABLE recommendations ADD COLUMN label TEXT;
