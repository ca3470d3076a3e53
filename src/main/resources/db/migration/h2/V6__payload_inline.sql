-- Payloads are at most coophub.intake.max-size (1 MiB by default): kept in the row as CHARACTER VARYING rather than
-- as H2 large objects, whose separate LOB store and its clean-up task cost more CPU per statement than the insert
-- itself. (PostgreSQL's TEXT is already stored inline.)
ALTER TABLE cooperation_request ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
ALTER TABLE reply ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
