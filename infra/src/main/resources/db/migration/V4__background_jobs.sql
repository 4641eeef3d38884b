-- Background jobs (thumbnail backfill, later inference): operational state, not domain history.
create table background_job (
    id          uuid primary key,
    kind        varchar(64)  not null,
    state       varchar(16)  not null, -- queued, running, finished, failed, interrupted
    done        integer      not null default 0,
    failed      integer      not null default 0,
    total       integer,
    error       varchar(1000),
    started_by  bigint,
    started_at  timestamptz  not null,
    finished_at timestamptz
);
create index background_job_kind_state on background_job (kind, state);
