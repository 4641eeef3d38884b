-- Every version of a segmentation's data: who wrote which slice when, and the blob that holds it.
alter table segmentation add column data_checksum varchar(64);

create table segmentation_version (
    segmentation_id bigint      not null references segmentation (id),
    version         integer     not null,
    checksum        varchar(64) not null,
    axis            integer,
    scan_nr         integer,
    actor_id        bigint,
    actor_name      varchar(64),
    written_at      timestamp   not null,
    primary key (segmentation_id, version)
);
