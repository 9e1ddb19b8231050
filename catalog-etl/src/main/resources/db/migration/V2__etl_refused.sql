-- Documents Elasticsearch refused (a mapping it rejects, a blocked index): the cursor goes on past
-- them, so they are kept here and indexed again at the start of every run until they go through.
CREATE TABLE etl_refused (
    index_name text        NOT NULL,
    doc_id     uuid        NOT NULL,
    reason     text        NOT NULL,
    refused_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (index_name, doc_id)
);
