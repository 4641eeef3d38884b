-- Attributes (docs/api.md §1.3 attribute tables): definitions, attributes models' declared outputs
-- and inputs (the models themselves are rows of `model` with model_type 'attributes'), values and
-- their provenance. A value names its object by kind and id instead of the original's five nullable
-- columns (exactly one of which was set); no foreign key to the object, as the original has none
-- for patients and studies either.
create sequence attribute_id_seq;
create sequence attribute_value_id_seq;

create table attribute_definition (
    id            bigint primary key,
    name          varchar(255) not null unique,
    data_type     varchar(8)   not null,
    date_inserted timestamp    not null
);

-- model_id without a foreign key: the model row is another projection's, written by the same
-- event in an order between projections that nothing fixes
create table attributes_model_output (
    model_id     bigint not null,
    attribute_id bigint not null references attribute_definition (id),
    primary key (model_id, attribute_id)
);

create table attributes_model_input (
    model_id     bigint       not null,
    attribute_id bigint       not null references attribute_definition (id),
    input_name   varchar(255) not null,
    primary key (model_id, attribute_id)
);

create table attribute_value (
    id            bigint primary key,
    attribute_id  bigint           not null references attribute_definition (id),
    model_id      bigint           not null references model (id),
    entity_kind   varchar(24)      not null,
    entity_id     bigint           not null,
    laterality    varchar(1),
    value_int     bigint,
    value_float   double precision,
    value_text    text,
    value_json    text,
    date_inserted timestamp        not null,
    date_modified timestamp        not null,
    constraint attribute_value_one_per_model unique (entity_kind, entity_id, attribute_id, model_id)
);
create index attribute_value_attribute on attribute_value (attribute_id, model_id);

-- no foreign keys: an original's provenance may name a value that a migration records later
create table attribute_value_input (
    output_value_id bigint not null,
    input_value_id  bigint not null,
    primary key (output_value_id, input_value_id)
);

-- a model segmentation may have no data (the original's ZarrArrayIndex NULL; GET …/data answers 204)
alter table model_segmentation alter column data_checksum drop not null;
alter table model_segmentation_history alter column data_checksum drop not null;
-- and keeps the geometry a grader segmentation has (docs/api.md §1.3 ModelSegmentation)
alter table model_segmentation
    add column sparse_axis               integer,
    add column image_projection_matrix   jsonb,
    add column scan_indices              jsonb,
    add column threshold                 double precision,
    add column reference_segmentation_id bigint;
select macula_track_history('model_segmentation'); -- the history table gets the new columns too

-- scan modes are registered by events now (the migration carries the original's Scan table)
select macula_track_history('scan');

select macula_track_history(t)
from unnest(array ['attribute_definition', 'attributes_model_output', 'attributes_model_input',
    'attribute_value', 'attribute_value_input']) as t;
