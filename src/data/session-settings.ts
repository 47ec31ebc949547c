/**
 * Settings for every DuckDB session. Extensions would be fetched from the internet, which the
 * app must never do, so autoloading is off and a missing extension fails loudly instead.
 */
export const SESSION_SETTINGS_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
].join('; ');
