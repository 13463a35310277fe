// Quoting for the command lines delegsim prints for the user to run again
// (resume hints): POSIX shell single quotes where an argument needs them.

/** `arg` as one shell word: as it is when it is plain, else single-quoted. */
export const shellQuote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
