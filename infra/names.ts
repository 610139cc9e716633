/** Naming helpers shared by the stack's constructs. */

/** `my-games_table` → `MyGamesTable`, for construct ids that stay readable in the template. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** AppSync data source and function names allow only letters, digits and `_`. */
export function appsyncName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
