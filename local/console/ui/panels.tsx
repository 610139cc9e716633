/**
 * GraphiQL sidebar plugins showing the state behind the API: the outbox (what was "sent"), the tables
 * (read-only pages) and the engine's log. Each polls the engine's read-only console views while open.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { getJson, type ConsoleConfig } from './config';

function usePoll<T>(load: () => Promise<T>, everyMs: number, deps: unknown[]): [T | undefined, string] {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState('');
  useEffect(() => {
    let stopped = false;
    const tick = () => load().then((v) => !stopped && (setValue(v), setError('')), (e: Error) => !stopped && setError(e.message));
    tick();
    const timer = setInterval(tick, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, deps);
  return [value, error];
}

const Json = ({ value }: { value: unknown }) => <pre className="tb-json">{JSON.stringify(value, null, 2)}</pre>;

interface OutboxMessage {
  id: string;
  timestamp: string;
  topicArn?: string;
  phoneNumber?: string;
  recipient?: string;
  subject?: string;
  message: string;
  attributes: Record<string, string>;
}

function OutboxPanel() {
  const [messages, error] = usePoll(() => getJson<OutboxMessage[]>('/console/api/outbox'), 1000, []);
  const [recipient, setRecipient] = useState('');
  const all = messages ?? [];
  const groups = new Map<string, OutboxMessage[]>();
  for (const m of all) {
    const key = m.topicArn ? `topic ${m.topicArn.split(':').pop()}` : `SMS to ${m.recipient ?? m.phoneNumber}${m.recipient && m.phoneNumber && m.recipient !== m.phoneNumber ? ` (${m.phoneNumber})` : ''}`;
    if (recipient && !key.toLowerCase().includes(recipient.toLowerCase())) continue;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return (
    <div className="tb-panel" aria-label="outbox panel">
      <div className="graphiql-doc-explorer-title">Outbox</div>
      <p className="tb-muted">Topic messages and SMS the API published, newest last; updates live.</p>
      <input aria-label="filter recipient" placeholder="filter by recipient or topic" value={recipient} onChange={(e) => setRecipient(e.target.value)} />
      {error && <p className="tb-error">{error}</p>}
      {all.length === 0 && <p className="tb-muted">Nothing published yet.</p>}
      {[...groups].map(([key, list]) => (
        <section key={key}>
          <h4>{key} · {list.length}</h4>
          {list.map((m) => (
            <div className="tb-message" key={m.id}>
              <span className="tb-muted">{new Date(m.timestamp).toLocaleTimeString()}{m.subject ? ` · ${m.subject}` : ''}</span>
              <div className="tb-message-text">{m.message}</div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

interface DataPage {
  items: Record<string, unknown>[];
  cursor?: string;
  scannedCount: number;
}

function DataPanel({ config }: { config: ConsoleConfig }) {
  const tableNames = Object.keys(config.tables);
  const [table, setTable] = useState(tableNames[0] ?? '');
  const [index, setIndex] = useState('');
  const [partitionValue, setPartitionValue] = useState('');
  const [sortOp, setSortOp] = useState('=');
  const [sortValue, setSortValue] = useState('');
  const [limit, setLimit] = useState(25);
  const [backwards, setBackwards] = useState(false);
  const [pages, setPages] = useState<DataPage[]>([]);
  const [error, setError] = useState('');
  const view = config.tables[table];
  const keys = view && (index ? view.indexes[index] : view);

  const load = (cursor?: string) => {
    const params = new URLSearchParams({ table, limit: String(limit) });
    if (index) params.set('index', index);
    if (partitionValue !== '') {
      params.set('partitionValue', partitionValue);
      params.set('backwards', String(backwards));
      if (sortValue !== '') {
        params.set('sortOp', sortOp);
        params.set('sortValue', sortValue);
      }
    }
    if (cursor) params.set('cursor', cursor);
    setError('');
    getJson<DataPage>(`/console/api/data?${params}`).then(
      (page) => setPages((previous) => (cursor ? [...previous, page] : [page])),
      (e: Error) => setError(e.message),
    );
  };
  if (!view) return <div className="tb-panel" aria-label="data panel"><div className="graphiql-doc-explorer-title">Data</div><p className="tb-muted">The API description declares no tables.</p></div>;
  const items = pages.flatMap((p) => p.items);
  const last = pages[pages.length - 1];
  return (
    <div className="tb-panel" aria-label="data panel">
      <div className="graphiql-doc-explorer-title">Data</div>
      <p className="tb-muted">The description's tables, read-only. Leave the key empty to scan.</p>
      <form className="tb-form" onSubmit={(e) => (e.preventDefault(), load())}>
        <label>Table <select aria-label="table" value={table} onChange={(e) => (setTable(e.target.value), setIndex(''), setPages([]))}>{tableNames.map((t) => <option key={t}>{t}</option>)}</select></label>
        <label>Index <select aria-label="index" value={index} onChange={(e) => (setIndex(e.target.value), setPages([]))}><option value="">(table)</option>{Object.keys(view.indexes).map((i) => <option key={i}>{i}</option>)}</select></label>
        <label>{keys.partitionKey.name} = <input aria-label="partition key" placeholder="scan when empty" value={partitionValue} onChange={(e) => setPartitionValue(e.target.value)} /></label>
        {keys.sortKey && (
          <label>{keys.sortKey.name}{' '}
            <select aria-label="sort condition" value={sortOp} onChange={(e) => setSortOp(e.target.value)}>{['=', '<', '<=', '>', '>=', 'begins_with'].map((o) => <option key={o}>{o}</option>)}</select>{' '}
            <input aria-label="sort key" value={sortValue} onChange={(e) => setSortValue(e.target.value)} />
          </label>
        )}
        <label>Limit <input aria-label="limit" type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(Number(e.target.value))} /></label>
        {keys.sortKey && <label><input type="checkbox" checked={backwards} onChange={(e) => setBackwards(e.target.checked)} /> newest first</label>}
        <button type="submit">{partitionValue === '' ? 'Scan' : 'Query'}</button>
      </form>
      {error && <p className="tb-error" role="alert">{error}</p>}
      {pages.length > 0 && <p className="tb-muted">{items.length} item(s){last?.cursor ? ', more to read' : ''}</p>}
      {items.map((item, i) => <Json key={i} value={item} />)}
      {last?.cursor && <button type="button" onClick={() => load(last.cursor)}>Next page</button>}
    </div>
  );
}

interface LogEntry {
  seq: number;
  line: string;
}

function LogLine({ line }: { line: string }): ReactNode {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return <div className="tb-log-line">{line}</div>;
  }
  const status = typeof parsed.status === 'number' ? parsed.status : undefined;
  const bad = (status !== undefined && status >= 400) || parsed.level === 'error' || parsed.errors !== undefined;
  const errors = Array.isArray(parsed.errors) ? (parsed.errors as Array<{ errorType?: string | null; message?: string }>) : [];
  const firstError = errors[0] && `${errors[0].errorType ?? 'error'}: ${errors[0].message ?? ''}${errors.length > 1 ? ` (+${errors.length - 1})` : ''}`;
  const summary = [parsed.time && new Date(String(parsed.time)).toLocaleTimeString(), parsed.type, parsed.operation, status, parsed.ms !== undefined && `${String(parsed.ms)} ms`, parsed.reason, firstError, parsed.message]
    .filter((part) => part !== undefined && part !== null && part !== false && part !== '')
    .join(' · ');
  return (
    <details className={bad ? 'tb-log-line tb-log-bad' : 'tb-log-line'}>
      <summary>{summary || line.slice(0, 120)}</summary>
      <Json value={parsed} />
    </details>
  );
}

function LogPanel({ config }: { config: ConsoleConfig }) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let after = 0;
    let stopped = false;
    const tick = () =>
      getJson<LogEntry[]>(`/console/api/log?after=${after}`).then(
        (fresh) => {
          if (stopped || fresh.length === 0) return;
          after = fresh[fresh.length - 1].seq;
          setEntries((previous) => [...previous, ...fresh].slice(-500));
        },
        (e: Error) => !stopped && setError(e.message),
      );
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <div className="tb-panel" aria-label="log panel">
      <div className="graphiql-doc-explorer-title">Log</div>
      <p className="tb-muted">
        The engine's log, newest first: one line per request (operation, status, resolver stages and timings{config.verbose ? ', request and response objects' : '; start with --verbose for request and response objects'}).
        {!config.requestLog && ' Request lines are off (--quiet).'}
      </p>
      <button type="button" onClick={() => setEntries([])}>Clear</button>
      {error && <p className="tb-error">{error}</p>}
      {[...entries].reverse().map((e) => <LogLine key={e.seq} line={e.line} />)}
    </div>
  );
}

const icon = (letter: string) => () => <span className="tb-icon" aria-hidden="true">{letter}</span>;

export function consolePlugins(config: ConsoleConfig) {
  return [
    { title: 'Outbox', icon: icon('✉'), content: OutboxPanel },
    { title: 'Data', icon: icon('▦'), content: () => <DataPanel config={config} /> },
    { title: 'Log', icon: icon('≡'), content: () => <LogPanel config={config} /> },
  ];
}
