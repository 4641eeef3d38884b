-- Application nodes sharing this database announce themselves here, so each pooled processor's
-- segments can be shared fairly between the nodes that are alive (docs/reliability.md).
create table node_heartbeat (
    node_id   varchar(64) primary key,
    last_seen timestamp   not null
);
