-- The activity feed (GET /api/history?actor_id=&since=&until=&entity_type=&after=&limit=) walks
-- domainevententry in position (globalindex) order. Two indexes keep it off a full scan:
--
-- 1. The acting user is in the event metadata (Jackson JSON bytes, key actorId, a number). The
--    function reads it; it never raises (a missing, odd or unreadable actorId, even bytes that are
--    not JSON, give null), so it cannot fail an append. immutable: the metadata bytes are always UTF-8 JSON.
--    (actor, position) answers "this user's events after position p" as one index range.
-- 2. timestamp is Axon's fixed-width UTC text with milliseconds (text order = time order), so a
--    plain index answers "events since t" when t is recent.
create function macula_event_actor_id(metadata bytea) returns bigint
    language plpgsql immutable strict parallel safe
as $$
declare
    m jsonb;
begin
    m := convert_from(metadata, 'UTF8')::jsonb;
    if jsonb_typeof(m -> 'actorId') in ('number', 'string') and (m ->> 'actorId') ~ '^ *-?[0-9]{1,18} *$' then
        return trim(m ->> 'actorId')::bigint;
    end if;
    return null;
exception when others then
    -- an index expression runs on every append: whatever the bytes hold, never fail the write
    return null;
end
$$;

create index domainevententry_actor_position on domainevententry (macula_event_actor_id(metadata), globalindex);
create index domainevententry_timestamp on domainevententry (timestamp);
