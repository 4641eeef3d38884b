-- Read models of the imaging hierarchy (written inline by the imaging projection) and the
-- reference tables images point at (devices, sources, scans; filled by later admin tooling).

create sequence project_id_seq;
create sequence patient_id_seq;
create sequence study_id_seq;
create sequence series_id_seq;
create sequence instance_id_seq;

create table project (
    id            bigint primary key,
    name          varchar(255)  not null,
    name_key      varchar(1020) not null unique,
    external      varchar(1)    not null,
    description   text,
    date_inserted timestamp     not null
);

create table patient (
    id             bigint primary key,
    project_id     bigint        not null references project (id),
    identifier     varchar(255)  not null,
    identifier_key varchar(1020) not null,
    birth_date     date,
    sex            varchar(1),
    date_inserted  timestamp     not null,
    unique (project_id, identifier_key)
);

create table study (
    id            bigint primary key,
    patient_id    bigint    not null references patient (id),
    study_date    date      not null,
    study_round   integer,
    description   varchar(64),
    date_inserted timestamp not null,
    unique (patient_id, study_date)
);

create table series (
    id                  bigint primary key,
    study_id            bigint not null references study (id),
    series_number       integer,
    series_instance_uid varchar(64) unique,
    study_instance_uid  varchar(64)
);
create index series_study on series (study_id);

create table device_model (
    id           bigint primary key,
    manufacturer varchar(45) not null,
    model        varchar(45) not null,
    unique (manufacturer, model)
);

create table device_instance (
    id              bigint primary key,
    device_model_id bigint       not null references device_model (id),
    serial_number   text,
    description     varchar(256) not null,
    unique (device_model_id, description)
);

create table source_info (
    id             bigint primary key,
    name           varchar(64)  not null unique,
    source_path    varchar(250) not null unique,
    thumbnail_path varchar(250) not null unique
);

create table modality (
    id  bigint primary key,
    tag varchar(40) not null unique
);

create table scan (
    id        bigint primary key,
    scan_mode varchar(40) not null unique
);

create table image_instance (
    id                          bigint primary key,
    series_id                   bigint       not null references series (id),
    project_id                  bigint       not null,
    dataset_identifier          varchar(256) not null,
    source_info_id              bigint,
    device_instance_id          bigint,
    modality_id                 bigint,
    scan_id                     bigint,
    laterality                  varchar(1)   not null,
    modality                    varchar(32),
    dicom_modality              varchar(3),
    etdrs_field                 varchar(2),
    sop_instance_uid            varchar(64) unique,
    sop_class_uid               varchar(64),
    photometric_interpretation  varchar(64),
    samples_per_pixel           integer,
    rows_y                      integer,
    columns_x                   integer,
    nr_of_frames                integer,
    slice_thickness             double precision,
    resolution_axial            double precision,
    resolution_horizontal       double precision,
    resolution_vertical         double precision,
    horizontal_field_of_view    double precision,
    anatomic_region             integer,
    angiography                 integer,
    acquisition_date_time       timestamp,
    pupil_dilated               boolean,
    old_path                    varchar(256),
    fda_identifier              integer,
    alt_dataset_identifier      varchar(256),
    thumbnail_path              varchar(256),
    cf_roi                      jsonb,
    cf_keypoints                jsonb,
    cf_quality                  double precision,
    inactive                    boolean      not null default false,
    date_inserted               timestamp    not null,
    date_modified               timestamp,
    date_preprocessed           timestamp
);
-- the import's de-duplication key (contract §5.3): one image per path and source
create unique index image_instance_path_source on image_instance (dataset_identifier, coalesce(source_info_id, 0));
create index image_instance_series on image_instance (series_id);
create index image_instance_thumbnail_pending on image_instance (id) where thumbnail_path is null;
