/** What the engine tells the console about the API (see ../routes.ts, consoleConfig). */
export type AuthMode = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS';

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface TableView {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: Record<string, { partitionKey: KeyAttribute; sortKey?: KeyAttribute }>;
}

export interface ConsoleConfig {
  name: string;
  graphqlPath: string;
  realtimePath: string;
  authModes: AuthMode[];
  defaultAuthMode: AuthMode;
  apiKey?: string;
  userPool?: { id: string; clientId: string; endpoint: string; authFlows: string[] };
  tables: Record<string, TableView>;
  requestLog: boolean;
  verbose: boolean;
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  const body = (await response.json()) as T & { errors?: Array<{ message: string }> };
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `${path} answered ${response.status}`);
  return body;
}
