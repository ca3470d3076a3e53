-- An acknowledgement keeps the name given (at most 100 characters) and the login name (at most 64) beside it, no
-- longer cut to fit. 300 holds both in UTF-16 units, which is what H2 counts (PostgreSQL counts characters).
ALTER TABLE alert ALTER COLUMN acknowledged_by SET DATA TYPE VARCHAR(300);
