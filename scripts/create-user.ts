// npm run create-user -- --username wang --role coordinator [--display-name 王主任] [--district liwan] [--vehicle lw-van-01]
// Creates a login on the configured database (DATABASE_URL), migrating it first. The password comes
// from BAOGONG_PASSWORD, else from a prompt (or the first line of stdin when it is not a terminal):
// never from a flag, which other users of the machine could read in the process list.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createUserPassword, loadConfig } from '../server/config';
import { normaliseName } from '../server/domain/names';
import { migrateLatest, openDatabase } from '../server/store/db';
import { hashPassword } from '../server/store/passwords';
import { createStore } from '../server/store/store';

const USAGE = 'usage: npm run create-user -- --username <name> --role coordinator|district_official|driver '
  + '[--display-name <name>] [--district <id>] [--vehicle <id>]   (password: BAOGONG_PASSWORD or prompt)';

const inputSchema = z.strictObject({
  username: z.string().overwrite(normaliseName).regex(/^[A-Za-z0-9_.-]{2,50}$/, 'must be 2–50 letters, digits, "_", "." or "-"'),
  role: z.enum(['coordinator', 'district_official', 'driver']),
  displayName: z.string().overwrite(normaliseName).min(1).max(200),
  districtId: z.string().min(1).nullable(),
  vehicleId: z.string().min(1).nullable(),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
}).refine((u) => u.role !== 'district_official' || u.districtId, { message: 'a district_official needs --district', path: ['districtId'] })
  .refine((u) => u.role !== 'driver' || u.vehicleId, { message: 'a driver needs --vehicle', path: ['vehicleId'] });

function fail(message: string): never {
  console.error(`create-user: ${message}\n${USAGE}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const given = createUserPassword();
  if (given) return given;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write('password (not shown): ');
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((done) => rl.once('line', done).once('close', () => done('')));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' }, district: { type: 'string' }, vehicle: { type: 'string' } },
  }));
} catch (err) {
  fail((err as Error).message);
}
const parsed = inputSchema.safeParse({
  username: values.username ?? '', role: values.role ?? '', displayName: values['display-name'] ?? values.username ?? '',
  districtId: values.district ?? null, vehicleId: values.vehicle ?? null, password: await readPassword(),
});
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`${issue.path.join('.') || 'input'}: ${issue.message.replace(/^Invalid input: /, '')}`);
}
const input = parsed.data;

const db = openDatabase(loadConfig().databaseUrl);
const store = createStore(db);
try {
  await migrateLatest(db);
  if (await store.users.getByUsername(input.username)) fail(`username "${input.username}" is taken`);
  if (input.districtId && !(await store.districts.get(input.districtId))) fail(`no district "${input.districtId}"`);
  if (input.vehicleId && !(await store.vehicles.get(input.vehicleId))) fail(`no vehicle "${input.vehicleId}"`);
  const user = {
    id: `user-${randomUUID()}`, username: input.username, displayName: input.displayName, role: input.role,
    districtId: input.districtId, vehicleId: input.vehicleId,
  };
  await store.users.upsert(user, await hashPassword(input.password));
  console.log(`created ${user.role} "${user.username}" (${user.id}); log in at the server's URL`);
} finally {
  await db.destroy();
}
