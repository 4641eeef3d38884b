-- Axon's JDBC event store, token store and saga store on PostgreSQL (bytea payloads).
-- Column names follow Axon's default EventSchema/TokenSchema; PostgreSQL folds them to lower case,
-- and Axon's unquoted SQL folds the same way.

create table domainevententry (
    globalindex         bigserial    not null,
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255),
    eventidentifier     varchar(255) not null,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    primary key (globalindex),
    unique (aggregateidentifier, sequencenumber),
    unique (eventidentifier)
);

create table snapshotevententry (
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255) not null,
    eventidentifier     varchar(255) not null,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    primary key (aggregateidentifier, sequencenumber),
    unique (eventidentifier)
);

create table tokenentry (
    processorname varchar(255) not null,
    segment       integer      not null,
    token         bytea,
    tokentype     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    primary key (processorname, segment)
);

-- The token store's identity row, seeded here so two nodes starting at once do not race to insert
-- it (design notes §7). Jackson form of org.axonframework.eventhandling.tokenstore.ConfigToken.
insert into tokenentry (processorname, segment, token, tokentype, timestamp, owner)
values ('__config', 0,
        convert_to('{"config":{"id":"' || gen_random_uuid() || '"}}', 'UTF8'),
        'org.axonframework.eventhandling.tokenstore.ConfigToken',
        to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        null);

create table sagaentry (
    sagaid         varchar(255) not null,
    revision       varchar(255),
    sagatype       varchar(255),
    serializedsaga bytea,
    primary key (sagaid)
);

create table associationvalueentry (
    id               bigserial    not null,
    associationkey   varchar(255) not null,
    associationvalue varchar(255),
    sagaid           varchar(255) not null,
    sagatype         varchar(255),
    primary key (id)
);
create index associationvalueentry_saga on associationvalueentry (sagatype, associationkey, associationvalue);
create index associationvalueentry_sagaid on associationvalueentry (sagaid, sagatype);
