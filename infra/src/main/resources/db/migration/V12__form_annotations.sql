create sequence form_annotation_id_seq;

create table form_annotation (
    id                           bigint primary key,
    form_schema_id               bigint    not null references form_schema (id),
    patient_id                   bigint    not null references patient (id),
    study_id                     bigint references study (id),
    image_instance_id            bigint references image_instance (id),
    laterality                   varchar(1),
    sub_task_id                  bigint,
    form_data                    jsonb,
    form_annotation_reference_id bigint,
    creator_id                   bigint    not null,
    inactive                     boolean   not null default false,
    date_inserted                timestamp not null,
    date_modified                timestamp
);
create index form_annotation_image on form_annotation (image_instance_id);
create index form_annotation_patient on form_annotation (patient_id);
