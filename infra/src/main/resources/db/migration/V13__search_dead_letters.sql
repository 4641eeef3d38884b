-- Documents Elasticsearch refused for reasons a retry will not fix (a mapping conflict, a document
-- too large): parked here so the stream goes on; retried on demand and by every later change.
create table search_dead_letter (
    index_name   varchar(64)  not null,
    document_id  bigint       not null,
    reason       text         not null,
    attempts     integer      not null,
    first_failed timestamp    not null,
    last_failed  timestamp    not null,
    primary key (index_name, document_id)
);

-- Study documents collect the forms of a study (contract §4.5).
create index form_annotation_study on form_annotation (study_id);
