// Constraint violations in a form the service layer can map to 409 CONFLICT, whichever database
// raised them. node-sqlite3 reports only the primary code (SQLITE_CONSTRAINT), so the kind of
// constraint is read from its message; PostgreSQL gives a SQLSTATE.

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

type ConstraintKind = 'foreign_key' | 'unique' | 'check' | 'not_null';

const PG_CODES: Record<ConstraintKind, string> = {
  foreign_key: '23503',
  unique: '23505',
  check: '23514',
  not_null: '23502',
};

const SQLITE_MESSAGES: Record<ConstraintKind, string> = {
  foreign_key: 'FOREIGN KEY constraint failed',
  unique: 'UNIQUE constraint failed',
  check: 'CHECK constraint failed',
  not_null: 'NOT NULL constraint failed',
};

export function isForeignKeyViolation(err: unknown): boolean {
  return violation(err, 'foreign_key') !== null;
}

/** Also true for a duplicate primary key. */
export function isUniqueViolation(err: unknown): boolean {
  return violation(err, 'unique') !== null;
}

export function isCheckViolation(err: unknown): boolean {
  return violation(err, 'check') !== null;
}

export function isNotNullViolation(err: unknown): boolean {
  return violation(err, 'not_null') !== null;
}

/**
 * The constraint (PostgreSQL) or the constraint/columns (SQLite, e.g. "users.username") named by a
 * violation, when the database says; null for other errors or when it does not.
 */
export function violatedConstraint(err: unknown): string | null {
  for (const kind of Object.keys(PG_CODES) as ConstraintKind[]) {
    const found = violation(err, kind);
    if (!found) continue;
    if (typeof found.constraint === 'string') return found.constraint;
    const message = typeof found.message === 'string' ? found.message : '';
    const after = message.split(`${SQLITE_MESSAGES[kind]}: `)[1];
    return after?.trim() || null;
  }
  return null;
}

function violation(err: unknown, kind: ConstraintKind): DriverError | null {
  // knex and our own wrappers may nest the driver's error as `cause`.
  let current: unknown = err;
  for (let depth = 0; depth < 5 && isObject(current); depth++) {
    if (current.code === PG_CODES[kind]) return current;
    if (current.code === 'SQLITE_CONSTRAINT' && typeof current.message === 'string'
      && current.message.includes(SQLITE_MESSAGES[kind])) return current;
    current = current.cause;
  }
  return null;
}

function isObject(value: unknown): value is DriverError {
  return typeof value === 'object' && value !== null;
}
