// Permissions (MODEL.md §5): scope masks, named scopes and delegation capability tokens.
export * from './scopeMask.js';
export * from './scopeSpace.js';
export * from './tokenTable.js';
