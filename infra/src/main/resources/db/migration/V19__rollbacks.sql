-- Rollbacks of one grader's work (POST /api/admin/rollbacks): what was asked and what became of each
-- object. Operational records beside background_job (which holds the state and progress), not read
-- models: no history tables, never rebuilt from events (the events the rollback caused carry its id
-- in their metadata key "rollback").
create table rollback (
    id       uuid primary key references background_job (id),
    actor_id bigint      not null,
    since    timestamptz not null,
    until    timestamptz,
    dry_run  boolean     not null,
    force    boolean     not null
);

-- One row per object the actor changed in the window, in the order of the actor's first change.
-- entity_id is text: a number for aggregates, "<tag id>:<object type>:<object id>" for a tag link.
-- other_actors: JSON array of {"id", "name"} of whoever changed the object after the actor's first change.
create table rollback_object (
    rollback_id  uuid        not null references rollback (id),
    ordinal      integer     not null,
    entity_type  varchar(64) not null,
    entity_id    varchar(100) not null,
    outcome      varchar(20) not null,
    other_actors jsonb       not null,
    detail       varchar(1000),
    primary key (rollback_id, ordinal)
);
