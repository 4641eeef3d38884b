-- Read models of users and tags (written by subscribing projections in the command's transaction),
-- the id sequences (design notes §3) and the refresh-token sessions (security state, not domain).

create sequence user_id_seq;
create sequence tag_id_seq;

create table app_user (
    id                   bigint primary key,
    username             varchar(45)  not null,
    username_key         varchar(180) not null unique, -- NameKey: case- and accent-insensitive
    role                 integer,
    password_hash        varchar(255),
    legacy_password_hash varchar(64),
    description          varchar(1000),
    date_inserted        timestamp    not null
);

create table tag (
    id            bigint primary key,
    name          varchar(256) not null,
    name_key      varchar(1024) not null,
    tag_type      varchar(20)  not null,
    description   varchar(256) not null,
    creator_id    bigint       not null,
    date_inserted timestamp    not null,
    unique (name_key, tag_type)
);

-- Links of tags to objects; filled by the features that own those objects (images, studies, ...).
create table tag_link (
    tag_id        bigint      not null,
    object_type   varchar(20) not null,
    object_id     bigint      not null,
    tagger_id     bigint      not null,
    comment       varchar(256),
    date_inserted timestamp   not null,
    primary key (tag_id, object_type, object_id)
);
create index tag_link_object on tag_link (object_type, object_id);

create table tag_star (
    user_id       bigint    not null,
    tag_id        bigint    not null,
    date_inserted timestamp not null,
    primary key (user_id, tag_id)
);
create index tag_star_tag on tag_star (tag_id);

create table refresh_token (
    jti        uuid primary key,
    user_id    bigint      not null,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index refresh_token_user on refresh_token (user_id);
