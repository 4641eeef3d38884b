create sequence form_schema_id_seq;

create table form_schema (
    id            bigint primary key,
    name          varchar(255)  not null,
    name_key      varchar(1020) not null unique,
    schema        jsonb,
    entity_type   varchar(16),
    date_inserted timestamp     not null
);
