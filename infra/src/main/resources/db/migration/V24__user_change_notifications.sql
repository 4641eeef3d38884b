-- Every node keeps the users it authenticates in memory (infra/security/AuthenticatedUsers). A change to
-- a user row must reach all of them: each node LISTENs on this channel, and PostgreSQL delivers a
-- NOTIFY when the changing transaction commits (never for one that rolls back). The payload is the
-- user's id, or '*' when the table was emptied (a read-model rebuild).
create function macula_notify_user_changed() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('macula_user_changed', '*');
    elsif tg_op = 'DELETE' then
        perform pg_notify('macula_user_changed', old.id::text);
    else
        perform pg_notify('macula_user_changed', new.id::text);
    end if;
    return null;
end
$$;

create trigger app_user_changed
    after update or delete on app_user
    for each row execute function macula_notify_user_changed();

create trigger app_user_emptied
    after truncate on app_user
    for each statement execute function macula_notify_user_changed();
