-- Device models and instances become event-sourced (admin endpoints); ids from sequences.
create sequence device_id_seq;
create sequence device_instance_id_seq;
