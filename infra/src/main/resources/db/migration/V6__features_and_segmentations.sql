-- Features and their ordered children (contract §8), and the grader-segmentation read model that
-- feature counts and delete checks consult (segmentation endpoints fill it).
create sequence feature_id_seq;
create sequence segmentation_id_seq;

create table feature (
    id            bigint primary key,
    name          varchar(60)  not null,
    name_key      varchar(240) not null unique,
    date_inserted timestamp    not null
);

create table composite_feature (
    parent_id     bigint  not null references feature (id) on delete cascade,
    child_id      bigint  not null references feature (id),
    feature_index integer not null,
    primary key (parent_id, feature_index)
);
create index composite_feature_child on composite_feature (child_id);

create table segmentation (
    id                        bigint primary key,
    image_instance_id         bigint      not null references image_instance (id),
    feature_id                bigint      not null references feature (id),
    creator_id                bigint      not null,
    subtask_id                bigint,
    data_representation       varchar(16) not null,
    data_type                 varchar(8)  not null,
    depth                     integer     not null,
    height                    integer     not null,
    width                     integer     not null,
    sparse_axis               integer,
    image_projection_matrix   jsonb,
    scan_indices              jsonb,
    threshold                 double precision,
    reference_segmentation_id bigint,
    zarr_array_index          bigint,
    data_version              integer     not null default 0,
    inactive                  boolean     not null default false,
    date_inserted             timestamp   not null,
    date_modified             timestamp
);
create index segmentation_image on segmentation (image_instance_id);
create index segmentation_feature on segmentation (feature_id);
