package dev.macula.infra.exports;

/**
 * What {@code POST /api/admin/exports} asked, resolved: the project (and optionally one task of it)
 * as they were at {@code position}, the snapshot's moment (the head when no {@code as_of} was given).
 */
record ExportRequest(long projectId, String projectName, Long taskId, long position) {
}
