// Permissions (MODEL.md §5; paper §4.7, §6.1): scope masks, named scopes and delegation capability tokens.
export * from './scopeMask.js';
export * from './scopeSpace.js';
export * from './tokenTable.js';
