-- The time machine (docs/architecture.md "Time travel"): every inline read-model table T gets
-- T_history, the same columns plus the event positions between which that row version was the
-- live one ([valid_from, valid_to)), kept by one generic trigger, and a view macula_asof.T that
-- shows the rows valid at the position in the setting macula.as_of. An as-of request sets that
-- setting and puts macula_asof first on the search path inside a read-only transaction, then runs
-- the unchanged live query code: one renderer for live and as-of answers.

create schema macula_asof;

-- The position of the newest event appended in this transaction. Axon appends a command's events
-- before the inline projections run, so every read-model change of a command is stamped with the
-- command's last event: its events take effect together, as they did for live readers.
create function macula_note_event_position() returns trigger
    language plpgsql
as $$
begin
    perform set_config('macula.position', new.globalindex::text, true);
    return null;
end
$$;

create trigger domainevententry_position
    after insert on domainevententry
    for each row execute function macula_note_event_position();

-- Where a read-model change happens at: the transaction's event position (set by the trigger
-- above or, during a rebuild, by the replay), else the newest event (a change made by no event).
create function macula_change_position() returns bigint
    language plpgsql
as $$
declare
    noted text := current_setting('macula.position', true);
begin
    if noted is null or noted = '' then
        return coalesce((select max(globalindex) from domainevententry), 0);
    end if;
    return noted::bigint;
end
$$;

-- The position an as-of view shows: set per transaction by the as-of request; unset is an error.
create function macula_as_of() returns bigint
    language sql stable
as $$
select current_setting('macula.as_of')::bigint
$$;

-- tg_argv[0]: the key match on $1 (the old row), tg_argv[1]: the column list. A row changed twice
-- in one transaction keeps only its last version at that position.
create function macula_record_history() returns trigger
    language plpgsql
as $$
declare
    history text := quote_ident(tg_table_name || '_history');
    pos bigint;
begin
    if current_setting('macula.history', true) = 'off' then
        return null; -- a rebuild clears the read models and refills their history itself
    end if;
    pos := macula_change_position();
    if tg_op in ('UPDATE', 'DELETE') then
        execute format('delete from %s where valid_to is null and valid_from = $2 and %s', history, tg_argv[0])
            using old, pos;
        execute format('update %s set valid_to = $2 where valid_to is null and %s', history, tg_argv[0])
            using old, pos;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        execute format('insert into %s (%s, valid_from) select ($1).*, $2', history, tg_argv[1])
            using new, pos;
    end if;
    return null;
end
$$;

-- Where the recorded history begins: rows that existed before this migration are known from the
-- position they had then; a read-model rebuild replays everything and sets it to 0.
create table read_model_history_start (
    singleton boolean primary key default true check (singleton),
    position  bigint not null
);
insert into read_model_history_start (position)
select coalesce(max(globalindex), 0) from domainevententry;

-- Makes table T time-travelling, or brings its history table, trigger and view up to date after a
-- migration changed T (call it again then): idempotent.
create function macula_track_history(t text) returns void
    language plpgsql
as $$
declare
    history text := t || '_history';
    columns text;
    key_match text;
    key_columns text;
    missing record;
    idx record;
    n integer := 0;
begin
    select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into columns
    from pg_attribute a
    where a.attrelid = ('public.' || quote_ident(t))::regclass and a.attnum > 0 and not a.attisdropped;

    select string_agg(format('%1$I = ($1).%1$I', a.attname), ' and ' order by k.ord),
           string_agg(quote_ident(a.attname), ', ' order by k.ord)
    into key_match, key_columns
    from pg_index i
             cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = ('public.' || quote_ident(t))::regclass and i.indisprimary;
    if key_match is null then
        raise exception 'table % has no primary key: its history cannot be kept', t;
    end if;

    if to_regclass('public.' || quote_ident(history)) is null then
        execute format('create table public.%I (like public.%I)', history, t);
        execute format('alter table public.%I add column valid_from bigint not null, add column valid_to bigint', history);
        execute format('insert into public.%I (%s, valid_from) select %s, (select position from read_model_history_start) from public.%I',
                       history, columns, columns, t);
    else
        for missing in
            select a.attname, format_type(a.atttypid, a.atttypmod) as type
            from pg_attribute a
            where a.attrelid = ('public.' || quote_ident(t))::regclass and a.attnum > 0 and not a.attisdropped
              and not exists (select 1 from pg_attribute h
                              where h.attrelid = ('public.' || quote_ident(history))::regclass
                                and h.attname = a.attname and not h.attisdropped)
            loop
                execute format('alter table public.%I add column %I %s', history, missing.attname, missing.type);
            end loop;
    end if;

    execute format('create index if not exists %I on public.%I (%s, valid_from)', history || '_key', history, key_columns);
    execute format('create index if not exists %I on public.%I (valid_from)', history || '_from', history);
    -- the live table's other lookups, without uniqueness (many versions share a key)
    for idx in
        select pg_get_indexdef(i.indexrelid) as def
        from pg_index i
        where i.indrelid = ('public.' || quote_ident(t))::regclass and not i.indisprimary
        order by i.indexrelid
        loop
            n := n + 1;
            execute regexp_replace(idx.def, '^CREATE (UNIQUE )?INDEX \S+ ON \S+ ',
                                   format('CREATE INDEX IF NOT EXISTS %I ON public.%I ', history || '_' || n, history));
        end loop;

    execute format('drop trigger if exists %I on public.%I', t || '_history', t);
    execute format('create trigger %I after insert or update or delete on public.%I for each row '
                       || 'execute function macula_record_history(%L, %L)', t || '_history', t, key_match, columns);

    execute format('drop view if exists macula_asof.%I', t);
    execute format('create view macula_asof.%I as select %s from public.%I '
                       || 'where valid_from <= macula_as_of() and (valid_to is null or valid_to > macula_as_of())',
                   t, columns, history);
end
$$;

-- every inline read model (the @InlineReadModel tables; ReadModelHistoryTest keeps this list whole)
select macula_track_history(t)
from unnest(array ['app_user', 'tag_star', 'tag', 'tag_link',
    'project', 'patient', 'study', 'series', 'device_model', 'device_instance', 'image_instance',
    'feature', 'composite_feature', 'segmentation', 'segmentation_version', 'model', 'model_segmentation',
    'task_definition', 'task', 'subtask', 'subtask_image', 'form_schema', 'form_annotation']) as t;
