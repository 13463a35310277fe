// The audit log (MODEL.md §9 "audit"; paper §5.2): records, the chained writer and its
// verifier. Browser-safe: the Node bindings (SHA-256, files) live in
// auditFile.ts, imported directly by Node code.
export * from './auditRecord.js';
export * from './auditLog.js';
export * from './verifyAuditLines.js';
