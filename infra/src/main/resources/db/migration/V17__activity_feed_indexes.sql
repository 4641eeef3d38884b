-- The activity feed (GET /api/history?actor_id=&since=&until=&entity_type=&after=&limit=) walks
-- domainevententry in position (globalindex) order. Two indexes keep it off a full scan:
--
-- 1. The acting user is in the event metadata (Jackson JSON bytes, key actorId, a number). The
--    function reads it; it never raises on other shapes (a missing, textual or odd actorId is null),
--    so it cannot fail an append. immutable: the metadata bytes are always UTF-8 JSON.
--    (actor, position) answers "this user's events after position p" as one index range.
-- 2. timestamp is Axon's fixed-width UTC text with milliseconds (text order = time order), so a
--    plain index answers "events since t" when t is recent.
create function macula_event_actor_id(metadata bytea) returns bigint
    language sql immutable strict parallel safe
as $$
    select case
        when jsonb_typeof(m -> 'actorId') = 'number' and (m ->> 'actorId') ~ '^-?[0-9]{1,18}$'
            then (m ->> 'actorId')::bigint
        when jsonb_typeof(m -> 'actorId') = 'string' and (m ->> 'actorId') ~ '^\s*-?[0-9]{1,18}\s*$'
            then trim(m ->> 'actorId')::bigint
        end
    from (select convert_from(metadata, 'UTF8')::jsonb as m) as parsed
$$;

create index domainevententry_actor_position on domainevententry (macula_event_actor_id(metadata), globalindex);
create index domainevententry_timestamp on domainevententry (timestamp);
