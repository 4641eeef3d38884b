-- Dataset snapshots (POST /api/admin/exports): what was asked and where the result lies. Operational
-- records beside background_job (which holds the state and progress), not read models: no history
-- tables, never rebuilt from events. The zip itself is a file under <data dir>/exports.
create table dataset_export (
    id           uuid primary key references background_job (id),
    project_id   bigint       not null,
    project_name varchar(255) not null,
    task_id      bigint,
    position     bigint       not null, -- the snapshot's event position (its moment)
    instant      varchar(40),           -- the timestamp of the event at that position (null: no events yet)
    zip_path     varchar(1000),
    zip_sha256   varchar(64),
    zip_size     bigint,
    row_counts   jsonb
);
