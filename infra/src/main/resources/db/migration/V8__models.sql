-- AI models and the segmentations they produce (contract §1.3 Model, SegmentationModel, ModelSegmentation).
create sequence model_id_seq;
create sequence model_segmentation_id_seq;

create table model (
    id            bigint primary key,
    name          varchar(255) not null unique,
    version       varchar(255) not null,
    model_type    varchar(16)  not null,
    description   varchar(255),
    feature_id    bigint references feature (id) on delete set null,
    date_inserted timestamp    not null
);

create table model_segmentation (
    id                  bigint primary key,
    image_instance_id   bigint      not null references image_instance (id),
    model_id            bigint      not null references model (id),
    data_representation varchar(16) not null,
    data_type           varchar(8)  not null,
    depth               integer     not null,
    height              integer     not null,
    width               integer     not null,
    zarr_array_index    bigint,
    data_checksum       varchar(64) not null,
    date_inserted       timestamp   not null
);
create index model_segmentation_image on model_segmentation (image_instance_id);
