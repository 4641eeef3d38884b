-- The identity of this event store: one UUID, made when the database is created. Search indexes
-- record it (with the position they have seen) in their mapping's _meta, so an index filled from
-- another database is recognised and rebuilt (docs/reliability.md). A restored backup keeps the
-- UUID; the position check catches that case.
create table event_store_identity (
    id         uuid        primary key default gen_random_uuid(),
    created_at timestamptz not null default now(),
    singleton  boolean     not null default true unique check (singleton)
);

insert into event_store_identity default values;
