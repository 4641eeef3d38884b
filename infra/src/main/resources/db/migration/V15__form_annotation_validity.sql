-- Validity of each form annotation against its schema: derived by the form-annotations projection
-- (never stored in events), so a replay reproduces it. Null = not computed yet (rows written before
-- this migration); FormValidityBackfill fills those at start-up.
alter table form_annotation add column valid boolean;
alter table form_annotation add column validation_errors jsonb;

-- GET /api/form-annotations?valid=false and the sub-task Ready check look for the invalid few.
create index form_annotation_invalid on form_annotation (sub_task_id) where valid = false;
create index form_annotation_sub_task on form_annotation (sub_task_id);
