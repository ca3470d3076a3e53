-- A commit is written to the database file before it returns, not up to half a second later (H2's default
-- WRITE_DELAY of 500 ms): killed in that half second, the hub would lose requests it had already answered 202 and
-- whose messages the broker keeps, and forget that it had published others (CrashTest). Kept by the database file,
-- so it holds whatever spring.datasource.url says. It survives a killed process, not a power cut: H2 does not sync
-- each commit. The cost: a file write per commit, and the file holds the last 45 s of them (RETENTION_TIME) before
-- their space is used again, about 20 KB each (175 MB at 180 commits/s). Production runs on PostgreSQL.
SET WRITE_DELAY 0;
