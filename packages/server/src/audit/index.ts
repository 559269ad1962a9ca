// Audit log (no routes of its own): who signed in and who exported which report, when. Written by auth/
// and campaign/; read by the campaign console's audit endpoint.
export { type AuditEntry, type AuditRecord, listAudit, recordAudit } from "./store.ts";
export { auditLog } from "./tables.ts";
