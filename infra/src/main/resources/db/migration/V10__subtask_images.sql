-- Images of a sub-task; the link disappears with the sub-task or the image.
create table subtask_image (
    subtask_id        bigint not null references subtask (id) on delete cascade,
    image_instance_id bigint not null references image_instance (id) on delete cascade,
    primary key (subtask_id, image_instance_id)
);
