import { SalesforceSandbox, SalesforceSandboxOptions, startSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';

/**
 * Test helpers. The jsforce Connection class is passed in by each spec (only spec files may import the
 * client library), so this module stays free of vendor imports.
 */
export interface ConnectionOptions {
  instanceUrl: string;
  accessToken: string;
  refreshToken: string;
  oauth2: { loginUrl: string; clientId: string; clientSecret: string };
  version: string;
}

export type ConnectionClass<C> = new (options: ConnectionOptions) => C;

/** Starts a sandbox and a jsforce Connection wired the way production code wires it. */
export async function startWithConnection<C>(Conn: ConnectionClass<C>, options: SalesforceSandboxOptions = {}, version = '60.0'): Promise<{ sandbox: SalesforceSandbox; conn: C }> {
  const sandbox = await startSalesforceSandbox(options);
  return { sandbox, conn: connect(Conn, sandbox, version) };
}

export function connect<C>(Conn: ConnectionClass<C>, sandbox: SalesforceSandbox, version = '60.0', accessToken = sandbox.clientCredentials.accessToken): C {
  const { clientId, clientSecret, refreshToken } = sandbox.clientCredentials;
  return new Conn({ instanceUrl: sandbox.baseUrl, accessToken, refreshToken, oauth2: { loginUrl: sandbox.loginUrl, clientId, clientSecret }, version });
}

/** The error jsforce throws, with its errorCode, for assertions on Salesforce error shapes. */
export async function errorOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; name?: string; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (err) {
    return err as { errorCode?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/**
 * Drains a jsforce record stream (what `conn.bulk2.query()` resolves to) by async iteration. Listening to
 * 'record' events instead stalls after about 1,000,000 records: jsforce 3.10.16's Parsable also pipes into an
 * internal PassThrough that nobody reads (src/record-stream.ts), and its 500,000-object buffers fill up.
 */
export async function collectRecords(stream: unknown): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  for await (const r of stream as AsyncIterable<Record<string, string>>) out.push(r);
  return out;
}
