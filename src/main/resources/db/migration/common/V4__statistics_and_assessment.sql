-- Statistics and the monthly assessment count requests by direction over a span of acceptance times (and by type
-- or requesting room within it); this index keeps those counts to the rows of the span, however big the ledger.
CREATE INDEX cooperation_request_direction_accepted ON cooperation_request (direction, accepted_at);

-- Criminal detentions (刑拘数) of each pre-trial room per month, the basis of its monthly assessment.
-- assessed_month is yyyy-MM (MONTH is a keyword in H2).
CREATE TABLE room_detentions (
    room           VARCHAR(100)             NOT NULL,
    assessed_month CHAR(7)                  NOT NULL,
    detentions     INTEGER                  NOT NULL CHECK (detentions >= 0),
    source         VARCHAR(300)             NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room, assessed_month)
);

CREATE INDEX room_detentions_month ON room_detentions (assessed_month);
