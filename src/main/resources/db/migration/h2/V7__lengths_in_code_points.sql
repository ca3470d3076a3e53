-- coophub limits submitted text in characters as people count them (Unicode code points), as PostgreSQL does.
-- H2 counts UTF-16 units, two for a character outside the Basic Multilingual Plane (rare Chinese characters in
-- names, such as 𠀀), so a name within the limit could overflow its column. Doubling the H2 columns that hold
-- submitted text lets every value the validation allows fit.
ALTER TABLE cooperation_request ALTER COLUMN requesting_room SET DATA TYPE VARCHAR(200);
ALTER TABLE cooperation_request ALTER COLUMN case_number SET DATA TYPE VARCHAR(128);
ALTER TABLE cooperation_request ALTER COLUMN from_unit_name SET DATA TYPE VARCHAR(200);
ALTER TABLE cooperation_request ALTER COLUMN signed_by SET DATA TYPE VARCHAR(200);
ALTER TABLE reply ALTER COLUMN replying_unit_name SET DATA TYPE VARCHAR(200);
ALTER TABLE room_detentions ALTER COLUMN room SET DATA TYPE VARCHAR(200);
