/**
 * `node dist/main.js agents …`: the accounts of the agents, from the server's own machine.
 *
 *   agents add <login> --first-name Julie [--title "Customer care"] [--avatar-url https://…]
 *                      [--role agent|admin|community] [--topics Billing,Plans] --password-stdin
 *   agents list
 *
 * The password is read from the first line of standard input (never from the command line, which other
 * users of the machine can see); `CLAVARD_DB` and `CLAVARD_TOPICS` say which database and topics.
 */
import { parseArgs } from 'node:util';
import { createAccount } from '../accounts/accounts.js';
import type { ServerOptions } from '../config.js';
import type { AgentRole } from '../db/account-store.js';
import { openDatabase } from '../db/open.js';

const USAGE = `usage:
  agents add <login> --first-name <name> [--title <title>] [--avatar-url <url>] [--role agent|admin|community]
             [--topics <a,b>] --password-stdin      (the password on the first line of standard input)
  agents list`;

const firstLine = async (input: NodeJS.ReadableStream): Promise<string> => {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
};

/**
 * Runs the command; resolves with the exit code, having written what it did or why it could not.
 *
 * @example
 * ```ts
 * process.exitCode = await runAgentsCommand(process.argv.slice(3), readConfig(process.env), process);
 * ```
 */
export async function runAgentsCommand(
  args: readonly string[],
  config: ServerOptions,
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const [command, ...rest] = args;
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        'first-name': { type: 'string' },
        title: { type: 'string' },
        'avatar-url': { type: 'string' },
        role: { type: 'string' },
        topics: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const store = await openDatabase(config.database ?? ':memory:');
  try {
    if (command === 'list' && parsed.positionals.length === 0) {
      for (const row of await store.accounts()) {
        io.stdout.write(`${row.login}\t${row.first_name}\t${row.role}\t${row.title ?? ''}\n`);
      }
      return 0;
    }
    const [login] = parsed.positionals;
    const { values } = parsed;
    if (command !== 'add' || login === undefined || !values['password-stdin']) {
      io.stderr.write(`${USAGE}\n`);
      return 2;
    }
    // createAccount refuses a role it does not know, with the roles it does.
    const role = values.role ?? 'agent';
    const row = await createAccount(
      store,
      {
        login,
        firstName: values['first-name'] ?? '',
        ...(values.title === undefined ? {} : { title: values.title }),
        ...(values['avatar-url'] === undefined ? {} : { avatarUrl: values['avatar-url'] }),
        role: role as AgentRole,
        topics: (values.topics ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
        password: await firstLine(io.stdin),
      },
      config.topics ?? [],
    );
    io.stdout.write(`added ${row.login} (${row.first_name}, ${row.role})\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`agents ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
