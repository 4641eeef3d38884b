-- Task definitions, tasks and sub-tasks (contract §1.3); sub-task endpoints fill subtask later.
create sequence task_definition_id_seq;
create sequence task_id_seq;
create sequence subtask_id_seq;

create table task_definition (
    id            bigint primary key,
    name          varchar(256) not null,
    config        jsonb,
    date_inserted timestamp    not null
);

create table task (
    id                 bigint primary key,
    name               varchar(256) not null,
    description        text,
    creator_id         bigint,
    contact_id         bigint,
    task_definition_id bigint       not null references task_definition (id),
    task_state         varchar(16)  not null,
    date_inserted      timestamp    not null
);

create table subtask (
    id         bigint primary key,
    task_id    bigint      not null references task (id) on delete cascade,
    creator_id bigint,
    comments   text,
    task_state varchar(16) not null
);
create index subtask_task on subtask (task_id, id);
