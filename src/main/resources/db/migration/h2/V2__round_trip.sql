-- Replies in both directions, requests from other regions, and the memory of what the platform polls have taken.
ALTER TABLE cooperation_request ADD COLUMN from_region VARCHAR(6);
ALTER TABLE cooperation_request ADD COLUMN from_unit_code VARCHAR(12);
ALTER TABLE cooperation_request ADD COLUMN from_unit_name VARCHAR(100);
ALTER TABLE cooperation_request ADD COLUMN signed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cooperation_request ADD COLUMN signed_by VARCHAR(100);
ALTER TABLE cooperation_request ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX cooperation_request_direction_state ON cooperation_request (direction, state);

CREATE TABLE reply (
    request_id          VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES cooperation_request (request_id),
    replying_unit_code  VARCHAR(12)              NOT NULL,
    replying_unit_name  VARCHAR(100)             NOT NULL,
    result              VARCHAR(16)              NOT NULL,
    replied_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    content_hash        VARCHAR(64)              NOT NULL,
    payload             CHARACTER LARGE OBJECT   NOT NULL,
    attachments         VARCHAR(4000)            NOT NULL,
    delivered_at        TIMESTAMP WITH TIME ZONE
);

-- Camel's JDBC idempotent repository (camel-sql JdbcMessageIdRepository), so a file seen twice is taken once.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(512) NOT NULL,
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);
