-- Progress of `./macula migrate` from an Eyened database: per source and step (a table of the original),
-- the largest source key whose rows are all done. Operational state, not a read model: no history
-- tables, never rebuilt from events (the events a migration made carry "migratedFrom" in their metadata).
create table eyened_migration_progress (
    source     varchar(500) not null,
    step       varchar(64)  not null,
    last_key   bigint       not null,
    read_rows  bigint       not null default 0,
    migrated   bigint       not null default 0,
    skipped    bigint       not null default 0,
    updated_at timestamptz  not null default now(),
    primary key (source, step)
);
